// One list of a settings object's fields for both directions. A settings type lists its fields
// once, in a function template over a visitor:
//
//   template <class C, class F> void visitFields(C& c, F& f) {
//     f("epochs", c.epochs);
//     f.optional("face_margin", c.face_margin, 0.25);  // written only when not the default
//   }
//
// and writes with FieldWriter, reads with FieldReader (writeFields and readFields below do the
// whole round): the same names both ways; each value is
// checked against its field's type (json::Value::asNumberFor: a fraction for an integer, a
// number out of the field's range and a string for a number are errors naming the key); and one
// rule for keys: a key no field claims is an error naming it, so a typo in a config file is
// never silently ignored. A field of another type (a nested config, an object of options) is
// written by `Value toJsonValue(const T&)` and read by `void fromJsonValue(const Value&,
// const std::string& key, T&)` found next to T.
// Thread-safety: plain objects, one per call.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include "model/base/error.h"
#include "model/base/json.h"

namespace unilearn::json {

class FieldWriter {
 public:
  template <class T>
  void operator()(const char* key, const T& field) {
    out.set(key, value(field));
  }
  template <class T>
  void optional(const char* key, const T& field, const T& default_value) {
    if (!(field == default_value)) (*this)(key, field);
  }

  Value out = Value::object();

 private:
  template <class T>
  static Value value(const T& field) {
    if constexpr (std::is_same_v<T, bool> || std::is_same_v<T, std::string>) {
      return Value(field);
    } else if constexpr (std::is_integral_v<T>) {
      return Value(static_cast<int64_t>(field));
    } else if constexpr (std::is_floating_point_v<T>) {
      return Value(static_cast<double>(field));
    } else {
      return toJsonValue(field);
    }
  }
  template <class T>
  static Value value(const std::vector<T>& items) {
    Value a = Value::array();
    for (const auto& item : items)
      a.push(value(item));
    return a;
  }
};

class FieldReader {
 public:
  // `unknown` starts the error for a key no field claims: "unknown training setting" gives
  // "unknown training setting 'lrate'". `object` names the whole in a type error.
  FieldReader(const Value& v, const std::string& object, std::string unknown)
      : object_(v.asObject(object)), unknown_(std::move(unknown)) {}
  // It refers to `v`, which must outlive it: not a temporary.
  FieldReader(Value&&, const std::string&, std::string) = delete;

  template <class T>
  void operator()(const char* key, T& field) {
    if (const Value* x = claim(key)) read(*x, key, field);
  }
  template <class T>
  void optional(const char* key, T& field, const T&) {
    (*this)(key, field);
  }
  // A key read by hand (it has a shape of its own): claimed, so not unknown.
  const Value* claim(const char* key) {
    claimed_.emplace_back(key);
    for (const auto& [k, v] : object_)
      if (k == key) return &v;
    return nullptr;
  }
  // Throws Error (kConfig) for the first key of the object that no field claimed.
  void finish() const {
    for (const auto& [k, v] : object_)
      if (std::find(claimed_.begin(), claimed_.end(), k) == claimed_.end())
        throw Error(Error::Kind::kConfig, unknown_ + " '" + k + "'");
  }

 private:
  template <class T>
  static void read(const Value& v, const std::string& key, T& field) {
    if constexpr (std::is_same_v<T, bool>) {
      field = v.asBool(key);
    } else if constexpr (std::is_same_v<T, std::string>) {
      field = v.asString(key);
    } else if constexpr (std::is_arithmetic_v<T>) {
      field = v.asNumberFor<T>(key);
    } else {
      fromJsonValue(v, key, field);
    }
  }
  template <class T>
  static void read(const Value& v, const std::string& key, std::vector<T>& items) {
    items.clear();
    for (const auto& item : v.asArray(key)) {
      T x{};
      read(item, key + " item", x);
      items.push_back(std::move(x));
    }
  }

  const Value::Object& object_;
  std::string unknown_;
  std::vector<std::string> claimed_;
};

// The whole round: `visit(x, visitor)` lists x's fields (a generic lambda around the type's
// visitFields template).
template <class T, class Visit>
Value writeFields(const T& x, Visit visit) {
  FieldWriter w;
  visit(x, w);
  return std::move(w.out);
}

// Reads `v` into `x` (absent keys keep x's values) and refuses keys no field claims.
template <class T, class Visit>
void readFields(const Value& v, const std::string& object, const std::string& unknown, T& x,
                Visit visit) {
  FieldReader r(v, object, unknown);
  visit(x, r);
  r.finish();
}

}  // namespace unilearn::json
