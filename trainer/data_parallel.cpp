#include "trainer/data_parallel.h"

#include <torch/torch.h>
#include <torch/csrc/distributed/c10d/FileStore.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>

#include "model/base/error.h"

namespace unilearn::trainer::detail {

struct DataParallel::Impl {
  c10::intrusive_ptr<c10d::ProcessGroupGloo> group;
};

DataParallel::DataParallel(int rank, int world, const std::string& store_file)
    : rank_(rank), world_(world) {
  if (world <= 1) return;
  if (rank < 0 || rank >= world)
    throw Error(Error::Kind::kArgument,
                "rank " + std::to_string(rank) + " is outside 0.." + std::to_string(world - 1));
  if (store_file.empty())
    throw Error(Error::Kind::kArgument,
                "data-parallel training needs a rendezvous file every process can reach");
  try {
    auto store = c10::make_intrusive<c10d::FileStore>(store_file, world);
    auto options = c10d::ProcessGroupGloo::Options::create(std::chrono::minutes(10));
    options->devices.push_back(c10d::ProcessGroupGloo::createDefaultDevice());
    impl_ = std::make_unique<Impl>();
    impl_->group = c10::make_intrusive<c10d::ProcessGroupGloo>(store, rank, world, options);
  } catch (const std::exception& e) {
    throw Error(Error::Kind::kArgument,
                std::string("could not join the other training processes: ") + e.what());
  }
}

DataParallel::~DataParallel() = default;

void DataParallel::broadcastParameters(torch::nn::Module& module) {
  if (!impl_) return;
  torch::NoGradGuard no_grad;
  for (auto& p : module.parameters()) {
    std::vector<at::Tensor> one{p.data()};
    impl_->group->broadcast(one)->wait();
  }
}

void DataParallel::averageGradients(torch::nn::Module& module) {
  if (!impl_) return;
  torch::NoGradGuard no_grad;
  // One flat buffer: a single all-reduce per step. Parameters without a gradient this step (the
  // other head) count as zero everywhere, so every process reduces the same layout.
  std::vector<torch::Tensor> params;
  std::vector<torch::Tensor> flat;
  for (auto& p : module.parameters()) {
    if (!p.requires_grad()) continue;
    params.push_back(p);
    flat.push_back(p.grad().defined() ? p.grad().reshape({-1})
                                      : torch::zeros({p.numel()}, p.options()));
  }
  std::vector<at::Tensor> buffer{torch::cat(flat)};
  impl_->group->allreduce(buffer)->wait();
  buffer[0].div_(world_);
  int64_t offset = 0;
  for (auto& p : params) {
    auto part = buffer[0].narrow(0, offset, p.numel()).view_as(p);
    if (p.grad().defined()) p.mutable_grad().copy_(part);  // no gradient stays none, as alone
    offset += p.numel();
  }
}

void DataParallel::barrier() {
  if (impl_) impl_->group->barrier()->wait();
}

}  // namespace unilearn::trainer::detail
