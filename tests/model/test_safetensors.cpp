// Our model file: safetensors written and parsed here.
#include <fstream>

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "model/base/error.h"
#include "model/network_file.h"
#include "model/safetensors.h"
#include "tests/test_util.h"

using namespace unilearn;
using unilearn::test::fileBytes;

namespace {

void writeBytes(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

std::string withHeader(const std::string& header, const std::string& data) {
  std::string out(8, '\0');
  uint64_t n = header.size();
  for (int i = 0; i < 8; ++i)
    out[i] = static_cast<char>((n >> (8 * i)) & 0xFF);
  return out + header + data;
}

Error::Kind readKind(const std::string& path) {
  try {
    readSafetensors(path);
  } catch (const Error& e) {
    return e.kind();
  }
  return Error::Kind::kArgument;
}

}  // namespace

TEST(Safetensors, RoundTripsEveryDtypeShapeAndMetadata) {
  StateDict sd = {{"a", torch::randn({3, 4})},
                  {"h", torch::randn({5}).to(torch::kHalf)},
                  {"b", torch::randn({2, 2}).to(torch::kBFloat16)},
                  {"l", torch::tensor({int64_t{1} << 40, int64_t{-3}})},
                  {"t", torch::randn({4, 3}).t()},  // non-contiguous
                  {"e", torch::zeros({0, 7})},
                  {"s", torch::tensor(3.5)}};
  const std::string path = test::tempPath("rt.safetensors");
  writeSafetensors(path, sd, {{"k", "v\n\"quoted\""}, {"config", "{\"x\":1}"}});
  SafetensorsFile f = readSafetensors(path);
  ASSERT_EQ(f.tensors.size(), sd.size());
  for (size_t i = 0; i < sd.size(); ++i) {
    EXPECT_EQ(f.tensors[i].first, sd[i].first);
    EXPECT_EQ(f.tensors[i].second.scalar_type(), sd[i].second.scalar_type());
    EXPECT_TRUE(torch::equal(f.tensors[i].second, sd[i].second)) << sd[i].first;
  }
  ASSERT_NE(f.find("k"), nullptr);
  EXPECT_EQ(*f.find("k"), "v\n\"quoted\"");
  // The data section starts 8-byte aligned.
  const std::string bytes = fileBytes(path);
  uint64_t header_len = 0;
  for (int i = 0; i < 8; ++i)
    header_len |= static_cast<uint64_t>(static_cast<uint8_t>(bytes[i])) << (8 * i);
  EXPECT_EQ((8 + header_len) % 8, 0u);
}

TEST(Safetensors, SavedNetworkReloadsWithItsConfigAndGivesIdenticalOutputs) {
  torch::NoGradGuard g;
  LoadedNetwork src =
      loadNetwork(test::dataPath("tiny_authors_checkpoint.pth"), test::tinyConfig());
  const std::string path = test::tempPath("tiny.safetensors");
  saveNetwork(path, src.network, {{"source", "tiny_authors_checkpoint.pth"}});
  LoadedNetwork back = loadNetwork(path, std::nullopt);
  EXPECT_EQ(back.format, "safetensors");
  EXPECT_TRUE(back.config == src.config);
  EXPECT_TRUE(back.report.complete());
  auto video = test::tensorFile("tiny_video_input.pt");
  EXPECT_TRUE(
      torch::equal(back.network->forward(video).logits, src.network->forward(video).logits));
  bool has_source = false;
  for (const auto& [k, v] : back.metadata)
    has_source |= (k == "source" && v == "tiny_authors_checkpoint.pth");
  EXPECT_TRUE(has_source);
}

TEST(Safetensors, RejectsMalformedHeadersWithAReason) {
  const std::string p = test::tempPath("bad.safetensors");
  const std::string f32x2 = std::string(8, '\0');
  auto expectBad = [&](const std::string& bytes, const std::string& needle) {
    writeBytes(p, bytes);
    try {
      readSafetensors(p);
      ADD_FAILURE() << "accepted: " << needle;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), Error::Kind::kFormat) << e.what();
      EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    }
  };
  expectBad("abc", "shorter than");
  expectBad(withHeader("{", ""), "invalid JSON");
  expectBad(std::string("\xff\xff\xff\xff\x00\x00\x00\x00", 8) + "{}", "exceeds the file");
  expectBad(withHeader(R"({"w":{"dtype":"F99","shape":[2],"data_offsets":[0,8]}})", f32x2),
            "unknown dtype");
  expectBad(withHeader(R"({"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}})", f32x2),
            "needing 12");
  expectBad(withHeader(R"({"w":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}})", f32x2),
            "outside the data");
  expectBad(withHeader(R"({"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                       R"("v":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})",
                       f32x2),
            "overlap");
  expectBad(withHeader(R"({"w":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}})", f32x2),
            "bad shape");
  expectBad(withHeader(R"({"w":{"dtype":"F32"}})", f32x2), "lacks shape");
  expectBad(withHeader(R"({"__metadata__":{"a":1}})", ""), "not a string");
  EXPECT_EQ(readKind("/nonexistent.safetensors"), Error::Kind::kIo);
}

TEST(Safetensors, ModelFileWithABrokenConfigIsRejectedClearly) {
  const std::string path = test::tempPath("badcfg.safetensors");
  writeSafetensors(path, {{"w", torch::zeros({1})}}, {{"unilearn_config", R"({"depth":0})"}});
  try {
    loadNetwork(path, std::nullopt);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("model config is invalid"), std::string::npos) << e.what();
  }
}

TEST(Safetensors, WriteFailureLeavesTheExistingFileIntact) {
  const std::string path = test::tempPath("keep.safetensors");
  writeSafetensors(path, {{"w", torch::ones({2})}}, {});
  const std::string before = fileBytes(path);
  EXPECT_THROW(writeSafetensors("/nonexistent-dir/x.safetensors", {{"w", torch::ones({2})}}, {}),
               Error);
  EXPECT_EQ(fileBytes(path), before);
}

TEST(Safetensors, AHeaderLengthEndingIn0x80IsNotTakenForALegacyTorchFile) {
  // 0x80 is also the first byte of a legacy torch.save pickle: a model file whose header length
  // happens to end in that byte must still load (found when a training config grew by a key).
  ModelConfig c = test::tinyConfig();
  torch::manual_seed(0);
  VitMoE net(c);
  const std::string path = test::tempPath("header80.safetensors");
  for (int pad = 0; pad < 300; ++pad) {
    saveNetwork(path, net, {{"pad", std::string(static_cast<size_t>(pad), 'x')}});
    std::ifstream in(path, std::ios::binary);
    const int first = in.get();
    if (first != 0x80) continue;
    const LoadedNetwork l = loadNetwork(path, std::nullopt);
    EXPECT_EQ(l.format, "safetensors");
    return;
  }
  FAIL() << "no padding gave a header length ending in 0x80";
}

// What kind of model file this is goes by its first bytes, never its name: ours under another
// extension, an authors' checkpoint named .safetensors.
TEST(Safetensors, TheFileKindIsReadFromTheBytesNotTheName) {
  const std::string ours = test::tempPath("ours.pt");
  writeSafetensors(ours, {{"a", torch::ones({2})}}, {});
  EXPECT_TRUE(isSafetensorsFile(ours));
  const std::string theirs = test::tempPath("theirs.safetensors");
  std::ofstream(theirs, std::ios::binary)
      << test::fileBytes(test::dataPath("tiny_authors_checkpoint.pth"));
  EXPECT_FALSE(isSafetensorsFile(theirs));
  EXPECT_THROW(isSafetensorsFile(test::tempPath("missing.bin")), Error);
}
