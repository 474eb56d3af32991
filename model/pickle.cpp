#include "model/pickle.h"

#include <cstring>
#include <set>

#include <ATen/ATen.h>

#include "model/base/error.h"

namespace unilearn::pickle {

namespace {

// Globals a weights file may name. Anything else is refused before it could be "called".
bool allowedGlobal(const std::string& module, const std::string& name) {
  static const std::set<std::string> allowed = {
      "collections.OrderedDict", "argparse.Namespace", "torch._utils._rebuild_tensor_v2",
      "torch._utils._rebuild_parameter", "builtins.set", "builtins.frozenset", "_codecs.encode",
      "__builtin__.set",
      // LibTorch's own torch.save-compatible writer (torch::pickle_save) tags containers:
      "torch.jit._pickle.restore_type_tag", "torch.jit._pickle.build_intlist",
      "torch.jit._pickle.build_doublelist", "torch.jit._pickle.build_boollist",
      "torch.jit._pickle.build_tensorlist"};
  if (allowed.count(module + "." + name)) return true;
  if (module == "torch" && name.size() > 7 && name.compare(name.size() - 7, 7, "Storage") == 0) {
    try {
      storageDtype(name);
      return true;
    } catch (const Error&) {
      return false;
    }
  }
  return false;
}

class Unpickler {
 public:
  Unpickler(const std::string& data, const StorageLoader& loader) : d_(data), loader_(loader) {}

  Value run() {
    while (true) {
      if (pos_ >= d_.size()) fail("the pickle ends without a STOP opcode (truncated file?)");
      const size_t op_pos = pos_;
      const uint8_t op = static_cast<uint8_t>(d_[pos_++]);
      if (op == '.') {
        if (stack_.size() != 1) fail("STOP with a malformed stack");
        return stack_.back();
      }
      if (++ops_ > kMaxOps) fail("too many pickle operations");
      step(op, op_pos);
      if (stack_.size() > kMaxStack) fail("pickle stack too deep");
    }
  }

  // Hands over everything the unpickler still holds, to be freed by the caller.
  void releaseInto(std::vector<Value>& out) {
    for (auto& v : stack_)
      out.push_back(std::move(v));
    for (auto& [k, v] : memo_)
      out.push_back(std::move(v));
    stack_.clear();
    memo_.clear();
  }

 private:
  static constexpr size_t kMaxOps = 50'000'000;
  static constexpr size_t kMaxStack = 1'000'000;

  [[noreturn]] void fail(const std::string& why) const {
    throw Error(Error::Kind::kFormat,
                "malformed checkpoint pickle at byte " + std::to_string(pos_) + ": " + why);
  }

  const char* take(size_t n) {
    if (n > d_.size() - pos_) fail("truncated data");
    const char* p = d_.data() + pos_;
    pos_ += n;
    return p;
  }
  uint64_t readUInt(size_t n) {
    const char* p = take(n);
    uint64_t v = 0;
    for (size_t i = 0; i < n; ++i)
      v |= static_cast<uint64_t>(static_cast<uint8_t>(p[i])) << (8 * i);
    return v;
  }
  std::string readLine() {
    size_t end = d_.find('\n', pos_);
    if (end == std::string::npos || end - pos_ > 256) fail("bad GLOBAL name");
    std::string s = d_.substr(pos_, end - pos_);
    pos_ = end + 1;
    return s;
  }

  Value pop() {
    if (stack_.empty() || (!marks_.empty() && stack_.size() <= marks_.back()))
      fail("pop from an empty stack");
    Value v = std::move(stack_.back());
    stack_.pop_back();
    return v;
  }
  Value& top() {
    if (stack_.empty()) fail("empty stack");
    return stack_.back();
  }
  ValueList popMark() {
    if (marks_.empty()) fail("no MARK");
    size_t m = marks_.back();
    marks_.pop_back();
    ValueList items(std::make_move_iterator(stack_.begin() + m),
                    std::make_move_iterator(stack_.end()));
    stack_.resize(m);
    return items;
  }
  void memoPut(uint64_t key) { memo_[key] = top(); }
  Value memoGet(uint64_t key) {
    auto it = memo_.find(key);
    if (it == memo_.end()) fail("memo key " + std::to_string(key) + " not found");
    return it->second;
  }

  void pushGlobal(const std::string& module, const std::string& name) {
    if (!allowedGlobal(module, name))
      throw Error(Error::Kind::kUnsafe,
                  "the checkpoint refers to the Python global '" + module + "." + name +
                      "', which a weights file never needs; refusing to load it (it could run "
                      "code in Python)");
    stack_.push_back(Value::global(module, name));
  }

  void setItems(Value& target, ValueList& kv) {
    if (target.kind() != Value::Kind::kDict)
      fail("SETITEM(S) on a " + std::string(target.kindName()));
    if (kv.size() % 2) fail("odd number of dict items");
    for (size_t i = 0; i < kv.size(); i += 2) {
      auto& pairs = target.pairs();
      bool replaced = false;
      if (kv[i].kind() == Value::Kind::kString) {
        for (auto& p : pairs)
          if (p.first.kind() == Value::Kind::kString && p.first.asString() == kv[i].asString()) {
            p.second = kv[i + 1];
            replaced = true;
          }
      }
      if (!replaced) pairs.emplace_back(kv[i], kv[i + 1]);
    }
  }

  void appendItems(Value& target, ValueList& items) {
    if (target.kind() != Value::Kind::kList && target.kind() != Value::Kind::kSet)
      fail("APPEND(S) on a " + std::string(target.kindName()));
    for (auto& v : items)
      target.items().push_back(std::move(v));
  }

  Value rebuildTensor(const ValueList& args) {
    if (args.size() < 4 || args[0].kind() != Value::Kind::kTensor ||
        args[1].kind() != Value::Kind::kInt || args[2].kind() != Value::Kind::kTuple ||
        args[3].kind() != Value::Kind::kTuple)
      fail("bad arguments to _rebuild_tensor_v2");
    const at::Tensor& storage = args[0].asTensor();
    std::vector<int64_t> size, stride;
    for (const auto& s : args[2].items()) {
      if (s.kind() != Value::Kind::kInt || s.asInt() < 0) fail("bad tensor size");
      size.push_back(s.asInt());
    }
    for (const auto& s : args[3].items()) {
      if (s.kind() != Value::Kind::kInt || s.asInt() < 0) fail("bad tensor stride");
      stride.push_back(s.asInt());
    }
    if (size.size() != stride.size()) fail("tensor size and stride differ in length");
    const int64_t offset = args[1].asInt();
    // Bounds check: the view must lie inside its storage.
    bool empty = false;
    uint64_t last = static_cast<uint64_t>(offset);
    for (size_t i = 0; i < size.size(); ++i) {
      if (size[i] == 0)
        empty = true;
      else if (size[i] > (int64_t{1} << 40) || stride[i] > (int64_t{1} << 40))
        fail("tensor dimension too large");
      else
        last += static_cast<uint64_t>(size[i] - 1) * static_cast<uint64_t>(stride[i]);
    }
    if (offset < 0 || (!empty && last >= static_cast<uint64_t>(storage.numel())))
      fail("tensor view reaches outside its storage");
    if (empty) return Value::tensor(at::empty(size, storage.options()));
    return Value::tensor(storage.as_strided(size, stride, offset));
  }

  Value call(const Value& callable, const ValueList& args) {
    const std::string& name = callable.asString();
    if (name == "collections.OrderedDict") {
      if (!args.empty()) fail("OrderedDict called with arguments");
      return Value::dict(true);
    }
    if (name == "torch._utils._rebuild_tensor_v2") return rebuildTensor(args);
    if (name == "torch._utils._rebuild_parameter") {
      if (args.empty() || args[0].kind() != Value::Kind::kTensor) fail("bad _rebuild_parameter");
      return args[0];
    }
    if (name == "builtins.set" || name == "builtins.frozenset" || name == "__builtin__.set") {
      Value s = Value::set();
      if (!args.empty() &&
          (args[0].kind() == Value::Kind::kList || args[0].kind() == Value::Kind::kTuple))
        s.items() = args[0].items();
      return s;
    }
    if (name == "_codecs.encode") {
      if (args.empty() || args[0].kind() != Value::Kind::kString) fail("bad _codecs.encode");
      // latin-1: code points < 256 stored as UTF-8 in the pickle; map back to bytes.
      const std::string& s = args[0].asString();
      std::string out;
      for (size_t i = 0; i < s.size(); ++i) {
        uint8_t c = static_cast<uint8_t>(s[i]);
        if (c < 0x80)
          out += static_cast<char>(c);
        else if ((c & 0xE0) == 0xC0 && i + 1 < s.size())
          out += static_cast<char>(((c & 0x1F) << 6) | (static_cast<uint8_t>(s[++i]) & 0x3F));
        else
          fail("bad latin-1 text in _codecs.encode");
      }
      return Value::bytes(out);
    }
    if (name == "argparse.Namespace") return Value::object("argparse.Namespace");
    if (name.rfind("torch.jit._pickle.", 0) == 0) {  // type tags: the value passes through
      if (args.empty()) fail("bad " + name);
      return args[0];
    }
    fail("the global '" + name + "' cannot be called");
  }

  Value persistentLoad(const Value& pid) {
    if (pid.kind() != Value::Kind::kTuple || pid.items().size() < 5) fail("bad persistent id");
    const auto& t = pid.items();
    if (t[0].kind() != Value::Kind::kString || t[0].asString() != "storage" ||
        t[1].kind() != Value::Kind::kGlobal || t[2].kind() != Value::Kind::kString ||
        t[4].kind() != Value::Kind::kInt || t[4].asInt() < 0)
      fail("bad storage reference");
    const std::string& key = t[2].asString();
    auto it = storages_.find(key);
    if (it != storages_.end()) return it->second;  // views share one storage
    const std::string& full = t[1].asString();
    Value v = Value::tensor(loader_(full.substr(full.rfind('.') + 1), key, t[4].asInt()));
    storages_[key] = v;
    return v;
  }

  void step(uint8_t op, size_t op_pos) {
    switch (op) {
      case 0x80:
        take(1);
        break;  // PROTO
      case 0x95:
        take(8);
        break;  // FRAME
      case '(':
        marks_.push_back(stack_.size());
        break;
      case 'N':
        stack_.push_back(Value::none());
        break;
      case 0x88:
        stack_.push_back(Value::boolean(true));
        break;
      case 0x89:
        stack_.push_back(Value::boolean(false));
        break;
      case 'J':
        stack_.push_back(Value::integer(static_cast<int32_t>(readUInt(4))));
        break;
      case 'K':
        stack_.push_back(Value::integer(static_cast<int64_t>(readUInt(1))));
        break;
      case 'M':
        stack_.push_back(Value::integer(static_cast<int64_t>(readUInt(2))));
        break;
      case 0x8a:
      case 0x8b: {  // LONG1, LONG4
        uint64_t n = readUInt(op == 0x8a ? 1 : 4);
        if (n > 8) fail("integer too large");
        const char* p = take(n);
        uint64_t v = 0;
        for (uint64_t i = 0; i < n; ++i)
          v |= static_cast<uint64_t>(static_cast<uint8_t>(p[i])) << (8 * i);
        if (n > 0 && n < 8 && (static_cast<uint8_t>(p[n - 1]) & 0x80)) v |= ~uint64_t{0} << (8 * n);
        stack_.push_back(Value::integer(static_cast<int64_t>(v)));
        break;
      }
      case 'G': {  // BINFLOAT, big-endian
        const char* p = take(8);
        uint64_t bits = 0;
        for (int i = 0; i < 8; ++i)
          bits = (bits << 8) | static_cast<uint8_t>(p[i]);
        double d;
        std::memcpy(&d, &bits, 8);
        stack_.push_back(Value::real(d));
        break;
      }
      case 'X':
      case 0x8c:
      case 0x8d: {  // BINUNICODE, SHORT_BINUNICODE, BINUNICODE8
        uint64_t n = readUInt(op == 'X' ? 4 : op == 0x8c ? 1 : 8);
        stack_.push_back(Value::string(std::string(take(n), n)));
        break;
      }
      case 'T':
      case 'U': {  // BINSTRING, SHORT_BINSTRING
        uint64_t n = readUInt(op == 'T' ? 4 : 1);
        stack_.push_back(Value::string(std::string(take(n), n)));
        break;
      }
      case 'B':
      case 'C':
      case 0x8e: {  // BINBYTES, SHORT_BINBYTES, BINBYTES8
        uint64_t n = readUInt(op == 'B' ? 4 : op == 'C' ? 1 : 8);
        stack_.push_back(Value::bytes(std::string(take(n), n)));
        break;
      }
      case ')':
        stack_.push_back(Value::tuple({}));
        break;
      case ']':
        stack_.push_back(Value::list());
        break;
      case '}':
        stack_.push_back(Value::dict());
        break;
      case 0x8f:
        stack_.push_back(Value::set());
        break;
      case 't':
        stack_.push_back(Value::tuple(popMark()));
        break;
      case 'l':
        stack_.push_back(Value::list(popMark()));
        break;
      case 0x91:
        stack_.push_back(Value::set(popMark()));
        break;
      case 'd': {
        ValueList kv = popMark();
        Value d = Value::dict();
        setItems(d, kv);
        stack_.push_back(d);
        break;
      }
      case 0x85:
      case 0x86:
      case 0x87: {  // TUPLE1..3
        size_t n = op - 0x84;
        ValueList items(n);
        for (size_t i = n; i-- > 0;)
          items[i] = pop();
        stack_.push_back(Value::tuple(std::move(items)));
        break;
      }
      case 'a': {
        ValueList one{pop()};
        appendItems(top(), one);
        break;
      }
      case 'e':
      case 0x90: {  // APPENDS, ADDITEMS
        ValueList items = popMark();
        appendItems(top(), items);
        break;
      }
      case 's': {
        Value v = pop();
        Value k = pop();
        ValueList kv{k, v};
        setItems(top(), kv);
        break;
      }
      case 'u': {
        ValueList kv = popMark();
        setItems(top(), kv);
        break;
      }
      case 'q':
        memoPut(readUInt(1));
        break;
      case 'r':
        memoPut(readUInt(4));
        break;
      case 0x94:
        memoPut(memo_.size());
        break;  // MEMOIZE
      case 'h':
        stack_.push_back(memoGet(readUInt(1)));
        break;
      case 'j':
        stack_.push_back(memoGet(readUInt(4)));
        break;
      case 'c': {
        std::string module = readLine();
        std::string name = readLine();
        pushGlobal(module, name);
        break;
      }
      case 0x93: {  // STACK_GLOBAL
        Value name = pop();
        Value module = pop();
        if (name.kind() != Value::Kind::kString || module.kind() != Value::Kind::kString)
          fail("STACK_GLOBAL needs two strings");
        pushGlobal(module.asString(), name.asString());
        break;
      }
      case 'R':
      case 0x81: {  // REDUCE, NEWOBJ
        Value args = pop();
        Value callable = pop();
        if (callable.kind() != Value::Kind::kGlobal || args.kind() != Value::Kind::kTuple)
          fail("REDUCE/NEWOBJ needs a global and a tuple");
        stack_.push_back(call(callable, args.items()));
        break;
      }
      case 'b': {  // BUILD: set attributes from a state dict
        Value state = pop();
        Value& target = top();
        if (target.kind() == Value::Kind::kObject && state.kind() == Value::Kind::kDict) {
          for (auto& p : state.pairs())
            target.pairs().push_back(p);
        } else if (target.kind() == Value::Kind::kDict || target.kind() == Value::Kind::kTensor) {
          // OrderedDict._metadata and tensor state: carried by torch for its own use; ignored.
        } else {
          fail("BUILD on a " + std::string(target.kindName()));
        }
        break;
      }
      case 'Q':
        stack_.push_back(persistentLoad(pop()));
        break;  // BINPERSID
      case '0':
        pop();
        break;
      case '1':
        popMark();
        break;
      case '2':
        stack_.push_back(top());
        break;
      default: {
        pos_ = op_pos;
        char buf[8];
        std::snprintf(buf, sizeof buf, "0x%02x", op);
        fail(std::string("unsupported pickle opcode ") + buf);
      }
    }
  }

  const std::string& d_;
  const StorageLoader& loader_;
  size_t pos_ = 0;
  size_t ops_ = 0;
  ValueList stack_;
  std::vector<size_t> marks_;
  std::map<uint64_t, Value> memo_;
  std::map<std::string, Value> storages_;
};

// Children of a container value, for the graph walks below.
template <typename F>
void forEachChild(const Value& v, F&& f) {
  switch (v.kind()) {
    case Value::Kind::kTuple:
    case Value::Kind::kList:
    case Value::Kind::kSet:
      for (const auto& c : v.items())
        f(c);
      break;
    case Value::Kind::kDict:
    case Value::Kind::kObject:
      for (const auto& [k, c] : v.pairs()) {
        f(k);
        f(c);
      }
      break;
    default:
      break;
  }
}

constexpr int kMaxDepth = 64;

// Height of a value graph, or kMaxDepth + 1 when deeper than kMaxDepth or cyclic.
// Recursion is bounded by kMaxDepth; shared sub-graphs are visited once.
int height(const Value& v, int depth, std::map<const void*, int>& known) {
  const void* id = v.payload();
  if (!id) return 0;
  if (depth > kMaxDepth) return kMaxDepth + 1;
  auto it = known.find(id);
  if (it != known.end()) return it->second;
  known[id] = kMaxDepth + 1;  // a cycle back to here reads as too deep
  int h = 0;
  forEachChild(v, [&](const Value& c) { h = std::max(h, 1 + height(c, depth + 1, known)); });
  h = std::min(h, kMaxDepth + 1);
  known[id] = h;
  return h;
}

// Every container reachable from `roots`, found without recursion.
std::vector<Value> reachable(const std::vector<Value>& roots) {
  std::vector<Value> found, todo(roots.begin(), roots.end());
  std::set<const void*> seen;
  while (!todo.empty()) {
    Value v = std::move(todo.back());
    todo.pop_back();
    const void* id = v.payload();
    if (!id || !seen.insert(id).second) continue;
    forEachChild(v, [&](const Value& c) { todo.push_back(c); });
    found.push_back(std::move(v));
  }
  return found;
}

// Empties every container (cycles and deep chains included) so freeing them cannot recurse.
void dismantle(const std::vector<Value>& roots) {
  std::vector<Value> all = reachable(roots);
  for (const auto& v : all)
    v.dropChildren();
}

}  // namespace

Value unpickle(const std::string& data, const StorageLoader& load_storage) {
  std::vector<Value> roots;
  Value result;
  {
    Unpickler u(data, load_storage);
    try {
      result = u.run();
    } catch (...) {
      u.releaseInto(roots);
      dismantle(roots);
      throw;
    }
    u.releaseInto(roots);
  }
  std::map<const void*, int> known;
  if (height(result, 0, known) > kMaxDepth) {
    roots.push_back(result);
    dismantle(roots);
    throw Error(Error::Kind::kFormat, "malformed checkpoint pickle: objects nested more than " +
                                          std::to_string(kMaxDepth) + " deep, or cyclic");
  }
  // Free whatever the memo or stack held outside the result, without recursion.
  std::set<const void*> keep;
  for (const auto& v : reachable({result}))
    keep.insert(v.payload());
  std::vector<Value> garbage;
  for (auto& v : reachable(roots))
    if (!keep.count(v.payload())) garbage.push_back(v);
  for (const auto& v : garbage)
    v.dropChildren();
  return result;
}

}  // namespace unilearn::pickle
