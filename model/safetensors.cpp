#include "model/safetensors.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>

#include <torch/torch.h>

#include "model/base/atomic_file.h"
#include "model/base/error.h"
#include "model/base/json.h"

namespace unilearn {
namespace {

const std::map<std::string, at::ScalarType>& dtypeTable() {
  static const std::map<std::string, at::ScalarType> table = {
      {"F32", at::kFloat}, {"F16", at::kHalf}, {"BF16", at::kBFloat16}, {"F64", at::kDouble},
      {"I64", at::kLong},  {"I32", at::kInt},  {"I16", at::kShort},     {"I8", at::kChar},
      {"U8", at::kByte},   {"BOOL", at::kBool}};
  return table;
}

std::string dtypeName(at::ScalarType t) {
  for (const auto& [name, type] : dtypeTable())
    if (type == t) return name;
  throw Error(Error::Kind::kArgument,
              std::string("safetensors cannot store dtype ") + c10::toString(t));
}

[[noreturn]] void formatError(const std::string& path, const std::string& why) {
  throw Error(Error::Kind::kFormat, "'" + path + "' is not a valid safetensors file: " + why);
}

}  // namespace

const std::string* SafetensorsFile::find(const std::string& key) const {
  for (const auto& [k, v] : metadata)
    if (k == key) return &v;
  return nullptr;
}

void writeSafetensors(const std::string& path, const StateDict& tensors, const Metadata& metadata) {
  json::Value header = json::Value::object();
  if (!metadata.empty()) {
    json::Value meta = json::Value::object();
    for (const auto& [k, v] : metadata)
      meta.set(k, v);
    header.set("__metadata__", meta);
  }
  std::vector<at::Tensor> blobs;
  int64_t offset = 0;
  for (const auto& [name, t] : tensors) {
    auto c = t.detach().to(torch::kCPU).contiguous();
    json::Value entry = json::Value::object();
    entry.set("dtype", dtypeName(c.scalar_type()));
    json::Value shape = json::Value::array();
    for (int64_t d : c.sizes())
      shape.push(d);
    entry.set("shape", shape);
    const int64_t bytes = c.numel() * static_cast<int64_t>(c.element_size());
    json::Value offsets = json::Value::array();
    offsets.push(offset);
    offsets.push(offset + bytes);
    entry.set("data_offsets", offsets);
    header.set(name, entry);
    offset += bytes;
    blobs.push_back(c);
  }
  std::string text = header.dump();
  while ((text.size() + 8) % 8 != 0)
    text += ' ';  // align the data to 8 bytes
  writeFileAtomically(path, [&](std::ostream& out) {
    const uint64_t n = text.size();
    char len[8];
    for (int i = 0; i < 8; ++i)
      len[i] = static_cast<char>((n >> (8 * i)) & 0xFF);
    out.write(len, 8);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    for (const auto& b : blobs)
      out.write(static_cast<const char*>(b.data_ptr()),
                static_cast<std::streamsize>(b.numel() * b.element_size()));
  });
}

SafetensorsFile readSafetensors(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(Error::Kind::kIo, "cannot open '" + path + "': no such file or no access");
  in.seekg(0, std::ios::end);
  const uint64_t file_size = static_cast<uint64_t>(in.tellg());
  in.seekg(0);
  if (file_size < 8) formatError(path, "shorter than its 8-byte header length");
  unsigned char len[8];
  in.read(reinterpret_cast<char*>(len), 8);
  uint64_t header_len = 0;
  for (int i = 0; i < 8; ++i)
    header_len |= static_cast<uint64_t>(len[i]) << (8 * i);
  if (header_len > 100'000'000 || header_len > file_size - 8)
    formatError(path, "header length " + std::to_string(header_len) + " exceeds the file");
  std::string text(header_len, '\0');
  in.read(text.data(), static_cast<std::streamsize>(header_len));
  json::Value header;
  try {
    header = json::parse(text);
  } catch (const Error& e) {
    formatError(path, e.what());
  }
  if (!header.isObject()) formatError(path, "header is not a JSON object");
  const uint64_t data_size = file_size - 8 - header_len;

  SafetensorsFile file;
  struct Span {
    uint64_t begin, end;
    std::string name;
  };
  std::vector<Span> spans;
  for (const auto& [name, entry] : header.asObject()) {
    if (name == "__metadata__") {
      if (!entry.isObject()) formatError(path, "__metadata__ is not an object");
      for (const auto& [k, v] : entry.asObject()) {
        if (!v.isString()) formatError(path, "metadata value '" + k + "' is not a string");
        file.metadata.emplace_back(k, v.asString());
      }
      continue;
    }
    try {
      const auto& dt = entry.find("dtype") ? entry.find("dtype")->asString(name + ".dtype") : "";
      auto it = dtypeTable().find(dt);
      if (it == dtypeTable().end())
        formatError(path, "tensor '" + name + "' has unknown dtype '" + dt + "'");
      const json::Value* shape_v = entry.find("shape");
      const json::Value* offs_v = entry.find("data_offsets");
      if (!shape_v || !offs_v)
        formatError(path, "tensor '" + name + "' lacks shape or data_offsets");
      std::vector<int64_t> shape;
      uint64_t numel = 1;
      for (const auto& d : shape_v->asArray(name + ".shape")) {
        int64_t v = d.asInt(name + ".shape");
        if (v < 0 || v > (int64_t{1} << 40))
          formatError(path, "tensor '" + name + "' has a bad shape");
        shape.push_back(v);
        numel *= static_cast<uint64_t>(v);
        if (numel > (uint64_t{1} << 40)) formatError(path, "tensor '" + name + "' is too large");
      }
      const auto& offs = offs_v->asArray(name + ".data_offsets");
      if (offs.size() != 2) formatError(path, "tensor '" + name + "' needs two data_offsets");
      const int64_t b = offs[0].asInt(), e = offs[1].asInt();
      if (b < 0 || e < b || static_cast<uint64_t>(e) > data_size)
        formatError(path, "tensor '" + name + "' lies outside the data (truncated file?)");
      const uint64_t bytes = numel * c10::elementSize(it->second);
      if (static_cast<uint64_t>(e - b) != bytes)
        formatError(path, "tensor '" + name + "' has " + std::to_string(e - b) +
                              " bytes for a shape needing " + std::to_string(bytes));
      spans.push_back({static_cast<uint64_t>(b), static_cast<uint64_t>(e), name});
      auto t = torch::empty(shape, torch::TensorOptions().dtype(it->second));
      in.seekg(static_cast<std::streamoff>(8 + header_len + b));
      if (bytes) in.read(static_cast<char*>(t.data_ptr()), static_cast<std::streamsize>(bytes));
      if (!in) formatError(path, "could not read the data of '" + name + "'");
      file.tensors.emplace_back(name, t);
    } catch (const Error& err) {
      if (err.kind() == Error::Kind::kFormat &&
          std::string(err.what()).find(path) != std::string::npos)
        throw;
      formatError(path, err.what());
    }
  }
  std::sort(spans.begin(), spans.end(),
            [](const Span& a, const Span& b) { return a.begin < b.begin; });
  for (size_t i = 1; i < spans.size(); ++i)
    if (spans[i].begin < spans[i - 1].end)
      formatError(path, "tensors '" + spans[i - 1].name + "' and '" + spans[i].name + "' overlap");
  return file;
}

}  // namespace unilearn
