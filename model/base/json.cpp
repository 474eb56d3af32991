#include "model/base/json.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <type_traits>

#include "model/base/error.h"

namespace unilearn::json {
namespace {

const char* typeName(Value::Type t) {
  switch (t) {
    case Value::Type::kNull:
      return "null";
    case Value::Type::kBool:
      return "a boolean";
    case Value::Type::kNumber:
      return "a number";
    case Value::Type::kString:
      return "a string";
    case Value::Type::kArray:
      return "an array";
    case Value::Type::kObject:
      return "an object";
  }
  return "?";
}

[[noreturn]] void typeError(const std::string& what, const char* expected, Value::Type got) {
  throw Error(Error::Kind::kFormat, what + " must be " + expected + ", but it is " + typeName(got));
}

class Parser {
 public:
  explicit Parser(const std::string& text) : s_(text) {}

  Value parseDocument() {
    Value v = parseValue(0);
    skipSpace();
    if (pos_ != s_.size()) fail("unexpected text after the JSON value");
    return v;
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    throw Error(Error::Kind::kFormat, "invalid JSON at byte " + std::to_string(pos_) + ": " + why);
  }

  void skipSpace() {
    while (pos_ < s_.size() &&
           (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r'))
      ++pos_;
  }

  bool consume(const char* word) {
    size_t n = std::char_traits<char>::length(word);
    if (s_.compare(pos_, n, word) == 0) {
      pos_ += n;
      return true;
    }
    return false;
  }

  Value parseValue(int depth) {
    if (depth > 256) fail("nesting too deep");
    skipSpace();
    if (pos_ >= s_.size()) fail("unexpected end of text");
    char c = s_[pos_];
    if (c == '{') return parseObject(depth);
    if (c == '[') return parseArray(depth);
    if (c == '"') return Value(parseString());
    if (consume("true")) return Value(true);
    if (consume("false")) return Value(false);
    if (consume("null")) return Value();
    if (c == '-' || (c >= '0' && c <= '9')) return parseNumber();
    fail(std::string("unexpected character '") + c + "'");
  }

  Value parseObject(int depth) {
    ++pos_;
    Value obj = Value::object();
    skipSpace();
    if (pos_ < s_.size() && s_[pos_] == '}') {
      ++pos_;
      return obj;
    }
    while (true) {
      skipSpace();
      if (pos_ >= s_.size() || s_[pos_] != '"') fail("expected a key string");
      std::string key = parseString();
      skipSpace();
      if (pos_ >= s_.size() || s_[pos_] != ':') fail("expected ':'");
      ++pos_;
      obj.set(key, parseValue(depth + 1));
      skipSpace();
      if (pos_ < s_.size() && s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < s_.size() && s_[pos_] == '}') {
        ++pos_;
        return obj;
      }
      fail("expected ',' or '}'");
    }
  }

  Value parseArray(int depth) {
    ++pos_;
    Value arr = Value::array();
    skipSpace();
    if (pos_ < s_.size() && s_[pos_] == ']') {
      ++pos_;
      return arr;
    }
    while (true) {
      arr.push(parseValue(depth + 1));
      skipSpace();
      if (pos_ < s_.size() && s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < s_.size() && s_[pos_] == ']') {
        ++pos_;
        return arr;
      }
      fail("expected ',' or ']'");
    }
  }

  static void appendUtf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  uint32_t parseHex4() {
    if (pos_ + 4 > s_.size()) fail("truncated \\u escape");
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) {
      char h = s_[pos_++];
      v <<= 4;
      if (h >= '0' && h <= '9')
        v |= h - '0';
      else if (h >= 'a' && h <= 'f')
        v |= h - 'a' + 10;
      else if (h >= 'A' && h <= 'F')
        v |= h - 'A' + 10;
      else
        fail("bad hex digit in \\u escape");
    }
    return v;
  }

  std::string parseString() {
    ++pos_;  // opening quote
    std::string out;
    while (true) {
      if (pos_ >= s_.size()) fail("unterminated string");
      char c = s_[pos_++];
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) fail("control character in string");
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= s_.size()) fail("unterminated escape");
      char e = s_[pos_++];
      switch (e) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          uint32_t cp = parseHex4();
          if (cp >= 0xD800 && cp < 0xDC00 && consume("\\u")) {
            uint32_t lo = parseHex4();
            if (lo < 0xDC00 || lo > 0xDFFF) fail("bad surrogate pair");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          }
          appendUtf8(out, cp);
          break;
        }
        default:
          fail("unknown escape");
      }
    }
  }

  Value parseNumber() {
    size_t start = pos_;
    if (s_[pos_] == '-') ++pos_;
    while (pos_ < s_.size() && std::string("0123456789+-.eE").find(s_[pos_]) != std::string::npos)
      ++pos_;
    std::string token = s_.substr(start, pos_ - start);
    char* end = nullptr;
    double d = std::strtod(token.c_str(), &end);
    if (end != token.c_str() + token.size() || !std::isfinite(d))
      fail("bad number '" + token + "'");
    return Value(d);
  }

  const std::string& s_;
  size_t pos_ = 0;
};

void escapeTo(std::string& out, const std::string& s) {
  out += '"';
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

}  // namespace

bool Value::asBool(const std::string& what) const {
  if (type_ != Type::kBool) typeError(what, "a boolean", type_);
  return bool_;
}

double Value::asNumber(const std::string& what) const {
  if (type_ != Type::kNumber) typeError(what, "a number", type_);
  return number_;
}

int64_t Value::asInt(const std::string& what) const {
  double d = asNumber(what);
  if (d != std::floor(d) || std::fabs(d) > 9.007199254740992e15)
    throw Error(Error::Kind::kFormat, what + " must be an integer");
  return static_cast<int64_t>(d);
}

template <typename T>
T Value::asNumberFor(const std::string& what) const {
  const double d = asNumber(what);
  if constexpr (std::is_integral_v<T>) {
    constexpr double kExact = 9.007199254740992e15;  // 2^53: every integer below is a double
    const double lo = std::max(-kExact, static_cast<double>(std::numeric_limits<T>::lowest()));
    const double hi = std::min(kExact, static_cast<double>(std::numeric_limits<T>::max()));
    if (!(d >= lo && d <= hi) || d != std::floor(d))
      throw Error(Error::Kind::kFormat, what + " must be a whole number from " + Value(lo).dump() +
                                            " to " + Value(hi).dump() + ", not " + Value(d).dump());
    return static_cast<T>(d);
  } else {
    if (!std::isfinite(d) || std::fabs(d) > static_cast<double>(std::numeric_limits<T>::max()))
      throw Error(Error::Kind::kFormat, what + " must be a finite number");
    return static_cast<T>(d);
  }
}
template int Value::asNumberFor<int>(const std::string&) const;
template int64_t Value::asNumberFor<int64_t>(const std::string&) const;
template uint64_t Value::asNumberFor<uint64_t>(const std::string&) const;
template float Value::asNumberFor<float>(const std::string&) const;
template double Value::asNumberFor<double>(const std::string&) const;

const std::string& Value::asString(const std::string& what) const {
  if (type_ != Type::kString) typeError(what, "a string", type_);
  return string_;
}

const Value::Array& Value::asArray(const std::string& what) const {
  if (type_ != Type::kArray) typeError(what, "an array", type_);
  return array_;
}

const Value::Object& Value::asObject(const std::string& what) const {
  if (type_ != Type::kObject) typeError(what, "an object", type_);
  return object_;
}

const Value* Value::find(const std::string& key) const {
  if (type_ != Type::kObject) return nullptr;
  for (const auto& [k, v] : object_)
    if (k == key) return &v;
  return nullptr;
}

void Value::set(const std::string& key, Value v) {
  if (type_ != Type::kObject) {
    *this = Value::object();
  }
  for (auto& [k, existing] : object_) {
    if (k == key) {
      existing = std::move(v);
      return;
    }
  }
  object_.emplace_back(key, std::move(v));
}

void Value::push(Value v) {
  if (type_ != Type::kArray) *this = Value::array();
  array_.push_back(std::move(v));
}

std::string Value::dump(int indent) const {
  std::string out;
  dumpTo(out, indent, 0);
  return out;
}

void Value::dumpTo(std::string& out, int indent, int depth) const {
  auto newline = [&](int d) {
    if (indent < 0) return;
    out += '\n';
    out.append(static_cast<size_t>(indent * d), ' ');
  };
  switch (type_) {
    case Type::kNull:
      out += "null";
      break;
    case Type::kBool:
      out += bool_ ? "true" : "false";
      break;
    case Type::kNumber: {
      char buf[32];
      if (!std::isfinite(number_)) {  // JSON has no NaN or infinity: they are unknown values
        out += "null";
        break;
      }
      if (number_ == std::floor(number_) && std::fabs(number_) < 1e15)
        std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(number_));
      else
        std::snprintf(buf, sizeof buf, "%.17g", number_);
      out += buf;
      break;
    }
    case Type::kString:
      escapeTo(out, string_);
      break;
    case Type::kArray: {
      out += '[';
      for (size_t i = 0; i < array_.size(); ++i) {
        if (i) out += indent < 0 ? "," : ", ";
        array_[i].dumpTo(out, -1 == indent ? -1 : indent, depth + 1);
      }
      out += ']';
      break;
    }
    case Type::kObject: {
      out += '{';
      for (size_t i = 0; i < object_.size(); ++i) {
        if (i) out += ',';
        newline(depth + 1);
        escapeTo(out, object_[i].first);
        out += indent < 0 ? ":" : ": ";
        object_[i].second.dumpTo(out, indent, depth + 1);
      }
      if (!object_.empty()) newline(depth);
      out += '}';
      break;
    }
  }
}

Value parse(const std::string& text) {
  return Parser(text).parseDocument();
}

}  // namespace unilearn::json
