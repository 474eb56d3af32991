#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include "model/base/error.h"
#include "model/base/json.h"

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
