// `unilearn forward` (one tensor through the network, results in a torch.load-able file) and
// `unilearn convert` (authors' checkpoint -> our safetensors model file).
#include <cstdio>
#include <fstream>

#include <torch/torch.h>

#include "app/cli/commands.h"
#include "app/cli/model_args.h"
#include "model/base/atomic_file.h"
#include "model/base/error.h"
#include "model/base/text.h"
#include "trainer/distill.h"

namespace unilearn::cli {
namespace {

torch::Tensor readInputTensor(const std::string& path) {
  pickle::Value v = readTorchFile(path);
  if (v.kind() != pickle::Value::Kind::kTensor)
    throw Error(Error::Kind::kFormat,
                "'" + path + "' holds a " + v.kindName() +
                    ", not a tensor; save the input with torch.save(tensor, path)");
  return v.asTensor().contiguous();
}

void writeTorchFile(const std::string& path, const c10::IValue& value) {
  std::vector<char> bytes = torch::pickle_save(value);
  writeFileAtomically(path, [&](std::ostream& out) {
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  });
}

std::string basename(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

int runForward(const std::vector<std::string>& argv) {
  Args args(argv, {"config", "weights", "input", "output", "mode", "seed", "threads"},
            {"routing", "partial"});
  if (!args.positional().empty())
    throw UsageError{"unexpected argument '" + args.positional()[0] + "'"};
  args.require("weights");
  const std::string input_path = args.require("input");
  const std::string output_path = args.require("output");
  ForwardOptions options;
  const std::string mode = args.get("mode").value_or("deterministic");
  if (mode == "official")
    options = ForwardOptions::official();
  else if (mode != "deterministic")
    throw UsageError{"--mode must be deterministic or official, not '" + mode + "'"};
  options.trace_routing = args.has("routing");

  torch::InferenceMode inference;
  LoadedNetwork net = networkFromArgs(args, args.has("partial"));
  torch::Tensor input = readInputTensor(input_path);
  if (auto seed = args.get("seed"))
    torch::manual_seed(static_cast<uint64_t>(args.getInt("seed", 0)));
  ForwardOutput out = net.network->forward(input, options);

  c10::impl::GenericDict result(c10::StringType::get(), c10::AnyType::get());
  result.insert("logits", out.logits);
  result.insert("features", out.features);
  result.insert("head", std::string(out.video ? "video" : "image"));
  result.insert("mode", mode);
  if (options.trace_routing) {
    c10::impl::GenericList layers(c10::AnyType::get());
    for (const auto& r : out.routing) {
      c10::impl::GenericDict layer(c10::StringType::get(), c10::AnyType::get());
      layer.insert("block", r.block);
      layer.insert("indices", r.indices);
      layer.insert("gates", r.gates);
      layer.insert("load", r.load);
      layer.insert("kept", r.kept);
      layer.insert("capacity", r.capacity);
      layers.push_back(layer);
    }
    result.insert("routing", layers);
  }
  writeTorchFile(output_path, result);
  std::printf("%s head, logits [%lld,%lld] -> %s\n", out.video ? "video" : "image",
              static_cast<long long>(out.logits.size(0)),
              static_cast<long long>(out.logits.size(1)), output_path.c_str());
  return 0;
}

int runConvert(const std::vector<std::string>& argv) {
  Args args(argv, {"config", "threads", "face-margin"}, {"partial", "fp16"});
  if (args.positional().size() != 2) throw UsageError{"convert needs IN and OUT.safetensors"};
  const std::string in = args.positional()[0], out = args.positional()[1];
  if (!endsWith(out, ".safetensors")) throw UsageError{"the output file must end in .safetensors"};
  torch::NoGradGuard no_grad;
  LoadOptions options;
  options.allow_partial = args.has("partial");
  LoadedNetwork net = loadNetwork(in, configOption(args), options);
  // The crop the model was trained on (0 for tight crops such as FER+'s): the analysis cuts
  // faces so for it.
  if (auto m = args.get("face-margin")) net.network->setFaceMargin(std::stod(*m));
  saveNetwork(out, net.network,
              {{"source", basename(in)},
               {"source_format", net.format},
               {"loading", net.report.summary()},
               {"converted_by", "unilearn convert (UniLearn Studio)"}});
  if (args.has("fp16")) trainer::writeHalfPrecision(out, out, {{"precision", "fp16"}});
  std::printf("%s\nwrote %s\n", net.report.summary().c_str(), out.c_str());
  return 0;
}

}  // namespace unilearn::cli
