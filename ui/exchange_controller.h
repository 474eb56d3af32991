// File › Export and File › Import of a project, over the command line's formats
// (core/export): an export is written atomically (a full disk or a failing format never leaves
// half a file behind); an import reads ELAN .eaf, BORIS-style .tsv or the app's .csv by the
// file's extension, under the annotator and scheme given, and when the file names people the
// project does not know ("Client"), asks first which person each is (participant mapping) —
// nothing is imported when that question is cancelled.
// Thread-safety: GUI thread only (the work is quick: files of annotations, one transaction).
#pragma once

#include <QObject>
#include <QString>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/export/importer.h"

namespace unilearn::core {
class Project;
}

namespace unilearn::ui {

class ExchangeController : public QObject {
  Q_OBJECT

 public:
  explicit ExchangeController(QObject* parent = nullptr);

  // Who answers "who is who?": for each unknown name the project's person ("face 1", a name,
  // "whole video") or "" to leave it out; nothing: cancelled. The window asks with a dialog;
  // without one (scripts, tests that give no answer) nothing is asked.
  using AskSubjects = std::function<std::optional<std::map<std::string, std::string>>(
      const std::vector<std::string>& unknown)>;
  void setAskSubjects(AskSubjects ask) { ask_ = std::move(ask); }

  // `format`: a name of core::exportFormats(); `video`: the video an EAF links to (else none).
  // False with the reason in lastError().
  bool exportTo(core::Project& project, const QString& path, const QString& format,
                const QString& video = {});

  struct Import {
    QString path;  // .eaf, .tsv, anything else is read as the app's CSV
    std::string annotator, scheme;
    // The mapping when it is known already (a script); empty: asked when needed.
    std::map<std::string, std::string> subjects;
  };
  // The report, or nothing (lastError() says why; empty when the mapping was cancelled).
  std::optional<core::ImportReport> importFrom(core::Project& project, const Import& request);
  // For people: "N annotations imported, M already in the project, K not mapped." and the
  // first 20 rows that did not map, one a line.
  static QString summary(const core::ImportReport& report);

  QString lastError() const { return error_; }

 private:
  AskSubjects ask_;
  QString error_;
};

}  // namespace unilearn::ui
