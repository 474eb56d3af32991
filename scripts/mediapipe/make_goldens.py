#!/usr/bin/python3
"""Reference outputs for the LibTorch ports of MediaPipe's face landmark and blendshape networks,
written to tests/data/mediapipe_goldens.json:

- blendshapes: for each input (146 landmarks x/y, in pixels), the 52 scores of
  (a) the third-party ONNX conversion (../shared/models/mediapipe/face_blendshapes.onnx),
      evaluated node by node from its initializers by the small NumPy interpreter below, and
  (b) the TFLite original, evaluated by tflite_numpy.py;
  the two must agree (checked here) and the C++ port must reproduce them (tests/model).
  Inputs: the subset of the landmarks (b) finds on two real faces of tests/data/faces, and a
  seeded random cloud.
- face mesh: the TFLite original's 478 x/y/z and presence logit for a synthetic 256x256 input
  (pixel (y, x, c) = (7y + 3x + 11c) % 256, scaled to [0, 1]), which any implementation can
  rebuild exactly, and for the two real face crops (their geometry is tested separately).

Usage: /usr/bin/python3 scripts/mediapipe/make_goldens.py [OUT_JSON]
Debian 12: python3-numpy, python3-onnx, flatbuffers-compiler, ffmpeg (to decode the JPEGs).
"""
import json
import os
import subprocess
import sys
import tempfile
import zipfile

import numpy as np
import onnx
from onnx import numpy_helper

import tflite_numpy as tn

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SHARED = os.path.join(os.path.dirname(ROOT), "shared", "models", "mediapipe")

# MediaPipe's kLandmarksSubsetIdxs (face_blendshapes_graph.cc): the landmarks the blendshape
# network reads, in its input order.
SUBSET = [
    0, 1, 4, 5, 6, 7, 8, 10, 13, 14, 17, 21, 33, 37, 39, 40, 46, 52, 53, 54, 55, 58, 61, 63, 65,
    66, 67, 70, 78, 80, 81, 82, 84, 87, 88, 91, 93, 95, 103, 105, 107, 109, 127, 132, 133, 136,
    144, 145, 146, 148, 149, 150, 152, 153, 154, 155, 157, 158, 159, 160, 161, 162, 163, 168, 172,
    173, 176, 178, 181, 185, 191, 195, 197, 234, 246, 249, 251, 263, 267, 269, 270, 276, 282, 283,
    284, 285, 288, 291, 293, 295, 296, 297, 300, 308, 310, 311, 312, 314, 317, 318, 321, 323, 324,
    332, 334, 336, 338, 356, 361, 362, 365, 373, 374, 375, 377, 378, 379, 380, 381, 382, 384, 385,
    386, 387, 388, 389, 390, 397, 398, 400, 402, 405, 409, 415, 454, 466, 468, 469, 470, 471, 472,
    473, 474, 475, 476, 477]

# Square crops (x, y, side, in image pixels) around the faces, 1.5 x the BlazeFace box our
# detector finds (`unilearn faces`), axis-aligned: the eyes are level within a few degrees.
CROPS = {"grace_hopper": (123, 97, 290), "astronaut": (155, 57, 139)}


def run_onnx(path, points):
    """Evaluates the ONNX graph node by node (only the ops this graph uses)."""
    model = onnx.load(path)
    v = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}
    v[model.graph.input[0].name] = points.astype(np.float32)
    for n in model.graph.node:
        a = {x.name: onnx.helper.get_attribute_value(x) for x in n.attribute}
        x = [v[i] if i else None for i in n.input]
        t = n.op_type
        if t == "Conv":
            if any(k != 1 for k in x[1].shape[2:]) or any(s != 1 for s in a.get("strides", [1])):
                raise SystemExit("only 1x1 convolutions are implemented")
            y = np.einsum("nchw,oc->nohw", x[0], x[1][:, :, 0, 0])
            if len(x) > 2:
                y = y + x[2].reshape(1, -1, 1, 1)
        elif t in ("Add", "Sub", "Mul", "Div"):
            y = {"Add": np.add, "Sub": np.subtract, "Mul": np.multiply,
                 "Div": np.divide}[t](x[0], x[1])
        elif t in ("ReduceMean", "ReduceSum"):
            axes = a.get("axes")
            if axes is None and len(x) > 1:
                axes = x[1].tolist()
            f = np.mean if t == "ReduceMean" else np.sum
            y = f(x[0], axis=tuple(axes), keepdims=bool(a.get("keepdims", 1)))
        elif t == "Reshape":
            y = x[0].reshape(x[1].tolist())
        elif t == "Transpose":
            y = np.transpose(x[0], a["perm"])
        elif t == "Slice":
            starts, ends = x[1], x[2]
            axes = x[3] if len(x) > 3 and x[3] is not None else range(len(starts))
            steps = x[4] if len(x) > 4 and x[4] is not None else [1] * len(starts)
            index = [slice(None)] * x[0].ndim
            for s, e, ax, st in zip(starts, ends, axes, steps):
                index[int(ax)] = slice(int(s), int(min(e, 2**31)), int(st))
            y = x[0][tuple(index)]
        elif t == "Concat":
            y = np.concatenate(x, axis=a["axis"])
        elif t == "Squeeze":
            axes = a.get("axes") or (x[1].tolist() if len(x) > 1 else None)
            y = np.squeeze(x[0], axis=tuple(axes) if axes is not None else None)
        elif t == "Sqrt":
            y = np.sqrt(x[0])
        elif t == "Neg":
            y = -x[0]
        elif t == "Reciprocal":
            y = 1.0 / x[0]
        elif t == "Relu":
            y = np.maximum(x[0], 0)
        elif t == "Sigmoid":
            y = 1.0 / (1.0 + np.exp(-x[0]))
        else:
            raise SystemExit(f"ONNX op {t} not implemented")
        v[n.output[0]] = y
    return v[model.graph.output[0].name]


def pattern():
    y, x, c = np.meshgrid(np.arange(256), np.arange(256), np.arange(3), indexing="ij")
    return ((7 * y + 3 * x + 11 * c) % 256).astype(np.float32)[None] / 255.0


def crop(name):
    x, y, side = CROPS[name]
    raw = subprocess.run(
        ["ffmpeg", "-loglevel", "error", "-i", os.path.join(ROOT, "tests/data/faces", name + ".jpg"),
         "-vf", f"crop={side}:{side}:{x}:{y},scale=256:256:flags=bilinear", "-f", "rawvideo",
         "-pix_fmt", "rgb24", "-"], check=True, capture_output=True).stdout
    return np.frombuffer(raw, np.uint8).reshape(1, 256, 256, 3).astype(np.float32) / 255.0


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "tests/data/mediapipe_goldens.json")
    schema = os.path.join(SHARED, "tflite-schema.fbs")
    with tempfile.TemporaryDirectory() as tmp:
        with zipfile.ZipFile(os.path.join(SHARED, "face_landmarker_v2_with_blendshapes.task")) as z:
            z.extractall(tmp)
        mesh = tn.load(os.path.join(tmp, "face_landmarks_detector.tflite"), schema)
        bs = tn.load(os.path.join(tmp, "face_blendshapes.tflite"), schema)

    def landmarks(image):
        v = tn.run(mesh, {mesh["inputs"][0]: image})
        points = v[mesh["outputs"][0]].reshape(478, 3)
        return points, float(v[mesh["outputs"][1]].reshape(-1)[0])

    golden = {"face_mesh": [], "blendshapes": []}
    pts, presence = landmarks(pattern())
    golden["face_mesh"].append({"input": "pattern", "presence_logit": presence,
                                "landmarks": np.round(pts, 4).reshape(-1).tolist()})
    inputs = {}
    for name in CROPS:
        pts, presence = landmarks(crop(name))
        golden["face_mesh"].append({"input": name, "crop": CROPS[name], "presence_logit": presence,
                                    "landmarks": np.round(pts, 4).reshape(-1).tolist()})
        inputs[name] = np.round(pts[SUBSET, :2], 4)  # crop pixels, as MediaPipe feeds them
    rng = np.random.default_rng(2409)
    inputs["random"] = np.round(rng.normal(128, 40, (146, 2)), 4).astype(np.float32)

    onnx_path = os.path.join(SHARED, "face_blendshapes.onnx")
    worst = 0.0
    for name, points in inputs.items():
        a = run_onnx(onnx_path, points[None].astype(np.float32)).reshape(-1)
        b = tn.run(bs, {bs["inputs"][0]: points[None].astype(np.float32)})[bs["outputs"][0]]
        b = b.reshape(-1)
        worst = max(worst, float(np.abs(a - b).max()))
        golden["blendshapes"].append({"input": name, "points": points.reshape(-1).tolist(),
                                      "onnx": np.round(a, 6).tolist(),
                                      "tflite": np.round(b, 6).tolist()})
    if worst > 1e-4:
        raise SystemExit(f"ONNX conversion and TFLite original disagree by {worst}")
    golden["onnx_vs_tflite_max_abs"] = worst
    with open(out, "w") as f:
        json.dump(golden, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {out}; ONNX vs TFLite blendshapes: max |diff| {worst:.2e}")


if __name__ == "__main__":
    main()
