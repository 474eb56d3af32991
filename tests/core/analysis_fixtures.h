// Shared inputs of the analysis tests: a fresh project, a real-face clip made from a still, and a
// tiny random-weight UniLearn config with named classes.
#pragma once

#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "core/storage/project.h"
#include "tests/test_util.h"

namespace unilearn::test {

// A new, empty project in the tests' temporary folder.
inline std::unique_ptr<core::Project> freshProject(const std::string& name) {
  return core::Project::open(freshProjectPath(name));
}

// A real face (the astronaut portrait) panned and zoomed: `frames` frames, 640x480, 30 fps.
inline std::string astroClip(int frames) {
  const std::string path = tempPath("astro" + std::to_string(frames) + ".mp4");
  if (!std::ifstream(path).good()) {
    const std::string cmd =
        "ffmpeg -v error -y -loop 1 -i " + dataPath("faces/astronaut.jpg") +
        " -vf \"scale=1024:1024,zoompan=z='1.2+0.3*sin(on/20)':x='iw/2-(iw/zoom/2)+60*sin(on/15)'"
        ":y='ih/2-(ih/zoom/2)-80':d=" +
        std::to_string(frames) + ":s=640x480:fps=30\" -frames:v " + std::to_string(frames) +
        " -c:v libx264 -pix_fmt yuv420p " + path + " >/dev/null 2>&1";
    EXPECT_EQ(std::system(cmd.c_str()), 0);
  }
  return path;
}

inline std::string tinyClipModel() {
  const std::string path = tempPath("tiny160.json");
  std::ofstream(path)
      << R"({"img_size":160,"patch_size":16,"num_frames":16,"tubelet_size":2,)"
         R"("embed_dim":32,"depth":2,"num_heads":2,"moe_layers":[1],"num_experts":4,)"
         R"("top_k":2,"video_classes":3,"video_class_names":["calm","joy","other"]})";
  return path;
}

}  // namespace unilearn::test
