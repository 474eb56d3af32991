"""Writes the golden tensors and the authors'-format checkpoints of tests/data.

/usr/bin/python3 scripts/reference/make_goldens.py tests/data
"""
import argparse
import collections
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(__file__))
from unilearn_ref import VitMoE  # noqa: E402

TINY = dict(img_size=48, patch_size=16, num_frames=4, tubelet_size=2, embed_dim=32, depth=4,
            num_heads=2, mlp_ratio=4.0, qkv_bias=True, moe_layers=[2, 3], num_experts=4, top_k=2,
            capacity_factor=1.0, image_classes=7, video_classes=5)

BASE = dict(img_size=160, patch_size=16, num_frames=16, tubelet_size=2, embed_dim=768, depth=12,
            num_heads=12, mlp_ratio=4.0, qkv_bias=True, moe_layers=[6, 7, 8, 9, 10, 11],
            num_experts=8, top_k=2, capacity_factor=1.0, image_classes=7, video_classes=7)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    torch.set_num_threads(1)

    # Key names and shapes of the paper's model, in state-dict order.
    with torch.no_grad():
        base = VitMoE(BASE)
    with open(os.path.join(out, 'keys_unilearn-b16-160.txt'), 'w') as f:
        for k, v in base.state_dict().items():
            f.write('%s %s\n' % (k, ','.join(str(d) for d in v.shape)))
    print('base params', sum(p.numel() for p in base.parameters()), 'keys', len(base.state_dict()))
    del base

    torch.manual_seed(7)
    model = VitMoE(TINY).eval()
    # Non-zero biases so that every bias path is exercised.
    with torch.no_grad():
        for n, p in model.named_parameters():
            if p.ndim == 1:
                p.add_(torch.randn_like(p) * 0.05)
    video = torch.randn(3, 3, 4, 48, 48)
    image = torch.randn(2, 3, 48, 48)
    # One AdamW step so that the checkpoint carries real optimizer state (spec: the authors'
    # checkpoints hold model + optimizer + scaler + epoch + args).
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3)
    model.train()
    logits, _ = model(video)
    logits.sum().backward()
    opt.step()
    model.eval()

    g = collections.OrderedDict()
    with torch.no_grad():
        trace = []
        lv, fv = model(video, official=False, trace=trace)
        g['det_video_logits'], g['det_video_features'] = lv, fv
        g['det_video_indices_block2'], g['det_video_gates_block2'] = trace[0]
        li, fi = model(image, official=False)
        g['det_image_logits'], g['det_image_features'] = li, fi
        # Deterministic mode: one clip alone gives the same as inside the batch.
        l1, _ = model(video[2:3], official=False)
        g['det_video_logits_sample2_alone'] = l1
        torch.manual_seed(1234)
        lo, fo = model(video, official=True)
        g['off_video_logits'], g['off_video_features'] = lo, fo
        torch.manual_seed(99)
        lo, fo = model(image, official=True)
        g['off_image_logits'], g['off_image_features'] = lo, fo
        # Did official mode actually drop tokens over capacity? (Printed for the record.)
        x = model.patch_embed(video) + model.pos_embed
        print('official-mode goldens written; tokens per batch', x.shape[0] * x.shape[1])
    torch.save(g, os.path.join(out, 'golden_tiny.pt'))

    # The authors' checkpoint layout (utils/__init__.py save_model): model + optimizer + scaler
    # + epoch + args as argparse.Namespace. Its weights are the ones the goldens above used.

    scaler = torch.cuda.amp.GradScaler(enabled=False)
    args = argparse.Namespace(model='vitmoe_tiny_test', nb_classes=5, num_experts=4, top_k=2,
                              moe_layers=[2, 3], lr=4e-5, layer_decay=0.75, data_set='DFEW',
                              output_dir='/tmp/out', seed=0, mixup=0.8, eval=False, device='cuda')
    ckpt = {'model': model.state_dict(), 'optimizer': opt.state_dict(), 'epoch': 3,
            'scaler': scaler.state_dict(), 'args': args}
    torch.save(ckpt, os.path.join(out, 'tiny_authors_checkpoint.pth'))

    # Mixed dtypes and views sharing one storage.
    base_t = torch.arange(24, dtype=torch.float32)
    mixed = collections.OrderedDict()
    mixed['f32'] = base_t.view(4, 6)
    mixed['f32_view_t'] = base_t.view(4, 6).t()
    mixed['f32_slice'] = base_t[6:12]
    mixed['f16'] = torch.linspace(-2, 2, 10).half()
    mixed['bf16'] = torch.linspace(-3, 3, 8).bfloat16().view(2, 4)
    mixed['i64'] = torch.tensor([1, -2, 3 << 40])
    mixed['u8'] = torch.tensor([0, 255], dtype=torch.uint8)
    mixed['flag'] = torch.tensor([True, False])
    mixed['empty'] = torch.zeros(0, 3)
    torch.save({'module': mixed, 'note': 'dtypes'}, os.path.join(out, 'mixed_dtypes.pth'))

    # A pre-training checkpoint (spec §1.7 key layout) made from the tiny model's dense parts.
    pre = collections.OrderedDict()
    for k, v in model.state_dict().items():
        if '.moe_layer.' in k or k.startswith('head.') or k.startswith('fc_norm.'):
            continue
        pre['encoder.' + k] = v.clone()
    pre['encoder.norm.weight'] = torch.ones(32)
    pre['encoder.norm.bias'] = torch.zeros(32)
    pre['encoder_to_decoder.weight'] = torch.randn(16, 32)
    pre['mask_token'] = torch.zeros(1, 1, 16)
    pre['decoder.head.weight'] = torch.randn(1536, 16)
    torch.save({'model': pre, 'epoch': 99}, os.path.join(out, 'tiny_pretrain_checkpoint.pth'))
    # Plain tensors, as a user saves an input for `unilearn forward`.
    torch.save(video, os.path.join(out, 'tiny_video_input.pt'))
    torch.save(image, os.path.join(out, 'tiny_image_input.pt'))

    # A hostile file: unpickling it in Python would run a shell command.
    class Hostile:
        def __reduce__(self):
            return (os.system, ('echo pwned > /tmp/unilearn_hostile_ran',))
    torch.save({'model': collections.OrderedDict(w=torch.zeros(2)), 'payload': Hostile()},
               os.path.join(out, 'hostile_os_system.pth'))
    print('wrote goldens to', out)


if __name__ == '__main__':
    main()
