// A small JSON value with parser and writer: enough for model configs, safetensors headers and
// file metadata. Objects keep their keys in insertion order so written files diff cleanly.
// Thread-safety: values are plain data; distinct values may be used from distinct threads.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace unilearn::json {

class Value {
 public:
  enum class Type { kNull, kBool, kNumber, kString, kArray, kObject };
  using Array = std::vector<Value>;
  using Object = std::vector<std::pair<std::string, Value>>;

  Value() = default;
  Value(std::nullptr_t) {}
  Value(bool b) : type_(Type::kBool), bool_(b) {}
  Value(double d) : type_(Type::kNumber), number_(d) {}
  Value(int i) : type_(Type::kNumber), number_(i) {}
  Value(int64_t i) : type_(Type::kNumber), number_(static_cast<double>(i)) {}
  Value(const char* s) : type_(Type::kString), string_(s) {}
  Value(std::string s) : type_(Type::kString), string_(std::move(s)) {}
  Value(Array a) : type_(Type::kArray), array_(std::move(a)) {}
  Value(Object o) : type_(Type::kObject), object_(std::move(o)) {}

  static Value object() { return Value(Object{}); }
  static Value array() { return Value(Array{}); }

  Type type() const { return type_; }
  bool isNull() const { return type_ == Type::kNull; }
  bool isBool() const { return type_ == Type::kBool; }
  bool isNumber() const { return type_ == Type::kNumber; }
  bool isString() const { return type_ == Type::kString; }
  bool isArray() const { return type_ == Type::kArray; }
  bool isObject() const { return type_ == Type::kObject; }

  // Typed access; each throws unilearn::Error (kFormat) naming `what` on a type mismatch.
  bool asBool(const std::string& what = "value") const;
  double asNumber(const std::string& what = "value") const;
  int64_t asInt(const std::string& what = "value") const;
  // A number for a field of type T (int, int64_t, uint64_t, float, double): a whole number that
  // T holds for integral T, a finite number for floating T; otherwise throws unilearn::Error
  // (kFormat) naming `what`. Settings readers use it so that an absurd value is an error, never
  // an out-of-range conversion.
  template <typename T>
  T asNumberFor(const std::string& what = "value") const;
  const std::string& asString(const std::string& what = "value") const;
  const Array& asArray(const std::string& what = "value") const;
  const Object& asObject(const std::string& what = "value") const;

  // Object access. find() returns nullptr when absent; set() replaces or appends.
  const Value* find(const std::string& key) const;
  void set(const std::string& key, Value v);
  // Array append.
  void push(Value v);

  // Compact when indent < 0, else pretty-printed with that many spaces.
  std::string dump(int indent = -1) const;

 private:
  void dumpTo(std::string& out, int indent, int depth) const;

  Type type_ = Type::kNull;
  bool bool_ = false;
  double number_ = 0.0;
  std::string string_;
  Array array_;
  Object object_;
};

// Parses a complete JSON text; throws unilearn::Error (kFormat) with the byte offset on failure.
// Nesting deeper than 256 levels is rejected.
Value parse(const std::string& text);

}  // namespace unilearn::json
