// The masked autoencoder's own settings (decoder size, mask ratios) as one block of the field
// lists of model/base/json_fields.h: MaeConfig (model/mae.h) and the pre-training config
// (trainer/pretrain.h) both carry them under the same names and list them through here.
// Thread-safety: a function template over plain values.
#pragma once

namespace unilearn {

template <class Config, class Visitor>
void visitMaeFields(Config& c, Visitor& f) {
  f("decoder_dim", c.decoder_dim);
  f("decoder_depth", c.decoder_depth);
  f("decoder_heads", c.decoder_heads);
  f("image_mask_ratio", c.image_mask_ratio);
  f("video_mask_ratio", c.video_mask_ratio);
}

}  // namespace unilearn
