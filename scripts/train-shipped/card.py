#!/usr/bin/python3
"""Writes the shipped FER+ model's card from what the recipe measured (stage 3's JSON files).

Usage: card.py MODEL.safetensors OUT_DIR CARD.md
OUT_DIR holds ferplus-valid.json, ferplus-valid-500.json, times.log, stage2.json and, when made,
ferplus-valid-app.json or ferplus-valid-tidy.json (the other path), static-valid.json,
static-valid-app.json, combined-valid-app.json, combined-valid-500.json, clips-valid.json,
toned-valid-app.json, static-toned-valid-app.json, combined-toned-valid-app.json (if there),
clip-head.json (stage head), heads-grid.txt, bench.txt. ABLATION (environment): the OUT folder of
scripts/train-shipped/ablation.sh, whose table the card then shows. The headline figures are through the path the
model was trained on: the analysis' own (detected, aligned) when stage2.json says "app_path".
"""
import json
import os
import sys
import zlib

model, out, card = sys.argv[1:4]
# The content hash as `unilearn` and the app compute it (core::contentHash): CRC-32 and size.
data = open(model, "rb").read()
content_hash = "crc32:%08x:%d" % (zlib.crc32(data) & 0xFFFFFFFF, len(data))


def load(name):
    path = os.path.join(out, name)
    return json.load(open(path)) if os.path.exists(path) else None


def text(name):
    path = os.path.join(out, name)
    return open(path).read().strip() if os.path.exists(path) else None


def pct(x):
    return "—" if x is None else "%.1f %%" % (100 * x)


full, sub = load("ferplus-valid.json"), load("ferplus-valid-500.json")
app, static, static_app = load("ferplus-valid-app.json"), load("static-valid.json"), load(
    "static-valid-app.json")
combined, combined_sub = load("combined-valid-app.json"), load("combined-valid-500.json")
tidy = load("ferplus-valid-tidy.json")
toned, static_toned, combined_toned = (load("toned-valid-app.json"),
                                       load("static-toned-valid-app.json"),
                                       load("combined-toned-valid-app.json"))
job = json.load(open(os.path.join(out, "stage2.json")))
state = load(os.path.join("stage2", "state.json"))  # what actually ran (a run may be stopped)
ran = len(state["history"]) if state else None
best = state["best_epoch"] + 1 if state else None
t = job["training"]
s = full["stills"]
app_trained = bool(job["data"].get("app_path"))
if app_trained:  # the headline is the app's path; the tidy crops are the comparison
    app, tidy_stills = full, (tidy["stills"] if tidy else None)
else:
    tidy_stills = s
classes = s["classes"]
lines = []
w = lines.append


def block(intro, body):
    """A paragraph, then `body` verbatim in a code block (nothing when body is empty)."""
    if not body:
        return
    w("")
    if intro:
        w(intro)
        w("")
    w("```")
    w(body)
    w("```")


w("# %s" % os.path.basename(model))
w("")
w("Content hash (CRC-32 and size, as `unilearn` and the app compute it): `%s`" % content_hash)
w("")
w("## What it is")
w("")
w("A small UniLearn (ViT-T/16 at 96 px, 12 blocks 192 wide, a Mixture of Adapter Experts in its "
  "last six blocks, 8 experts, top-2; both heads: `head.image` for stills, `head.video` for "
  "16-frame clips), **trained from random weights on FER+'s labelled faces** on two CPU cores. "
  "Classes: %s (the static model's names, so projects and exports stay valid). "
  "For paper-level accuracy import the authors' checkpoint (Hugging Face `cyinen/S4D`) in the "
  "Models panel." % ", ".join(classes))
w("")
w("## Accuracy on faces it never saw")
w("")
if app_trained:
    found = full["app_path_stills"] - full["app_path_missed"]
    w("FER+ validation (`FER2013Valid`, %d faces with a 7-class majority of the 10 annotators' "
      "votes; contempt, unknown, not-a-face and ties left out) **through the app's own path**: "
      "each face placed in a 480×360 frame, found by the face detector (%d of %d found), "
      "eye-levelled and cut tight (no margin: the model's `face_margin` 0, as the analysis "
      "cuts faces for it), resized to 96 px: **%s WAR, %s UAR** over the faces found (%s WAR "
      "counting the missed ones as wrong)." % (full["app_path_stills"], found,
                                               full["app_path_stills"], pct(s["war"]),
                                               pct(s["uar"]),
                                               pct(s["war"] * found / full["app_path_stills"])))
else:
    w("FER+ validation (`FER2013Valid`, %d faces with a 7-class majority of the 10 annotators' "
      "votes; contempt, unknown, not-a-face and ties left out), image head on the tidy 48×48 "
      "crops resized to 96 px: **%s WAR, %s UAR**." % (s["samples"], pct(s["war"]),
                                                       pct(s["uar"])))
w("")
w("| class | recall | " + " | ".join(classes) + " |")
w("|---|---|" + "---|" * len(classes))
for i, c in enumerate(classes):
    w("| %s | %s | %s |" % (c, pct(s["recall"][c]), " | ".join(str(v) for v in s["confusion"][i])))
w("")
w("Rows: the annotators' majority; columns: the model's answer.")
w("")
w("The fixed subset the tests check (the first 500 usable validation faces%s): **%s WAR**, %s "
  "UAR (`unilearn evaluate MODEL --data FER2013Valid/label.csv --limit 500%s`)."
  % (", through the app's path: %d found" % (sub["app_path_stills"] - sub["app_path_missed"])
     if app_trained else "", pct(sub["stills"]["war"]), pct(sub["stills"]["uar"]),
     " --app-path" if app_trained else ""))
if combined_sub:
    w("Combined with the static model, as the analysis uses it per frame: **%s WAR**, %s UAR "
      "(the same with `--app-path --frame-model combined`)."
      % (pct(combined_sub["stills"]["war"]), pct(combined_sub["stills"]["uar"])))
w("")
w("| model, same faces | WAR | UAR |")
w("|---|---|---|")
if tidy_stills:
    w("| this model on the tidy 48×48 crops as they are | %s | %s |"
      % (pct(tidy_stills["war"]), pct(tidy_stills["uar"])))
if app:
    found = app["app_path_stills"] - app["app_path_missed"]
    w("| this model through the app's path (face placed in a 480×360 frame, detected, aligned; "
      "%d of %d found) | %s | %s |" % (found, app["app_path_stills"], pct(app["stills"]["war"]),
                                      pct(app["stills"]["uar"])))
if static:
    w("| static model (FaceExpressionNet) | %s | %s |"
      % (pct(static["stills"]["war"]), pct(static["stills"]["uar"])))
if static_app:
    w("| static model through the app's path | %s | %s |"
      % (pct(static_app["stills"]["war"]), pct(static_app["stills"]["uar"])))
if combined:
    w("| **static model and this model's image head combined** through the app's path "
      "(normalised geometric mean, equal weights; the analysis' default per-frame engine, "
      "`--frame-model combined`) | %s | %s |"
      % (pct(combined["stills"]["war"]), pct(combined["stills"]["uar"])))
for name, r in (("this model", toned), ("static model", static_toned),
                ("static model and this model's image head combined", combined_toned)):
    if r:
        w("| %s through the app's path, each grey face given a skin tone first (`--skin-tone`: "
          "FER+ has no colour face) | %s | %s |" % (name, pct(r["stills"]["war"]),
                                                   pct(r["stills"]["uar"])))
w("| the weights shipped in sessions 9–14 (6 epochs through the app's path), through the app's "
  "path | 65.6 % | 52.8 % |")
w("| the weights shipped in sessions 6–8 (trained on the tidy crops), through the app's path | "
  "67.8 % | 43.4 % |")
w("| the session-5 FER+ model (lr 3e-4, 10 epochs from random weights) | 52.9 % | 30.6 % |")
w("| the first FER+ model (session 4: lr 7e-4, 6 epochs) | 37.5 % | 17.6 % |")
w("| the distilled model before it (unilearn-t16-distilled) | 23.1 % | 15.8 % |")
w("")
w("The clip head has no labelled video to be measured on: it was trained on clips synthesised "
  "from the stills (camera moves and lighting), so it has never seen real facial motion.")
clips = load("clips-valid.json")
if clips and clips.get("clips"):
    w("On %d clips synthesised in the same way from FER+ validation faces (`unilearn evaluate MODEL "
      "--data FER2013Valid/label.csv%s --synthetic-clips 600 --sampling-rate 1`), `head.video`: "
      "**%s WAR, %s UAR**." % (clips["clips"]["samples"], " --app-path" if app_trained else "",
                               pct(clips["clips"]["war"]), pct(clips["clips"]["uar"])))
heads = text("heads-grid.txt")
block("On real video (three GRID talking-face clips, neutral speech; `unilearn heads`):", heads)
block("Speed (`unilearn bench`, 2 threads, this 2-core machine):", text("bench.txt"))
w("")
w("## How it was made")
w("")
times = text("times.log")
pretrained = bool(times) and "stage 1 end" in times
w("`scripts/train-shipped/run.sh` (resumable; seed %d): %s — joint fine-tuning from "
  "%s, %d epochs planned%s, still batch %d and clip batch %d interleaved (%s), AdamW lr %g "
  "(1 epoch warm-up, cosine), weight decay %g, soft targets (the vote distributions), crops and "
  "flips (no RandAugment, no mixup), MoE routing without router noise while training (with the "
  "official noise the untrained routers kept the network at the class prior), best epoch by "
  "validation stills. %s clips synthesised from training stills trained `head.video`. %s%s"
  % (t["seed"], "stages 1 and 2" if pretrained else "stage 2 only",
     "the stage-1 pre-training result" if pretrained else
     ("the weights of an earlier stage-2 run (`%s`; see docs/performance.md for its history)"
      % os.path.basename(t["base_model"]) if t["base_model"].endswith(".safetensors")
      else "random weights"), t["epochs"],
     "" if ran is None or ran >= t["epochs"] else
     " (stopped after %d to fit the session; this file is epoch %d, the best by validation "
     "stills)" % (ran, best), t["image_batch"], t["video_batch"],
     "steps in a shuffled order", t["lr"], t["weight_decay"], job["data"]["synthetic_clips"],
     "" if pretrained else "Stage 1 (masked-autoencoder pre-training) was not run for this "
     "file: it needs far more compute than two CPU cores give in a session.",
     (" Training and validation stills went through the app's own path first (detected, "
      "eye-levelled, cut tight), so the model learnt from the crops the analysis shows it." if
      app_trained else "") +
     (" Stills were drawn class-weighted (each face with weight (its class's count)^-%g), so "
      "rare classes were seen more often." % t.get("balance_power", 1.0)
      if t.get("balanced_stills") else "")))
head_path = os.path.join(out, "clip-head.json")
if times and "clip head end" in times and os.path.exists(head_path):
    h = json.load(open(head_path))
    w("")
    w("Then `head.video` alone was trained again (stage head, everything else frozen; `head.image` "
      "took no step, so the stills' figures above are unchanged): %d clips synthesised from the "
      "first %d training stills, %d epochs, AdamW lr %g, clips drawn class-weighted (power %g), "
      "best epoch by validation clips (%s)." % (
          h["data"]["synthetic_clips"], h["data"]["limit"], h["training"]["epochs"],
          h["training"]["lr"], h["training"]["balance_power"],
          "`CLIP_HEAD_CLIPS=%d`" % h["data"]["synthetic_clips"]))
block(None, times)
# The paper's two claims measured at this scale (scripts/train-shipped/ablation.sh's OUT folder).
ablation = os.environ.get("ABLATION")
if ablation and os.path.exists(os.path.join(ablation, "ablation.md")):
    w("")
    w("## The paper's two claims at this scale")
    w("")
    w("`scripts/train-shipped/ablation.sh`: four stage-2 runs from the same config and seed, with "
      "or without stage 1 (masked-autoencoder pre-training) and on stills and clips together or "
      "stills alone; FER+ validation after each run's last epoch (nothing chosen on validation). "
      "docs/performance.md says what it means.")
    w("")
    w(open(os.path.join(ablation, "ablation.md")).read().strip())
w("")
w("## Known limits")
w("")
w("- FER+ faces are 48×48 grey crops of web photos: no real video, few children and old people, "
  "few profile views; it was never shown colour.")
w("- Rare classes (disgust: 175 training faces, fear: 651) are recognised poorly; read the "
  "table above before trusting them.")
never = [c for c in classes if s["recall"][c] is not None and s["recall"][c] == 0]
if never:
    w("- It never answers %s correctly on FER+ validation (recall 0 %%): with the compute it had, "
      "it learnt little beyond the commonest classes." % ", ".join(never))
if heads and "neutral" not in heads:
    w("- On real talking faces (the GRID clips above: neutral speech) no window came out neutral: "
      "a speaking mouth is not what FER+'s still faces taught it.")
beats = lambda a, b: a["war"] > b["war"] and a["uar"] > b["uar"]
if combined and static_app and beats(combined["stills"], s) and beats(
        combined["stills"], static_app["stills"]):
    w("- Combined with the static model it beats each alone in WAR and UAR, so the analysis' "
      "default per-frame engine is the two combined (Analysis › Per-frame curves; `unilearn "
      "analyze --frame-model`); this model alone gives the clip windows and the routing views.")
elif (combined and static_app and combined["stills"]["uar"] > s["uar"]
      and combined["stills"]["uar"] > static_app["stills"]["uar"]
      and combined["stills"]["war"] > static_app["stills"]["war"]):
    w("- Alone it is right more often than combined with the static model (WAR %s against %s), "
      "but the combination is the most balanced per-frame engine (UAR %s against %s alone and %s "
      "for the static model) and does not rest on this model alone, which has never seen colour; "
      "so the analysis' default per-frame engine is the two combined (Analysis › Per-frame "
      "curves; `unilearn analyze --frame-model unilearn` for this model alone). This model alone "
      "gives the clip windows and the routing views."
      % (pct(s["war"]), pct(combined["stills"]["war"]), pct(combined["stills"]["uar"]),
         pct(s["uar"]), pct(static_app["stills"]["uar"])))
elif combined:
    w("- Combined with the static model it does **not** beat each alone in both WAR and UAR: "
      "choose the per-frame engine (Analysis › Per-frame curves) by the table above.")
elif static and s["war"] < static["stills"]["war"]:
    w("- Less accurate than the static model (FaceExpressionNet) on the same faces, so the static "
      "model stays the per-frame engine of the analysis; this model gives the clip windows and "
      "the routing views.")
if app_trained and tidy_stills:
    w("- Trained on the app's crops, it reads FER+'s tidy 48×48 crops as they are less well (%s "
      "WAR); the app never shows it such crops." % pct(tidy_stills["war"]))
w("- **Not a clinical or diagnostic instrument**; not for decisions about people.")
w("")
w("## Licences of what it was made from")
w("")
w("- FER+ labels: © Microsoft, MIT licence. **Images: FER2013 (ICML 2013 challenge), no explicit "
  "licence, research use only**; they are not in this repository: the recipe reads them from "
  "`../shared/data/ferplus`. Whoever redistributes this model should say that it was trained on "
  "FER2013 images.")
w("- This model file: made by this repository's recipe, under the repository's own terms as far "
  "as the data allows (see above).")
open(card, "w").write("\n".join(lines) + "\n")
print("wrote", card)
