// The settings every training run has, pre-training and fine-tuning alike, as one block of the
// field lists their configs write and read (model/base/json_fields.h): sampling, seed, where it
// runs, where it writes, whether it resumes.
// Thread-safety: a function template over plain values.
#pragma once

namespace unilearn::trainer {

template <class Config, class Visitor>
void visitRunFields(Config& c, Visitor& f) {
  f("sampling_rate", c.sampling_rate);
  f("seed", c.seed);
  f("device", c.device);
  f("threads", c.threads);
  f("out_dir", c.out_dir);
  f("model_name", c.model_name);
  f("resume", c.resume);
}

}  // namespace unilearn::trainer
