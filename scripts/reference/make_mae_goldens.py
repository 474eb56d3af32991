"""Pre-training (spec §4) reference: an independent Python MAE written from the spec, used only to
write an authors'-format pre-training checkpoint and golden predictions and losses for the C++
tests (tests/data/tiny_mae_checkpoint.pth, tests/data/tiny_mae_golden.pt).

/usr/bin/python3 scripts/reference/make_mae_goldens.py tests/data
"""
import collections
import os
import sys

import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(__file__))
from unilearn_ref import Block, PatchEmbed, sinusoid_table  # noqa: E402

ENC = dict(img_size=48, patch_size=16, num_frames=4, tubelet_size=2, embed_dim=32, depth=2,
           num_heads=2, mlp_ratio=4.0, qkv_bias=True, moe_layers=[], num_experts=4, top_k=2,
           capacity_factor=1.0)
DEC = dict(ENC, embed_dim=16, depth=1, num_heads=2)
MEAN = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1, 1)
STD = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1, 1)


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.patch_embed = PatchEmbed(ENC)
        self.blocks = nn.ModuleList([Block(ENC, False) for _ in range(ENC['depth'])])
        self.norm = nn.LayerNorm(ENC['embed_dim'], eps=1e-6)


class Decoder(nn.Module):
    def __init__(self, out_dim):
        super().__init__()
        self.blocks = nn.ModuleList([Block(DEC, False) for _ in range(DEC['depth'])])
        self.norm = nn.LayerNorm(DEC['embed_dim'], eps=1e-6)
        self.head = nn.Linear(DEC['embed_dim'], out_dim)


class Mae(nn.Module):
    def __init__(self):
        super().__init__()
        t, p = ENC['tubelet_size'], ENC['patch_size']
        self.encoder = Encoder()
        self.encoder_to_decoder = nn.Linear(ENC['embed_dim'], DEC['embed_dim'], bias=False)
        self.mask_token = nn.Parameter(torch.randn(1, 1, DEC['embed_dim']) * 0.02)
        self.decoder = Decoder(t * p * p * 3)
        g = ENC['img_size'] // p
        n = ENC['num_frames'] // t * g * g
        self.enc_pos = sinusoid_table(n, ENC['embed_dim'])
        self.dec_pos = sinusoid_table(n, DEC['embed_dim'])

    def forward(self, x, mask):
        if x.dim() == 4:
            x = x.unsqueeze(2).repeat(1, 1, ENC['tubelet_size'], 1, 1)
        tokens = self.encoder.patch_embed(x)
        b, n, c = tokens.shape
        tokens = tokens + self.enc_pos[:, :n]
        vis = tokens[~mask].reshape(b, -1, c)
        for blk in self.encoder.blocks:
            vis = blk(vis, False, None)
        vis = self.encoder_to_decoder(self.encoder.norm(vis))
        full = self.mask_token.expand(b, n, -1).clone()
        full[~mask] = vis.reshape(-1, vis.shape[-1])
        full = full + self.dec_pos[:, :n]
        for blk in self.decoder.blocks:
            full = blk(full, False, None)
        return self.decoder.head(self.decoder.norm(full))


def targets(x):
    """Un-normalise, patchify per (t, h, w) token with within-token order (pt, ph, pw, c), then
    normalise each token per channel (unbiased variance) -- written with explicit loops."""
    if x.dim() == 4:
        x = x.unsqueeze(2).repeat(1, 1, ENC['tubelet_size'], 1, 1)
    x = x * STD + MEAN
    tu, p = ENC['tubelet_size'], ENC['patch_size']
    b, _, T, H, W = x.shape
    out = []
    for i in range(b):
        rows = []
        for t in range(T // tu):
            for h in range(H // p):
                for w in range(W // p):
                    cube = x[i, :, t * tu:(t + 1) * tu, h * p:(h + 1) * p, w * p:(w + 1) * p]
                    pix = cube.permute(1, 2, 3, 0).reshape(-1, 3)  # (pt, ph, pw) x c
                    pix = (pix - pix.mean(0)) / torch.sqrt(pix.var(0, unbiased=True) + 1e-6)
                    rows.append(pix.reshape(-1))
        out.append(torch.stack(rows))
    return torch.stack(out)


def loss(pred, target, mask):
    per_token = ((pred - target) ** 2).mean(-1)
    return per_token[mask].mean()


def main():
    out = sys.argv[1]
    torch.manual_seed(11)
    torch.set_num_threads(1)
    model = Mae()
    with torch.no_grad():
        for p in model.parameters():
            p.normal_(0, 0.2)  # every weight non-trivial
    g = {}
    video = torch.randn(2, 3, 4, 48, 48)
    image = torch.randn(2, 3, 48, 48)
    mask_v = torch.zeros(2, 18, dtype=torch.bool)
    mask_v[0, [0, 2, 3, 5, 7, 8, 11, 12, 13, 14, 16, 17]] = True
    mask_v[1, [1, 2, 4, 5, 6, 9, 10, 11, 13, 15, 16, 17]] = True
    mask_i = torch.zeros(2, 9, dtype=torch.bool)
    mask_i[0, [0, 1, 2, 4, 5, 7, 8]] = True
    mask_i[1, [1, 2, 3, 4, 6, 7, 8]] = True
    with torch.no_grad():
        for name, x, m in (('video', video, mask_v), ('image', image, mask_i)):
            pred = model(x, m)
            tgt = targets(x)
            g[name + '_input'], g[name + '_mask'] = x, m
            g[name + '_pred'] = pred
            g[name + '_loss'] = loss(pred, tgt, m).reshape(1)
    torch.save(g, os.path.join(out, 'tiny_mae_golden.pt'))
    state = collections.OrderedDict((k, v.clone()) for k, v in model.state_dict().items())
    torch.save({'model': state, 'optimizer': {}, 'epoch': 7, 'steps': 1234},
               os.path.join(out, 'tiny_mae_checkpoint.pth'))
    print(len(state), 'keys;', {k: float(v) for k, v in g.items() if k.endswith('_loss')})


if __name__ == '__main__':
    main()
