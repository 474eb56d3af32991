"""Independent Python re-implementation of the UniLearn fine-tuning model, written from
docs (shared spec §1), used only to produce golden tensors for the C++ tests.

Run with Debian's python3-torch:  /usr/bin/python3 scripts/reference/make_goldens.py
Nothing here is imported by the product; the goldens it writes are committed under tests/data.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


def sinusoid_table(n_position, dim):
    import numpy as np
    table = np.array([[pos / np.power(10000, 2 * (j // 2) / dim) for j in range(dim)]
                      for pos in range(n_position)])
    table[:, 0::2] = np.sin(table[:, 0::2])
    table[:, 1::2] = np.cos(table[:, 1::2])
    return torch.tensor(table, dtype=torch.float32).unsqueeze(0)


class Mlp(nn.Module):
    def __init__(self, dim, hidden):
        super().__init__()
        self.fc1 = nn.Linear(dim, hidden)
        self.fc2 = nn.Linear(hidden, dim)

    def forward(self, x):
        return self.fc2(F.gelu(self.fc1(x)))


class Attention(nn.Module):
    def __init__(self, dim, heads, qkv_bias):
        super().__init__()
        self.heads = heads
        self.scale = (dim // heads) ** -0.5
        self.qkv = nn.Linear(dim, dim * 3, bias=False)
        if qkv_bias:
            self.q_bias = nn.Parameter(torch.zeros(dim))
            self.v_bias = nn.Parameter(torch.zeros(dim))
        else:
            self.q_bias = None
        self.proj = nn.Linear(dim, dim)

    def forward(self, x):
        B, N, C = x.shape
        bias = None
        if self.q_bias is not None:
            bias = torch.cat((self.q_bias, torch.zeros_like(self.v_bias), self.v_bias))
        qkv = F.linear(x, self.qkv.weight, bias)
        qkv = qkv.reshape(B, N, 3, self.heads, -1).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        q = q * self.scale
        attn = (q @ k.transpose(-2, -1)).softmax(dim=-1)
        x = (attn @ v).transpose(1, 2).reshape(B, N, -1)
        return self.proj(x)


class Router(nn.Module):
    def __init__(self, dim, experts, top_k):
        super().__init__()
        self.top_k = top_k
        self.topkroute_linear = nn.Linear(dim, experts)
        self.noise_linear = nn.Linear(dim, experts)

    def forward(self, x, noise):
        logits = self.topkroute_linear(x)
        if noise:
            noise_logits = self.noise_linear(x)
            logits = logits + torch.randn_like(logits) * F.softplus(noise_logits)
        vals, idx = logits.topk(self.top_k, dim=-1)
        full = torch.full_like(logits, float('-inf')).scatter(-1, idx, vals)
        return F.softmax(full, dim=-1), idx


class MoE(nn.Module):
    def __init__(self, dim, experts, top_k, capacity_factor):
        super().__init__()
        self.E, self.k, self.cf = experts, top_k, capacity_factor
        self.router = Router(dim, experts, top_k)
        self.experts = nn.ModuleList([Mlp(dim, int(dim * 0.25)) for _ in range(experts)])

    def forward(self, x, official, trace=None):
        B, N, C = x.shape
        gates, idx = self.router(x, noise=official)
        out = torch.zeros_like(x)
        fx = x.view(-1, C)
        fg = gates.view(-1, self.E)
        fi = idx.view(-1, self.k)
        fo = out.view(-1, C)
        capacity = int(B * N * self.k / self.E * self.cf)
        for i, expert in enumerate(self.experts):
            sel = torch.nonzero((fi == i).any(dim=-1)).squeeze(-1)
            if official:
                sel = sel[:capacity]
            if sel.numel() > 0:
                y = expert(fx[sel]) * fg[sel, i].unsqueeze(1)
                fo.index_add_(0, sel, y)
        if trace is not None:
            trace.append((idx.clone(), torch.gather(gates, -1, idx)))
        return out


class Block(nn.Module):
    def __init__(self, cfg, moe):
        super().__init__()
        d = cfg['embed_dim']
        self.norm1 = nn.LayerNorm(d, eps=1e-6)
        self.attn = Attention(d, cfg['num_heads'], cfg['qkv_bias'])
        self.norm2 = nn.LayerNorm(d, eps=1e-6)
        self.moe_layer = MoE(d, cfg['num_experts'], cfg['top_k'], cfg['capacity_factor']) if moe else None
        self.mlp = Mlp(d, int(d * cfg['mlp_ratio']))

    def forward(self, x, official, trace):
        x = x + self.attn(self.norm1(x))
        x1 = self.norm2(x)
        if self.moe_layer is None:
            return x + self.mlp(x1)
        return x + self.mlp(x1) + self.moe_layer(x1, official, trace)


class PatchEmbed(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        p, t = cfg['patch_size'], cfg['tubelet_size']
        self.proj = nn.Conv3d(3, cfg['embed_dim'], kernel_size=(t, p, p), stride=(t, p, p))

    def forward(self, x):
        return self.proj(x).flatten(2).transpose(1, 2)


class VitMoE(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        self.patch_embed = PatchEmbed(cfg)
        g = cfg['img_size'] // cfg['patch_size']
        self.n_img = g * g
        self.pos_embed = sinusoid_table(cfg['num_frames'] // cfg['tubelet_size'] * g * g, cfg['embed_dim'])
        self.blocks = nn.ModuleList([Block(cfg, i in cfg['moe_layers']) for i in range(cfg['depth'])])
        self.fc_norm = nn.LayerNorm(cfg['embed_dim'], eps=1e-6)
        self.head = nn.ModuleDict({'image': nn.Linear(cfg['embed_dim'], cfg['image_classes']),
                                   'video': nn.Linear(cfg['embed_dim'], cfg['video_classes'])})
        for m in self.modules():
            if isinstance(m, nn.Linear):
                nn.init.trunc_normal_(m.weight, std=.02, a=-2, b=2)
                nn.init.zeros_(m.bias) if m.bias is not None else None
            elif isinstance(m, nn.LayerNorm):
                nn.init.ones_(m.weight)
                nn.init.zeros_(m.bias)

    def forward(self, x, official=False, trace=None):
        video = x.ndim == 5
        if not video:
            x = x.unsqueeze(2).repeat(1, 1, self.cfg['tubelet_size'], 1, 1)
        x = self.patch_embed(x)
        pos = self.pos_embed if video else self.pos_embed[:, :self.n_img]
        x = x + pos
        for b in self.blocks:
            x = b(x, official, trace)
        feat = self.fc_norm(x.mean(1))
        return self.head['video' if video else 'image'](feat), feat
