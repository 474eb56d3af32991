#include <cmath>
#include <ctime>
#include <limits>
#include <stdexcept>

#include <gtest/gtest.h>

#include "model/base/atomic_file.h"
#include "model/base/error.h"
#include "model/base/json.h"
#include "model/base/json_fields.h"
#include "model/base/text.h"
#include "tests/test_util.h"

using unilearn::Error;
namespace json = unilearn::json;

TEST(Json, ParsesAndWritesNestedValuesInKeyOrder) {
  const std::string text = R"({"b":1,"a":[true,false,null,-2.5e3,"x\"y\u00e9"],"c":{"d":"\n"}})";
  json::Value v = json::parse(text);
  EXPECT_EQ(v.find("b")->asInt(), 1);
  EXPECT_EQ(v.find("a")->asArray()[3].asNumber(), -2500.0);
  EXPECT_EQ(v.find("a")->asArray()[4].asString(), "x\"y\xc3\xa9");
  EXPECT_EQ(v.dump(), R"({"b":1,"a":[true,false,null,-2500,"x\"y)"
                      "\xc3\xa9"
                      R"("],"c":{"d":"\n"}})");
  EXPECT_EQ(json::parse(v.dump(2)).dump(), v.dump());
}

TEST(Json, RejectsMalformedTextWithItsOffset) {
  for (const char* bad : {"", "{", "[1,]", "{\"a\" 1}", "tru", "\"abc", "1 2", "{\"a\":nan}"}) {
    try {
      json::parse(bad);
      FAIL() << "accepted: " << bad;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), Error::Kind::kFormat);
      EXPECT_NE(std::string(e.what()).find("byte"), std::string::npos) << e.what();
    }
  }
}

TEST(Json, RejectsExcessiveNestingInsteadOfOverflowingTheStack) {
  EXPECT_THROW(json::parse(std::string(100000, '[')), Error);
}

TEST(Json, TypedAccessNamesTheField) {
  json::Value v = json::parse(R"({"depth":"twelve"})");
  try {
    v.find("depth")->asInt("depth");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("depth must be a number"), std::string::npos);
  }
}

// JSON has no NaN or infinity: a model that produced them must still export valid JSON.
TEST(Json, NonFiniteNumbersAreWrittenAsNull) {
  json::Value v = json::Value::array();
  v.push(std::nan(""));
  v.push(std::numeric_limits<double>::infinity());
  v.push(0.5);
  EXPECT_EQ(v.dump(), "[null,null,0.5]");
  EXPECT_NO_THROW(json::parse(v.dump()));
}

namespace {

struct Settings {
  int epochs = 10;
  double lr = 0.5;
  bool resume = true;
  std::string name = "run";
  std::vector<int64_t> layers = {6, 7};
  double margin = 0.25;
};

template <class C, class F>
void visitSettings(C& c, F& f) {
  f("epochs", c.epochs);
  f("lr", c.lr);
  f("resume", c.resume);
  f("name", c.name);
  f("layers", c.layers);
  f.optional("margin", c.margin, 0.25);
}

Settings readSettings(const std::string& text) {
  Settings s;
  const json::Value v = json::parse(text);
  json::FieldReader r(v, "settings", "unknown setting");
  visitSettings(s, r);
  r.finish();
  return s;
}

}  // namespace

// One field list writes and reads a settings object: the same names both ways, defaults where
// a key is absent, an optional field written only when it differs from its default, and one
// rule for keys and values (an unknown key or a value of the wrong type is an error naming it).
TEST(JsonFields, OneListWritesAndReadsAndRefusesUnknownKeys) {
  Settings s;
  s.epochs = 3;
  s.name = "b";
  s.layers = {1, 2, 3};
  json::FieldWriter w;
  visitSettings(s, w);
  EXPECT_EQ(w.out.dump(), R"({"epochs":3,"lr":0.5,"resume":true,"name":"b","layers":[1,2,3]})");
  const Settings back = readSettings(w.out.dump());
  EXPECT_EQ(back.epochs, 3);
  EXPECT_EQ(back.name, "b");
  EXPECT_EQ(back.layers, (std::vector<int64_t>{1, 2, 3}));
  s.margin = 0;
  json::FieldWriter w2;
  visitSettings(s, w2);
  ASSERT_NE(w2.out.find("margin"), nullptr);
  EXPECT_EQ(readSettings(w2.out.dump()).margin, 0.0);
  EXPECT_EQ(readSettings(R"({"lr": 0.5})").epochs, 10);  // absent: the default
  auto error = [](const std::string& text) {
    try {
      readSettings(text);
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_EQ(error(R"({"epoch": 3})"), "unknown setting 'epoch'");
  EXPECT_NE(error(R"({"epochs": 2.5})").find("epochs"), std::string::npos);
  EXPECT_NE(error(R"({"epochs": 1e12})").find("epochs"), std::string::npos);  // not an int
  EXPECT_NE(error(R"({"name": 5})").find("name"), std::string::npos);
  EXPECT_NE(error(R"({"layers": [1, "x"]})").find("layers item"), std::string::npos);
  EXPECT_NE(error(R"([1])").find("settings"), std::string::npos);
}

TEST(BaseText, HelpersEveryLayerShares) {
  EXPECT_EQ(unilearn::lowerAscii("Happy.MP4 \xc3\x89"), "happy.mp4 \xc3\x89");
  EXPECT_TRUE(unilearn::endsWith("clip.eaf", ".eaf"));
  EXPECT_FALSE(unilearn::endsWith("af", ".eaf"));
  EXPECT_EQ(unilearn::fileName("/data/session 1/a.mp4"), "a.mp4");
  EXPECT_EQ(unilearn::fileName("a.mp4"), "a.mp4");
  EXPECT_EQ(unilearn::fileName("folder/"), "");
  EXPECT_EQ(unilearn::csvField("plain"), "plain");
  EXPECT_EQ(unilearn::csvField("a \"b\", c"), "\"a \"\"b\"\", c\"");

  // The time as strftime writes it, in UTC and in local time: the same instant (give or take
  // the second that may tick between the calls).
  const std::time_t before = std::time(nullptr);
  const std::string utc = unilearn::nowText("%Y-%m-%dT%H:%M:%SZ", unilearn::TimeZone::kUtc);
  const std::string local = unilearn::nowText("%s", unilearn::TimeZone::kLocal);
  const std::time_t after = std::time(nullptr);
  ASSERT_EQ(utc.size(), 20u) << utc;
  std::tm tm{};
  ASSERT_NE(strptime(utc.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm), nullptr) << utc;
  const std::time_t parsed = timegm(&tm);
  EXPECT_GE(parsed, before);
  EXPECT_LE(parsed, after);
  EXPECT_GE(std::stoll(local), static_cast<long long>(before));
  EXPECT_LE(std::stoll(local), static_cast<long long>(after));
  EXPECT_EQ(unilearn::nowText("", unilearn::TimeZone::kUtc), "");
}

TEST(BaseFiles, AWholeFileIsReplacedAtOnceOrLeftAsItWasAndReadBack) {
  const std::string path = unilearn::test::tempPath("whole.json");
  unilearn::writeFileAtomically(path, [](std::ostream& out) { out << "{\"a\":1}\n"; });
  EXPECT_EQ(unilearn::readFile(path, "settings file"), "{\"a\":1}\n");
  // A writer that fails half-way leaves the old content and no temporary file behind.
  EXPECT_THROW(unilearn::writeFileAtomically(path,
                                             [](std::ostream& out) {
                                               out << "{\"a\":";
                                               throw std::runtime_error("disk gone");
                                             }),
               std::runtime_error);
  EXPECT_EQ(unilearn::readFile(path, "settings file"), "{\"a\":1}\n");
  EXPECT_FALSE(std::ifstream(path + ".partial").good());
  // What cannot be read is named with what it was meant to be.
  try {
    unilearn::readFile(path + ".missing", "training job");
    FAIL() << "a missing file was read";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), Error::Kind::kIo);
    EXPECT_EQ(std::string(e.what()), "cannot read the training job '" + path + ".missing'");
  }
  EXPECT_THROW(
      {
        try {
          unilearn::readFile(testing::TempDir(), "model config");
        } catch (const Error& e) {
          EXPECT_NE(std::string(e.what()).find("is a folder, not the model config"),
                    std::string::npos)
              << e.what();
          throw;
        }
      },
      Error);
  std::remove(path.c_str());
}
