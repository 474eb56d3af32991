// Inputs shared by the GUI tests (no LibTorch here): a real-face clip made from a still.
#pragma once

#include <cstdlib>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

namespace unilearn::test {

// The astronaut portrait panned and zoomed: 240 frames, 640x480, 30 fps, made once per machine.
inline std::string faceClip() {
  const std::string path = "/tmp/unilearn_ui_face_clip.mp4";
  if (!std::ifstream(path).good()) {
    const std::string cmd =
        "ffmpeg -v error -y -loop 1 -i " + std::string(UNILEARN_TEST_DATA) +
        "/faces/astronaut.jpg -vf \"scale=1024:1024,zoompan=z='1.2+0.3*sin(on/20)':x='iw/2-(iw/"
        "zoom/2)+60*sin(on/15)':y='ih/2-(ih/zoom/2)-80':d=240:s=640x480:fps=30\" -frames:v 240 "
        "-c:v libx264 -pix_fmt yuv420p " +
        path + " >/dev/null 2>&1";
    EXPECT_EQ(std::system(cmd.c_str()), 0);
  }
  return path;
}

}  // namespace unilearn::test
