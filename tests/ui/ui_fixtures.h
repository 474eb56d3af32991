// Inputs shared by the GUI tests (no LibTorch here): a real-face clip made from a still.
#pragma once

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

namespace unilearn::test {

// Makes `path` with `ffmpeg -v error -y ARGS path` unless it is there; written under another
// name and renamed, so a test running beside this one never reads half a file.
inline bool videoOnce(const std::string& path, const std::string& args) {
  if (std::ifstream(path).good()) return true;
  const std::string part = path + ".part" + std::to_string(::getpid()) + ".mp4";
  const std::string cmd = "ffmpeg -v error -y " + args + " " + part + " >/dev/null 2>&1";
  return std::system(cmd.c_str()) == 0 && std::rename(part.c_str(), path.c_str()) == 0;
}

// The astronaut portrait panned and zoomed: 240 frames, 640x480, 30 fps, made once per machine.
inline std::string faceClip() {
  const std::string path = "/tmp/unilearn_ui_face_clip.mp4";
  EXPECT_TRUE(videoOnce(
      path, "-loop 1 -i " + std::string(UNILEARN_TEST_DATA) +
                "/faces/astronaut.jpg -vf \"scale=1024:1024,zoompan=z='1.2+0.3*sin(on/20)':x='iw/"
                "2-(iw/zoom/2)+60*sin(on/15)':y='ih/2-(ih/zoom/2)-80':d=240:s=640x480:fps=30\" "
                "-frames:v 240 -c:v libx264 -pix_fmt yuv420p"));
  return path;
}

}  // namespace unilearn::test
