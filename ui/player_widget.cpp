#include "ui/player_widget.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QSlider>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

#include <QAudioFormat>
#include <QAudioSink>
#include <QMediaDevices>

#include "core/media/audio_decoder.h"
#include "core/media/frame_time.h"
#include "model/base/error.h"
#include "ui/playback_decoder.h"
#include "ui/routing_style.h"
#include "ui/video_canvas.h"

namespace unilearn::ui {

QString clockText(int64_t ms) {
  return QString::fromStdString(core::clockText(ms));
}

PlayerWidget::PlayerWidget(QWidget* parent) : QWidget(parent) {
  canvas_ = new VideoCanvas(this);
  play_ = new QToolButton(this);
  back_ = new QToolButton(this);
  forward_ = new QToolButton(this);
  play_->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
  back_->setIcon(style()->standardIcon(QStyle::SP_MediaSeekBackward));
  forward_->setIcon(style()->standardIcon(QStyle::SP_MediaSeekForward));
  play_->setToolTip(tr("Play / pause (Space)"));
  back_->setToolTip(tr("One frame back (Left)"));
  forward_->setToolTip(tr("One frame forward (Right)"));
  slider_ = new QSlider(Qt::Horizontal, this);
  position_ = new QLabel(this);
  position_->setMinimumWidth(210);
  speed_box_ = new QComboBox(this);
  for (double s : {0.25, 0.5, 1.0, 1.5, 2.0, 4.0})
    speed_box_->addItem(QString("%1×").arg(s), s);
  speed_box_->setCurrentIndex(2);
  jump_ = new QLineEdit(this);
  jump_->setPlaceholderText(tr("go to 1:02.5 · 7.5s · f250"));
  jump_->setToolTip(
      tr("Go to a time (h:mm:ss.mmm as in ELAN, m:ss, 7.5s or 7.5: seconds) or a "
         "frame (f250, 250f). Enter to go."));
  jump_->setMaximumWidth(150);
  keypoints_ = new QCheckBox(tr("Keypoints"), this);

  auto* controls = new QHBoxLayout;
  for (QWidget* w : std::initializer_list<QWidget*>{back_, play_, forward_})
    controls->addWidget(w);
  controls->addWidget(slider_, 1);
  controls->addWidget(position_);
  controls->addWidget(speed_box_);
  controls->addWidget(jump_);
  controls->addWidget(keypoints_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(canvas_, 1);
  layout->addLayout(controls);
  setFocusPolicy(Qt::StrongFocus);

  connect(play_, &QToolButton::clicked, this, &PlayerWidget::togglePlay);
  connect(back_, &QToolButton::clicked, this, &PlayerWidget::stepBack);
  connect(forward_, &QToolButton::clicked, this, &PlayerWidget::stepForward);
  connect(slider_, &QSlider::sliderMoved, this, [this](int v) { seekFrame(v); });
  connect(speed_box_, &QComboBox::currentIndexChanged, this,
          [this](int i) { setSpeed(speed_box_->itemData(i).toDouble()); });
  connect(keypoints_, &QCheckBox::toggled, this, &PlayerWidget::setKeypointsVisible);
  connect(jump_, &QLineEdit::returnPressed, this, [this] {
    const auto to = core::parseTimeInput(jump_->text().toStdString());
    if (!to) {  // say what it takes; keep the text to correct
      jump_->setStyleSheet("color: #c0392b");
      jump_->setToolTip(
          tr("'%1' is neither a time (1:02.5, 7.5s) nor a frame (f250)").arg(jump_->text()));
      return;
    }
    if (to->frame)
      seekFrame(*to->frame);
    else
      seekMs(*to->ms);
    jump_->setStyleSheet(QString());
    jump_->clear();
    setFocus();
  });
  tick_.setTimerType(Qt::PreciseTimer);
  tick_.setInterval(4);
  connect(&tick_, &QTimer::timeout, this, &PlayerWidget::tick);
  updateControls();
}

PlayerWidget::~PlayerWidget() = default;

bool PlayerWidget::open(const QString& path) {
  close();
  try {
    decoder_ = std::make_unique<PlaybackDecoder>(path.toStdString());
  } catch (const Error& e) {
    error_ = QString::fromUtf8(e.what());
    updateControls();
    return false;
  }
  error_.clear();
  try {
    audio_ = std::make_unique<core::AudioStream>(path.toStdString(), 48000, 2);
  } catch (const Error&) {
    audio_.reset();  // no audio track (or none we can decode): the video plays silently
  }
  slider_->setRange(0, static_cast<int>(std::max<int64_t>(0, decoder_->frameCount() - 1)));
  tick_.start();
  seekFrame(0);
  return true;
}

void PlayerWidget::close() {
  pause();
  tick_.stop();
  stopAudio();
  audio_.reset();
  decoder_.reset();
  shown_ = wanted_ = -1;
  pending_index_.reset();
  canvas_->setFrame(QImage(), -1);
  updateControls();
}

void PlayerWidget::setTimeline(std::shared_ptr<const core::Timeline> timeline) {
  canvas_->setTimeline(std::move(timeline));
}

int64_t PlayerWidget::frameCount() const {
  return decoder_ ? decoder_->frameCount() : 0;
}

int64_t PlayerWidget::currentMs() const {
  return decoder_ && shown_ >= 0 ? decoder_->msOf(shown_) : 0;
}

int64_t PlayerWidget::frameAtMs(int64_t ms) const {
  if (!decoder_) return 0;
  // The last frame whose presentation time is at or before `ms`.
  int64_t lo = 0, hi = decoder_->frameCount() - 1;
  while (lo < hi) {
    const int64_t mid = (lo + hi + 1) / 2;
    if (decoder_->msOf(mid) <= ms)
      lo = mid;
    else
      hi = mid - 1;
  }
  return lo;
}

bool PlayerWidget::waitForFrame(int64_t index, int timeout_ms) {
  QElapsedTimer t;
  t.start();
  while (shown_ != index && t.elapsed() < timeout_ms)
    QApplication::processEvents(QEventLoop::AllEvents, 5);
  return shown_ == index;
}

void PlayerWidget::play() {
  if (!decoder_ || playing_) return;
  if (shown_ >= decoder_->frameCount() - 1) seekFrame(loop_first_ >= 0 ? loop_first_ : 0);
  playing_ = true;
  const int64_t from = std::max<int64_t>(0, shown_);
  wanted_ = from + 1;
  decoder_->request(wanted_, true);
  pending_index_.reset();
  clock_start_ms_ = decoder_->msOf(from);
  clock_.start();
  startAudio(clock_start_ms_);
  updateControls();
  emit playingChanged(true);
}

void PlayerWidget::pause() {
  if (!playing_) return;
  playing_ = false;
  stopAudio();
  if (decoder_) {
    decoder_->request(std::max<int64_t>(0, shown_), false);  // stop decoding ahead
    wanted_ = shown_;
  }
  pending_index_.reset();
  updateControls();
  emit playingChanged(false);
}

void PlayerWidget::togglePlay() {
  playing_ ? pause() : play();
}

void PlayerWidget::seekFrame(int64_t index) {
  if (!decoder_) return;
  index = std::clamp<int64_t>(index, 0, decoder_->frameCount() - 1);
  wanted_ = index;
  pending_index_.reset();
  decoder_->request(index, playing_);
  if (playing_) {
    clock_start_ms_ = decoder_->msOf(index);
    clock_.restart();
    startAudio(clock_start_ms_);
  }
}

void PlayerWidget::seekMs(int64_t ms) {
  seekFrame(frameAtMs(ms));
}

void PlayerWidget::seekBy(int64_t delta_ms) {
  seekMs(std::max<int64_t>(0, currentMs() + delta_ms));
}

void PlayerWidget::focusJump() {
  jump_->setFocus();
  jump_->selectAll();
}

void PlayerWidget::stepForward() {
  pause();
  seekFrame(std::max<int64_t>(wanted_, shown_) + 1);
}

void PlayerWidget::stepBack() {
  pause();
  seekFrame(std::min(wanted_ >= 0 ? wanted_ : shown_, shown_) - 1);
}

void PlayerWidget::setSpeed(double speed) {
  speed = std::clamp(speed, 0.25, 4.0);
  if (playing_) {  // keep the media time continuous across the change
    clock_start_ms_ += static_cast<int64_t>(static_cast<double>(clock_.elapsed()) * speed_);
    clock_.restart();
  }
  speed_ = speed;
  if (playing_) {  // sound at 1x only
    if (speed_ == 1.0)
      startAudio(clock_start_ms_);
    else
      stopAudio();
  }
  for (int i = 0; i < speed_box_->count(); ++i)
    if (std::abs(speed_box_->itemData(i).toDouble() - speed) < 1e-9) {
      const QSignalBlocker block(speed_box_);
      speed_box_->setCurrentIndex(i);
    }
}

void PlayerWidget::setLoop(int64_t first, int64_t last) {
  loop_first_ = first;
  loop_last_ = last;
}

void PlayerWidget::setMeshVisible(bool on) {
  canvas_->setMeshVisible(on);
}

void PlayerWidget::setKeypointsVisible(bool on) {
  canvas_->setKeypointsVisible(on);
  const QSignalBlocker block(keypoints_);
  keypoints_->setChecked(on);
}

void PlayerWidget::tick() {
  if (!decoder_) return;
  if (!playing_) {  // a seek or a step: show the requested frame as soon as it is decoded
    while (auto f = decoder_->take())
      if (f->index == wanted_) display(imageFromBgr(f->bgr), f->index, f->ms);
    return;
  }
  feedAudio();
  // The sound card's clock when it plays: what it has played is what the viewer hears now.
  const int64_t now =
      sink_
          ? audio_start_ms_ + sink_->processedUSecs() / 1000
          : clock_start_ms_ + static_cast<int64_t>(static_cast<double>(clock_.elapsed()) * speed_);
  // Show the newest frame that is due; frames that are already late are dropped.
  while (true) {
    if (!pending_index_) {
      auto f = decoder_->take();
      if (!f) break;
      if (f->index < wanted_) continue;  // left over from before a seek
      pending_index_ = f->index;
      pending_ms_ = f->ms;
      pending_image_ = imageFromBgr(f->bgr);
    }
    if (pending_ms_ > now) break;
    display(pending_image_, *pending_index_, pending_ms_);
    pending_index_.reset();
  }
  const int64_t last = loop_last_ >= 0 ? loop_last_ : decoder_->frameCount() - 1;
  if (shown_ >= last) {
    if (loop_first_ >= 0 && loop_last_ >= 0) {
      seekFrame(loop_first_);
    } else {
      pause();
    }
  }
}

void PlayerWidget::startAudio(int64_t from_ms) {
  stopAudio();
  if (!audio_ || speed_ != 1.0) return;
  const QAudioDevice device = QMediaDevices::defaultAudioOutput();
  if (device.isNull()) return;  // no sound card: silent, on the system clock
  QAudioFormat format;
  format.setSampleRate(audio_->sampleRate());
  format.setChannelCount(audio_->channels());
  format.setSampleFormat(QAudioFormat::Float);
  if (!device.isFormatSupported(format)) return;
  audio_->seek(from_ms);
  sink_ = new QAudioSink(device, format, this);
  sink_->setBufferSize(audio_->sampleRate() * audio_->channels() * 4 / 5);  // 200 ms
  sink_io_ = sink_->start();
  if (!sink_io_) {
    stopAudio();
    return;
  }
  audio_start_ms_ = from_ms;
  feedAudio();
}

void PlayerWidget::stopAudio() {
  if (!sink_) return;
  sink_->stop();
  delete sink_;
  sink_ = nullptr;
  sink_io_ = nullptr;
}

void PlayerWidget::feedAudio() {
  if (!sink_ || !sink_io_ || !audio_) return;
  const int64_t frames = sink_->bytesFree() / (4 * audio_->channels());
  if (frames <= 0) return;
  std::vector<float> samples;
  if (audio_->read(samples, frames) > 0)
    sink_io_->write(reinterpret_cast<const char*>(samples.data()),
                    static_cast<qint64>(samples.size() * sizeof(float)));
}

void PlayerWidget::display(const QImage& image, int64_t index, int64_t ms) {
  shown_ = index;
  canvas_->setFrame(image, index);
  updateControls();
  emit frameShown(index, ms);
}

void PlayerWidget::updateControls() {
  const bool open = decoder_ != nullptr;
  for (QWidget* w : std::initializer_list<QWidget*>{play_, back_, forward_, slider_, jump_})
    w->setEnabled(open);
  play_->setIcon(style()->standardIcon(playing_ ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
  if (!open) {
    position_->setText(error_.isEmpty() ? tr("no video") : error_);
    return;
  }
  if (!slider_->isSliderDown()) {
    const QSignalBlocker block(slider_);
    slider_->setValue(static_cast<int>(std::max<int64_t>(0, shown_)));
  }
  position_->setText(tr("frame %1 / %2 · %3")
                         .arg(shown_)
                         .arg(decoder_->frameCount() - 1)
                         .arg(clockText(currentMs())));
}

void PlayerWidget::keyPressEvent(QKeyEvent* e) {
  switch (e->key()) {
    case Qt::Key_Space:
      togglePlay();
      break;
    case Qt::Key_Left:  // a frame; Shift: a second; Ctrl: five seconds
    case Qt::Key_Right: {
      const int sign = e->key() == Qt::Key_Left ? -1 : 1;
      if (e->modifiers() & Qt::ControlModifier)
        seekBy(sign * 5000);
      else if (e->modifiers() & Qt::ShiftModifier)
        seekBy(sign * 1000);
      else if (sign < 0)
        stepBack();
      else
        stepForward();
      break;
    }
    case Qt::Key_PageUp:  // a minute
      seekBy(-60000);
      break;
    case Qt::Key_PageDown:
      seekBy(60000);
      break;
    case Qt::Key_Home:
      seekFrame(0);
      break;
    case Qt::Key_End:
      seekFrame(frameCount() - 1);
      break;
    default:
      QWidget::keyPressEvent(e);
      return;
  }
  e->accept();
}

}  // namespace unilearn::ui
