#!/usr/bin/env python3
"""The ablation's table from its runs' state files (scripts/train-shipped/ablation.sh).

ablation_table.py OUT ARM... writes OUT/ablation.json and OUT/ablation.md: for each arm the FER+
validation WAR / UAR of the stills after its last epoch (nothing chosen on validation) and at its
best epoch by UAR (what the recipe would ship), its training time, and the two effects the paper
claims: pre-trained minus scratch, joint minus image-only.
"""
import json
import os
import sys
from pathlib import Path

DESCRIPTIONS = {
    "scratch-joint": ("none (random weights)", "stills + clips"),
    "scratch-image": ("none (random weights)", "stills only"),
    "pretrained-joint": ("stage 1", "stills + clips"),
    "pretrained-image": ("stage 1", "stills only"),
}


def arm_figures(out, arm):
    state = json.loads((out / arm / "stage2" / "state.json").read_text())
    history = state["history"]
    if not history:
        raise SystemExit(f"{arm}: no finished epoch in {out / arm / 'stage2' / 'state.json'}")
    last = history[-1]["val_stills"]
    best = max(history, key=lambda e: (e["val_stills"]["uar"], e["val_stills"]["war"]))
    return {
        "epochs": len(history),
        "samples": last["samples"],
        "last": {"war": last["war"], "uar": last["uar"], "recall": last.get("recall", [])},
        "best_epoch": best["epoch"] + 1,
        "best": {"war": best["val_stills"]["war"], "uar": best["val_stills"]["uar"]},
        "train_accuracy": history[-1]["train_accuracy"],
        "seconds": sum(e["seconds"] for e in history),
    }


def epochs(n):
    return f"{n} epoch{'' if int(n) == 1 else 's'}"


def pct(x):
    return f"{100 * x:.1f} %"


def main():
    if len(sys.argv) < 3:
        raise SystemExit("usage: ablation_table.py OUT ARM...")
    out = Path(sys.argv[1])
    arms = {a: arm_figures(out, a) for a in sys.argv[2:]}
    effects = []
    for what, a, b in [
        ("stage 1, joint fine-tuning", "pretrained-joint", "scratch-joint"),
        ("stage 1, image-only fine-tuning", "pretrained-image", "scratch-image"),
        ("joint training, from scratch", "scratch-joint", "scratch-image"),
        ("joint training, after stage 1", "pretrained-joint", "pretrained-image"),
    ]:
        if a in arms and b in arms:
            effects.append({"effect": what, "arm": a, "against": b,
                            "war": arms[a]["last"]["war"] - arms[b]["last"]["war"],
                            "uar": arms[a]["last"]["uar"] - arms[b]["last"]["uar"]})
    (out / "ablation.json").write_text(json.dumps({"arms": arms, "effects": effects}, indent=1))

    lines = ["| arm | stage 1 | fine-tuned on | last epoch WAR | last epoch UAR "
             "| best epoch by UAR (WAR / UAR) | training |",
             "|---|---|---|---|---|---|---|"]
    for name, f in arms.items():
        pre, data = DESCRIPTIONS.get(name, ("?", "?"))
        lines.append(f"| {name} | {pre} | {data} | {pct(f['last']['war'])} | "
                     f"{pct(f['last']['uar'])} | {f['best_epoch']}: {pct(f['best']['war'])} / "
                     f"{pct(f['best']['uar'])} | {epochs(f['epochs'])}, "
                     f"{f['seconds'] / 60:.0f} min |")
    if effects:
        lines += ["", "| effect (last epochs) | WAR | UAR |", "|---|---|---|"]
        for e in effects:
            # round() + 0.0 writes a difference that rounds to zero as +0.0, not -0.0
            lines.append(f"| {e['effect']} ({e['arm']} − {e['against']}) | "
                         f"{round(100 * e['war'], 1) + 0.0:+.1f} points | "
                         f"{round(100 * e['uar'], 1) + 0.0:+.1f} points |")
    samples = {f["samples"] for f in arms.values()}
    lines += ["", f"FER+ validation stills: {', '.join(str(s) for s in sorted(samples))} faces "
              "(7-class majority of the annotators' votes)."]
    env = os.environ
    if "LIMIT" in env:  # the settings ablation.sh ran with
        videos = env.get("PRETRAIN_VIDEOS", "the GRID clips")
        videos = "no real video" if videos == "none" else f"real videos' face tracks ({videos})"
        lines += ["", f"Settings: stage 2 on the first {env['LIMIT']} FER+ training faces "
                  f"(tidy crops, soft targets, the data's own class mix), {epochs(env['EPOCHS'])}, "
                  f"lr {env['LR']}, {env['TRAIN_CLIPS']} clips synthesised from them for the "
                  "joint arms; stage 1 on the first "
                  f"{env['PRETRAIN_LIMIT']} training faces without labels, "
                  f"{env['PRETRAIN_CLIPS']} clips synthesised from them and {videos}, "
                  f"{epochs(env['PRETRAIN_EPOCHS'])}; the same config and seed ({env.get('SEED', '2409')}) "
                  "for every arm."]
    (out / "ablation.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
