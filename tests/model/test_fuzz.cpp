// Damaged and hostile files: truncations, bit flips, overwritten ranges and crafted pickles must
// give unilearn::Error, never a crash, a hang or another exception type.
#include <fstream>
#include <random>

#include <caffe2/serialize/inline_container.h>
#include <gtest/gtest.h>
#include <torch/torch.h>

#include "model/base/error.h"
#include "model/checkpoint.h"
#include "model/pickle.h"
#include "model/safetensors.h"
#include "model/vit_moe.h"
#include "tests/test_util.h"

using namespace unilearn;
using unilearn::test::fileBytes;
using unilearn::test::mutate;

namespace {

// Stands in for the zip's storage records when fuzzing the pickle alone.
at::Tensor fakeStorage(const std::string& type, const std::string&, int64_t numel) {
  if (numel > 10'000'000) throw Error(Error::Kind::kFormat, "storage too large");
  return torch::zeros({numel}, torch::TensorOptions().dtype(pickle::storageDtype(type)));
}

}  // namespace

TEST(Fuzz, DamagedAuthorsCheckpointsNeverCrash) {
  const std::string src = fileBytes(test::dataPath("tiny_authors_checkpoint.pth"));
  const std::string path = test::tempPath("fuzz.pth");
  const TorchCheckpoint original =
      readTorchCheckpoint(test::dataPath("tiny_authors_checkpoint.pth"));
  std::mt19937 rng(2024);
  int rejected = 0, accepted = 0, whole_file_rejected = 0;
  for (int round = 0; round < 300; ++round) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << mutate(src, rng, round);
    try {
      readTorchFile(path);  // reads every record, optimizer state included
    } catch (const Error&) {
      ++whole_file_rejected;
    }
    try {
      TorchCheckpoint ck = readTorchCheckpoint(path);
      // Damage that is not detected must be harmless: every weight is exactly as saved (the
      // damage hit the optimizer state, which loading weights never reads, or a zip header
      // field nobody reads).
      ASSERT_EQ(ck.state_dict.size(), original.state_dict.size()) << "round " << round;
      for (size_t i = 0; i < ck.state_dict.size(); ++i) {
        ASSERT_EQ(ck.state_dict[i].first, original.state_dict[i].first) << "round " << round;
        ASSERT_TRUE(torch::equal(ck.state_dict[i].second, original.state_dict[i].second))
            << "round " << round << " changed " << ck.state_dict[i].first;
      }
      ++accepted;
    } catch (const Error&) {
      ++rejected;
    }
  }
  EXPECT_EQ(rejected + accepted, 300);
  EXPECT_GT(rejected, 150);
  EXPECT_GT(whole_file_rejected, 250);
}

TEST(Fuzz, DamagedPicklesNeverCrash) {
  caffe2::serialize::PyTorchStreamReader reader(test::dataPath("tiny_authors_checkpoint.pth"));
  auto [ptr, size] = reader.getRecord("data.pkl");
  const std::string pkl(static_cast<const char*>(ptr.get()), size);
  ASSERT_NO_THROW(pickle::unpickle(pkl, fakeStorage));
  std::mt19937 rng(7);
  int rejected = 0;
  for (int round = 0; round < 600; ++round) {
    try {
      pickle::unpickle(mutate(pkl, rng, round), fakeStorage);
    } catch (const Error&) {
      ++rejected;
    }
  }
  EXPECT_GT(rejected, 300);
}

TEST(Fuzz, DamagedSafetensorsNeverCrash) {
  const std::string good = test::tempPath("fuzz_src.safetensors");
  writeSafetensors(good, {{"a", torch::randn({8, 8})}, {"b", torch::arange(10)}},
                   {{"unilearn_config", "{}"}});
  const std::string src = fileBytes(good);
  const std::string path = test::tempPath("fuzz.safetensors");
  std::mt19937 rng(11);
  for (int round = 0; round < 200; ++round) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << mutate(src, rng, round);
    try {
      readSafetensors(path);
    } catch (const Error&) {
    }
  }
  SUCCEED();
}

TEST(Fuzz, DeeplyNestedAndCyclicPicklesAreRejected) {
  // 200,000 nested 1-tuples: would overflow the stack if freed or walked recursively.
  std::string deep = "\x80\x02)" + std::string(200000, '\x85') + ".";
  EXPECT_THROW(pickle::unpickle(deep, fakeStorage), Error);
  // A list that contains itself: [l] with l.append(l).
  std::string cyclic = std::string("\x80\x02]q\x00h\x00", 7) + "a.";
  EXPECT_THROW(pickle::unpickle(cyclic, fakeStorage), Error);
  // Deep garbage left in the memo but not in the result is freed without recursion.
  std::string garbage = "\x80\x02)" + std::string(200000, '\x85') + "q\x01" + "0N.";
  EXPECT_NO_THROW(pickle::unpickle(garbage, fakeStorage));
}

TEST(Fuzz, HostileGlobalsAreRefusedBeforeAnythingRuns) {
  for (const char* global :
       {"os\nsystem\n", "builtins\neval\n", "subprocess\nPopen\n", "torch\nload\n",
        "collections\ndeque\n", "torch._utils\n_rebuild_qtensor\n"}) {
    std::string p = std::string("\x80\x02", 2) + "c" + global + "X\x02\x00\x00\x00id\x85R.";
    try {
      pickle::unpickle(p, fakeStorage);
      ADD_FAILURE() << global;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), Error::Kind::kUnsafe) << e.what();
    }
  }
  // A storage view reaching past its storage is refused.
  auto str = [](const std::string& t) {
    return std::string("X") + static_cast<char>(t.size()) + std::string(3, '\0') + t;
  };
  auto int1 = [](int v) { return std::string("K") + static_cast<char>(v); };
  std::string view = std::string("\x80\x02", 2) + "ctorch._utils\n_rebuild_tensor_v2\n" + "((" +
                     str("storage") + "ctorch\nFloatStorage\n" + str("0") + str("cpu") + int1(4) +
                     "tQ" + int1(0) + int1(16) + "\x85" + int1(1) + "\x85" + "\x89" + "NtR.";
  try {
    pickle::unpickle(view, fakeStorage);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("outside its storage"), std::string::npos) << e.what();
  }
}
