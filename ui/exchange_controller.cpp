#include "ui/exchange_controller.h"

#include <QFileInfo>

#include "core/export/eaf.h"
#include "core/export/exporter.h"
#include "core/storage/project.h"
#include "model/base/atomic_file.h"
#include "model/base/error.h"

namespace unilearn::ui {

ExchangeController::ExchangeController(QObject* parent) : QObject(parent) {}

bool ExchangeController::exportTo(core::Project& project, const QString& path,
                                  const QString& format, const QString& video) {
  error_.clear();
  core::ExportOptions o;
  o.frames = format == "csv";
  o.document_dir = QFileInfo(path).absolutePath().toStdString();
  if (format == "eaf" && !video.isEmpty()) o.video = video.toStdString();
  try {
    const core::ExportFormat& f = core::exportFormat(format.toStdString());
    writeFileAtomically(
        path.toStdString(), [&](std::ostream& out) { f.write(project, out, o); },
        /*binary=*/false);
  } catch (const Error& e) {
    error_ = QString::fromUtf8(e.what());
    return false;
  }
  return true;
}

std::optional<core::ImportReport> ExchangeController::importFrom(core::Project& project,
                                                                 const Import& request) {
  error_.clear();
  const std::string file = request.path.toStdString();
  core::ImportOptions o;
  o.annotator = request.annotator;
  o.scheme = request.scheme;
  o.subjects = request.subjects;
  auto run = [&] {
    const QString& path = request.path;
    return path.endsWith(".eaf", Qt::CaseInsensitive)   ? core::importEaf(project, file, o)
           : path.endsWith(".tsv", Qt::CaseInsensitive) ? core::importTsv(project, file, o)
                                                        : core::importCsv(project, file, o);
  };
  try {
    if (o.subjects.empty() && ask_) {
      o.dry_run = true;  // whom does the file name that we do not know?
      const auto unknown = run().unmatched_subjects;
      o.dry_run = false;
      if (!unknown.empty()) {
        auto mapping = ask_(unknown);
        if (!mapping) return std::nullopt;  // cancelled: nothing imported
        o.subjects = std::move(*mapping);
      }
    }
    return run();
  } catch (const Error& e) {
    error_ = QString::fromUtf8(e.what());
    return std::nullopt;
  }
}

QString ExchangeController::summary(const core::ImportReport& r) {
  QString text = tr("%1 annotations imported, %2 already in the project, %3 not mapped.")
                     .arg(r.imported)
                     .arg(r.duplicates)
                     .arg(r.skipped.size());
  for (size_t i = 0; i < r.skipped.size() && i < 20; ++i)
    text += "\n" + QString::fromStdString(r.skipped[i]);
  return text;
}

}  // namespace unilearn::ui
