// Data-parallel training across processes through LibTorch's c10d process groups (Gloo; the
// CPU backend, which also carries CUDA tensors through host memory). Every process runs the same
// steps on its share of each batch; after the backward pass the gradients are averaged, so all
// replicas stay identical. Rendezvous through a file every process can reach (a shared or local
// path). Internal to trainer/ (LibTorch inside). Thread-safety: one instance per process.
#pragma once

#include <memory>
#include <string>

#include <torch/nn/module.h>

namespace unilearn::trainer::detail {

class DataParallel {
 public:
  // world 1: a no-op. Throws unilearn::Error (kArgument) when this LibTorch has no Gloo or the
  // rendezvous fails.
  DataParallel(int rank, int world, const std::string& store_file);
  ~DataParallel();

  int rank() const { return rank_; }
  int world() const { return world_; }
  bool leader() const { return rank_ == 0; }
  // Copies rank 0's parameters to every process (at the start of a run).
  void broadcastParameters(torch::nn::Module& module);
  // Sums every gradient over the processes and divides by their number.
  void averageGradients(torch::nn::Module& module);
  void barrier();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int rank_ = 0, world_ = 1;
};

}  // namespace unilearn::trainer::detail
