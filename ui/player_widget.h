// The file player: the video decoded on a worker thread (PlaybackDecoder) and painted here, with
// play/pause, frame steps, exact seeks by frame or time, speed 0.25x-4x and a loop range. The
// audio is played through Qt Multimedia at 1x and its clock paces the frames (the system clock
// otherwise); late frames are dropped, never queued. Overlays: face boxes
// with person names and the current top emotion per face (from the project's analysis),
// keypoints on demand. The frame number shown is the frame displayed.
// Thread-safety: GUI thread only.
#pragma once

#include <QElapsedTimer>
#include <QImage>
#include <QTimer>
#include <QWidget>
#include <memory>
#include <optional>

#include "core/analysis/timeline.h"

class QLabel;
class QSlider;
class QComboBox;
class QToolButton;
class QCheckBox;
class QLineEdit;
class QAudioSink;
class QIODevice;

namespace unilearn::core {
class AudioStream;
}

namespace unilearn::ui {

class PlaybackDecoder;
class VideoCanvas;

// Media time as the player shows it: m:ss.mmm.
QString clockText(int64_t ms);

class PlayerWidget : public QWidget {
  Q_OBJECT

 public:
  explicit PlayerWidget(QWidget* parent = nullptr);
  ~PlayerWidget() override;

  // Opens a video; false (and the reason in lastError()) when it cannot be decoded.
  bool open(const QString& path);
  void close();
  QString lastError() const { return error_; }
  bool isOpen() const { return decoder_ != nullptr; }

  // What the overlay shows: the analysis of this video (may be empty).
  void setTimeline(std::shared_ptr<const core::Timeline> timeline);

  int64_t frameCount() const;
  int64_t currentFrame() const { return shown_; }  // the frame on screen (-1: none yet)
  int64_t currentMs() const;
  int64_t frameAtMs(int64_t ms) const;
  bool playing() const { return playing_; }
  bool hasAudio() const { return audio_ != nullptr; }
  // True while the sound card plays the audio and its clock drives the video (at 1x only; other
  // speeds, or no audio output device, play silently on the system clock).
  bool audioClock() const { return sink_ != nullptr; }
  double speed() const { return speed_; }

  // Blocks (processing events) until the requested frame is on screen or `timeout_ms` passes.
  bool waitForFrame(int64_t index, int timeout_ms = 3000);

 public slots:
  void play();
  void pause();
  void togglePlay();
  void seekFrame(int64_t index);
  void seekMs(int64_t ms);
  void seekBy(int64_t delta_ms);  // from the shown time, not before the start
  void focusJump();               // the "go to" field, selected
  void stepForward();
  void stepBack();
  void setSpeed(double speed);                // clamped to 0.25-4
  void setLoop(int64_t first, int64_t last);  // -1, -1: no loop
  void setKeypointsVisible(bool on);
  void setMeshVisible(bool on);  // the 478 landmarks, where the analysis stored them

 signals:
  void frameShown(qint64 frame, qint64 ms);
  void playingChanged(bool playing);

 protected:
  void keyPressEvent(QKeyEvent* e) override;

 private:
  void tick();
  void startAudio(int64_t from_ms);
  void stopAudio();
  void feedAudio();
  void display(const QImage& image, int64_t index, int64_t ms);
  void updateControls();

  std::unique_ptr<PlaybackDecoder> decoder_;
  VideoCanvas* canvas_ = nullptr;
  QToolButton *play_ = nullptr, *back_ = nullptr, *forward_ = nullptr;
  QSlider* slider_ = nullptr;
  QLabel* position_ = nullptr;
  QComboBox* speed_box_ = nullptr;
  QLineEdit* jump_ = nullptr;
  QCheckBox* keypoints_ = nullptr;
  QTimer tick_;
  QElapsedTimer clock_;
  int64_t clock_start_ms_ = 0;  // media time when the clock started
  bool playing_ = false;
  double speed_ = 1.0;
  int64_t shown_ = -1, wanted_ = -1;
  int64_t loop_first_ = -1, loop_last_ = -1;
  std::optional<int64_t> pending_index_;
  QImage pending_image_;
  int64_t pending_ms_ = 0;
  QString error_;
  std::unique_ptr<core::AudioStream> audio_;
  QAudioSink* sink_ = nullptr;
  QIODevice* sink_io_ = nullptr;
  int64_t audio_start_ms_ = 0;
};

}  // namespace unilearn::ui
