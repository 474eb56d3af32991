// pickle::Value: the data the restricted unpickler builds (see pickle.h).
#include <map>

#include <ATen/ATen.h>

#include "model/base/error.h"
#include "model/pickle.h"

namespace unilearn::pickle {

Value Value::boolean(bool b) {
  Value v;
  v.kind_ = Kind::kBool;
  v.int_ = b;
  return v;
}
Value Value::integer(int64_t i) {
  Value v;
  v.kind_ = Kind::kInt;
  v.int_ = i;
  return v;
}
Value Value::real(double d) {
  Value v;
  v.kind_ = Kind::kFloat;
  v.real_ = d;
  return v;
}

Value Value::string(std::string s) {
  Value v;
  v.kind_ = Kind::kString;
  v.text_ = std::make_shared<std::string>(std::move(s));
  return v;
}

Value Value::bytes(std::string b) {
  Value v = string(std::move(b));
  v.kind_ = Kind::kBytes;
  return v;
}

Value Value::tuple(ValueList items) {
  Value v;
  v.kind_ = Kind::kTuple;
  v.items_ = std::make_shared<ValueList>(std::move(items));
  return v;
}

Value Value::list(ValueList items) {
  Value v = tuple(std::move(items));
  v.kind_ = Kind::kList;
  return v;
}

Value Value::set(ValueList items) {
  Value v = tuple(std::move(items));
  v.kind_ = Kind::kSet;
  return v;
}

Value Value::dict(bool ordered) {
  Value v;
  v.kind_ = Kind::kDict;
  v.ordered_ = ordered;
  v.pairs_ = std::make_shared<ValuePairs>();
  return v;
}

Value Value::object(std::string class_name) {
  Value v = dict(false);
  v.kind_ = Kind::kObject;
  v.text_ = std::make_shared<std::string>(std::move(class_name));
  return v;
}

Value Value::global(std::string module, std::string name) {
  Value v;
  v.kind_ = Kind::kGlobal;
  v.text_ = std::make_shared<std::string>(module + "." + name);
  v.module_ = std::make_shared<std::string>(std::move(module));
  return v;
}

Value Value::tensor(at::Tensor t) {
  Value v;
  v.kind_ = Kind::kTensor;
  v.tensor_ = std::make_shared<at::Tensor>(std::move(t));
  return v;
}

const char* Value::kindName() const {
  switch (kind_) {
    case Kind::kNone:
      return "None";
    case Kind::kBool:
      return "bool";
    case Kind::kInt:
      return "int";
    case Kind::kFloat:
      return "float";
    case Kind::kString:
      return "str";
    case Kind::kBytes:
      return "bytes";
    case Kind::kTuple:
      return "tuple";
    case Kind::kList:
      return "list";
    case Kind::kSet:
      return "set";
    case Kind::kDict:
      return ordered_ ? "OrderedDict" : "dict";
    case Kind::kObject:
      return "object";
    case Kind::kGlobal:
      return "global";
    case Kind::kTensor:
      return "tensor";
  }
  return "?";
}

const Value* Value::get(const std::string& key) const {
  if (kind_ != Kind::kDict && kind_ != Kind::kObject) return nullptr;
  for (const auto& [k, v] : *pairs_)
    if (k.kind_ == Kind::kString && *k.text_ == key) return &v;
  return nullptr;
}

const void* Value::payload() const {
  if (items_) return items_.get();
  if (pairs_) return pairs_.get();
  return nullptr;
}

void Value::dropChildren() const {
  if (items_) items_->clear();
  if (pairs_) pairs_->clear();
}

at::ScalarType storageDtype(const std::string& type) {
  static const std::map<std::string, at::ScalarType> table = {
      {"FloatStorage", at::kFloat},       {"HalfStorage", at::kHalf},
      {"BFloat16Storage", at::kBFloat16}, {"DoubleStorage", at::kDouble},
      {"LongStorage", at::kLong},         {"IntStorage", at::kInt},
      {"ShortStorage", at::kShort},       {"CharStorage", at::kChar},
      {"ByteStorage", at::kByte},         {"BoolStorage", at::kBool}};
  auto it = table.find(type);
  if (it == table.end())
    throw Error(Error::Kind::kFormat, "unsupported tensor storage type torch." + type);
  return it->second;
}

}  // namespace unilearn::pickle
