#!/usr/bin/python3
"""Speed of the Python reference implementation (unilearn_ref.py: the model as the spec describes
the official code, with its per-expert dispatch) on the paper's ViT-B, for the ratio against
`unilearn bench` in docs/performance.md. Same machine, same thread count, Debian's python3-torch.

Usage: /usr/bin/python3 scripts/reference/bench_reference.py [THREADS]
Run the two back to back on an otherwise idle machine:
  build/app/unilearn bench --config unilearn-b16-160 --threads 2 --repeat 3 --precision P
"""
import os
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from unilearn_ref import VitMoE  # noqa: E402
import make_goldens  # noqa: E402


def median_ms(fn, runs=3):
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return sorted(times)[len(times) // 2] * 1000


def main():
    torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 2)
    model = VitMoE(make_goldens.BASE).eval()
    clip = torch.randn(1, 3, 16, 160, 160)
    still = torch.randn(1, 3, 160, 160)
    with torch.no_grad():
        for official in (True, False):
            model(clip, official=official)  # warm-up
            c = median_ms(lambda: model(clip, official=official))
            s = median_ms(lambda: model(still, official=official))
            mode = "official" if official else "deterministic"
            print(f"reference {mode}: {c:.1f} ms per clip, {s:.1f} ms per still "
                  f"({torch.get_num_threads()} threads, torch {torch.__version__})")


if __name__ == "__main__":
    main()
