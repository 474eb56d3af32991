// A restricted unpickler for the data.pkl record of PyTorch `torch.save` zip files.
// It executes nothing: the only Python globals it accepts are those that weights files need
// (OrderedDict, argparse.Namespace, torch storages and tensor rebuilders, set, _codecs.encode);
// any other global is rejected with an error naming it. Thread-safety: one Unpickler per thread.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <ATen/Tensor.h>

namespace unilearn::pickle {

class Value;
using ValueList = std::vector<Value>;
using ValuePairs = std::vector<std::pair<Value, Value>>;

class Value {
 public:
  enum class Kind {
    kNone,
    kBool,
    kInt,
    kFloat,
    kString,
    kBytes,
    kTuple,
    kList,
    kSet,
    kDict,    // kDict also holds OrderedDict (is_ordered())
    kObject,  // argparse.Namespace: class name + attributes
    kGlobal,  // a reference to an allowed Python global
    kTensor
  };

  Value() = default;
  static Value none() { return Value(); }
  static Value boolean(bool b);
  static Value integer(int64_t i);
  static Value real(double d);
  static Value string(std::string s);
  static Value bytes(std::string b);
  static Value tuple(ValueList items);
  static Value list(ValueList items = {});
  static Value set(ValueList items = {});
  static Value dict(bool ordered = false);
  static Value object(std::string class_name);
  static Value global(std::string module, std::string name);
  static Value tensor(at::Tensor t);

  Kind kind() const { return kind_; }
  const char* kindName() const;
  bool isNone() const { return kind_ == Kind::kNone; }
  bool asBool() const { return int_ != 0; }
  int64_t asInt() const { return int_; }
  double asFloat() const { return real_; }
  const std::string& asString() const { return *text_; }  // kString, kBytes, kGlobal ("mod.name")
  const std::string& globalModule() const { return *module_; }
  bool isOrdered() const { return ordered_; }

  // Shared containers: copies of a Value refer to the same list/dict, as pickle memo requires.
  ValueList& items() const { return *items_; }   // kTuple, kList, kSet
  ValuePairs& pairs() const { return *pairs_; }  // kDict, and kObject attributes
  const at::Tensor& asTensor() const { return *tensor_; }

  // Dict lookup by string key; nullptr when absent or not a dict.
  const Value* get(const std::string& key) const;

  // Identity of a container's shared payload (nullptr for scalars), and a way to empty it; the
  // unpickler uses them to free hostile (deep or cyclic) graphs without recursion.
  const void* payload() const;
  void dropChildren() const;

 private:
  Kind kind_ = Kind::kNone;
  int64_t int_ = 0;
  double real_ = 0.0;
  bool ordered_ = false;
  std::shared_ptr<std::string> text_, module_;
  std::shared_ptr<ValueList> items_;
  std::shared_ptr<ValuePairs> pairs_;
  std::shared_ptr<at::Tensor> tensor_;
};

// Loads one storage record: (storage type global, key, numel) -> 1-D tensor of that dtype.
using StorageLoader = std::function<at::Tensor(const std::string& storage_type,
                                               const std::string& key, int64_t numel)>;

// Unpickles `data` (protocol 2..5 binary opcodes). Throws unilearn::Error: kUnsafe for a
// disallowed global, kFormat for anything malformed (with the byte offset).
Value unpickle(const std::string& data, const StorageLoader& load_storage);

// The dtype a storage type name stands for ("FloatStorage" -> float32 ...); throws kFormat.
at::ScalarType storageDtype(const std::string& storage_type);

}  // namespace unilearn::pickle
