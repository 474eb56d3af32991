#include "ui/analysis_controller.h"

#include <QFileInfo>
#include <algorithm>

#include "core/analysis/clip_model.h"
#include "core/analysis/timeline.h"
#include "core/analysis/timeline_stream.h"
#include "core/resources.h"
#include "core/storage/project.h"

namespace unilearn::ui {

AnalysisController::AnalysisController(QObject* parent) : QObject(parent) {}

bool AnalysisController::start(const Request& request) {
  if (running_) return false;
  running_ = true;
  // What the queue did, for the message at its end.
  struct Outcome {
    QString message;
    QStringList failed, damaged;
    int done = 0;
  };
  auto outcome = std::make_shared<Outcome>();
  auto stream = std::make_shared<core::TimelineStream>();
  stream_ = stream;
  const QStringList videos = request.videos;
  job_.start(
      [this, request, outcome, stream](BackgroundJob& job) {
        auto p = core::Project::open(request.project.toStdString(), false);  // its own connection
        core::AnalysisStream feed = stream->callbacks();
        feed.on_start = [stream, &p](int64_t analysis, int64_t media) {
          stream->reset(core::loadTimeline(*p, media, analysis));  // what it holds already
        };
        std::shared_ptr<core::ClipModel> clip;  // shared with the routing views
        if (!request.model.isEmpty())
          clip = core::ClipModel::shared(request.model.toStdString(), request.precision);
        // A model whose image head cannot give the per-frame curves: the static model does.
        core::AnalysisOptions options = request.options;
        options.frame_engine = core::usableFrameEngine(options.frame_engine, clip.get());
        const QStringList& videos = request.videos;
        for (int i = 0; i < videos.size() && !job.cancelled(); ++i) {
          const QString prefix =
              videos.size() > 1 ? tr("video %1 of %2 · ").arg(i + 1).arg(videos.size()) : QString();
          try {
            auto s = core::analyzeVideo(
                *p, videos[i].toStdString(), clip.get(), core::resourceDir(), options,
                [this, prefix, &job](const core::AnalysisProgress& pr) {
                  job.post([this, pr, prefix] {
                    emit progress(pr.frame, pr.frame_count, pr.frames_per_second, prefix);
                  });
                },
                job.cancelCheck(), feed);
            if (s.cancelled) break;
            ++outcome->done;
            if (!s.problems.empty())  // decoded around: said, not hidden
              outcome->damaged << QFileInfo(videos[i]).fileName() + ": " +
                                      QString::fromStdString(s.problems.front()) +
                                      (s.problems.size() > 1
                                           ? tr(" (and %1 more)").arg(s.problems.size() - 1)
                                           : QString());
            if (videos.size() == 1)
              outcome->message =
                  s.already_done
                      ? tr("Already analysed with this model and these settings: kept as it is")
                      : tr("Analysis done: %1 frames, %2 people, %3 windows")
                            .arg(s.frames)
                            .arg(s.tracks)
                            .arg(s.windows + s.windows_resumed);
          } catch (...) {  // this video only: the queue goes on
            outcome->failed << QFileInfo(videos[i]).fileName() + ": " +
                                   BackgroundJob::currentErrorMessage();
          }
        }
      },
      [this, outcome, count = videos.size()](const QString& error) {
        // `error`: the project or the model, so nothing could run.
        if (!error.isEmpty()) outcome->failed << error;
        const bool ok = outcome->failed.isEmpty();
        QString message = outcome->message;
        if (job_.cancelled())
          message = tr("Analysis cancelled (resumable)");
        else if (count > 1)
          message = tr("Analysed %1 of %2 videos").arg(outcome->done).arg(count);
        if (!outcome->damaged.isEmpty())
          message += tr(" · damaged video, analysed around the damage: %1")
                         .arg(outcome->damaged.join(" · "));
        if (!ok) message = (count > 1 ? message + ". " : QString()) + outcome->failed.join("\n");
        running_ = false;
        stream_.reset();  // from now on the timeline comes from the project again
        emit finished(ok, message);
      });
  return true;
}

}  // namespace unilearn::ui
