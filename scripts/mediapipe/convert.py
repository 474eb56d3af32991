#!/usr/bin/python3
"""Converts MediaPipe Face Landmarker v2's landmark and blendshape networks (TFLite, inside
face_landmarker_v2_with_blendshapes.task) into the safetensors files our LibTorch ports load:

  resources/models/mediapipe-face-mesh.safetensors    FaceMesh V2: 256x256 RGB -> 478 x/y/z
  resources/models/mediapipe-blendshapes.safetensors  146 landmarks x/y -> 52 blendshape scores

The graphs are walked op by op and every weight gets the name of its place in the architecture
(model/face_mesh.h documents both). Weights keep their stored precision (fp16), so nothing is
rounded twice. The walk checks the structure as it goes and stops on anything unexpected.

Usage: /usr/bin/python3 scripts/mediapipe/convert.py [TASK_FILE] [OUT_DIR]
Defaults: ../shared/models/mediapipe/face_landmarker_v2_with_blendshapes.task, resources/models.
Debian 12: python3-numpy, flatbuffers-compiler.
"""
import hashlib
import json
import os
import struct
import sys
import tempfile
import zipfile

import numpy as np

import tflite_numpy as tn

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SHARED = os.path.join(os.path.dirname(ROOT), "shared", "models", "mediapipe")

# MediaPipe's kBlendshapeNames (face_blendshapes_graph.cc), the network's output order; checked
# against the strings stored in the .tflite file.
BLENDSHAPE_NAMES = [
    "_neutral", "browDownLeft", "browDownRight", "browInnerUp", "browOuterUpLeft",
    "browOuterUpRight", "cheekPuff", "cheekSquintLeft", "cheekSquintRight", "eyeBlinkLeft",
    "eyeBlinkRight", "eyeLookDownLeft", "eyeLookDownRight", "eyeLookInLeft", "eyeLookInRight",
    "eyeLookOutLeft", "eyeLookOutRight", "eyeLookUpLeft", "eyeLookUpRight", "eyeSquintLeft",
    "eyeSquintRight", "eyeWideLeft", "eyeWideRight", "jawForward", "jawLeft", "jawOpen",
    "jawRight", "mouthClose", "mouthDimpleLeft", "mouthDimpleRight", "mouthFrownLeft",
    "mouthFrownRight", "mouthFunnel", "mouthLeft", "mouthLowerDownLeft", "mouthLowerDownRight",
    "mouthPressLeft", "mouthPressRight", "mouthPucker", "mouthRight", "mouthRollLower",
    "mouthRollUpper", "mouthShrugLower", "mouthShrugUpper", "mouthSmileLeft", "mouthSmileRight",
    "mouthStretchLeft", "mouthStretchRight", "mouthUpperUpLeft", "mouthUpperUpRight",
    "noseSneerLeft", "noseSneerRight"]


class Walker:
    """Consumes a graph's compute ops (DEQUANTIZE folded into its constant) in order."""

    def __init__(self, model):
        self.m = model
        self.weight_of = {}  # dequantized tensor -> stored constant
        self.ops = []
        for op in model["ops"]:
            if op["code"] == "DEQUANTIZE":
                self.weight_of[op["outputs"][0]] = op["inputs"][0]
            else:
                self.ops.append(op)
        self.pos = 0

    def const(self, i):
        i = self.weight_of.get(i, i)
        a = self.m["tensors"][i]["array"]
        if a is None:
            raise SystemExit(f"tensor {i} is not a constant")
        return a

    def is_const(self, i):
        return self.m["tensors"][self.weight_of.get(i, i)]["array"] is not None

    def next(self, code):
        op = self.ops[self.pos]
        if op["code"] != code:
            raise SystemExit(f"op {self.pos}: expected {code}, found {op['code']}")
        self.pos += 1
        return op

    def peek(self):
        return self.ops[self.pos]["code"] if self.pos < len(self.ops) else None


def conv(w, op, prefix, out):
    """CONV_2D weights OHWI -> OIHW."""
    out[prefix + ".weight"] = np.ascontiguousarray(w.const(op["inputs"][1]).transpose(0, 3, 1, 2))
    out[prefix + ".bias"] = w.const(op["inputs"][2])


def convert_face_mesh(model):
    w, out = Walker(model), {}
    op = w.next("CONV_2D")
    conv(w, op, "stem", out)
    op = w.next("PRELU")
    out["stem.prelu"] = w.const(op["inputs"][1]).reshape(-1)
    x = op["outputs"][0]
    block = 0
    while True:
        expand = w.next("CONV_2D")
        if expand["inputs"][0] != x:
            raise SystemExit("block does not start from the previous block's output")
        if w.peek() == "CONV_2D":  # three heads read the last block's output
            heads = [expand, w.next("CONV_2D"), w.next("CONV_2D")]
            break
        p = f"blocks.{block}"
        conv(w, expand, p + ".expand", out)
        skip = x
        if w.peek() == "MAX_POOL_2D":
            skip = w.next("MAX_POOL_2D")["outputs"][0]
            if w.peek() == "PAD":
                skip = w.next("PAD")["outputs"][0]
        op = w.next("PRELU")
        out[p + ".expand.prelu"] = w.const(op["inputs"][1]).reshape(-1)
        op = w.next("DEPTHWISE_CONV_2D")
        dw = w.const(op["inputs"][1])  # 1 KH KW C -> C 1 KH KW
        out[p + ".dw.weight"] = np.ascontiguousarray(dw.transpose(3, 0, 1, 2))
        out[p + ".dw.bias"] = w.const(op["inputs"][2])
        conv(w, w.next("CONV_2D"), p + ".project", out)
        add = w.next("ADD")
        if skip not in add["inputs"]:
            raise SystemExit(f"block {block}: residual does not add the block input")
        op = w.next("PRELU")
        out[p + ".prelu"] = w.const(op["inputs"][1]).reshape(-1)
        x = op["outputs"][0]
        block += 1
    # Heads: which output is which is decided by what the graph does after each conv.
    outputs = model["outputs"]
    for h in heads:
        o = h["outputs"][0]
        channels = model["tensors"][o]["shape"][-1]
        if channels == 1434:
            name = "head.landmarks"
        elif o in outputs:
            name = "head.presence"  # a raw logit output; MediaPipe applies the sigmoid
        else:
            name = "head.aux"  # passes through LOGISTIC into a second one-value output
        conv(w, h, name, out)
    rest = [op["code"] for op in w.ops[w.pos:]]
    if rest != ["LOGISTIC", "RESHAPE"]:
        raise SystemExit(f"unexpected tail {rest}")
    return out, block


def convert_blendshapes(model):
    w, out = Walker(model), {}
    convs, gammas = [], []
    for op in w.ops:
        ins = op["inputs"]
        if op["code"] == "CONV_2D":
            convs.append(op)
        elif op["code"] == "MUL" and w.is_const(ins[1]):
            shape = list(w.const(ins[1]).shape)
            if shape == []:
                out["input_scale"] = w.const(ins[1]).reshape(1)
            else:
                gammas.append(w.const(ins[1]).reshape(-1))
        elif op["code"] == "ADD" and w.is_const(ins[1]):
            eps = w.const(ins[1]).reshape(1)
            if "norm_eps" in out and float(out["norm_eps"][0]) != float(eps[0]):
                raise SystemExit("layer norms with different epsilons")
            out["norm_eps"] = eps
        elif op["code"] == "CONCATENATION":
            out["cls_token"] = w.const(ins[0]).reshape(-1)
    if len(convs) != 2 + 4 * 4 + 1 or len(gammas) != 8:
        raise SystemExit(f"unexpected mixer: {len(convs)} convolutions, {len(gammas)} norms")

    def linear(op, name):
        wt = w.const(op["inputs"][1])  # O 1 1 I
        out[name + ".weight"] = np.ascontiguousarray(wt.reshape(wt.shape[0], wt.shape[3]))
        out[name + ".bias"] = w.const(op["inputs"][2])

    linear(convs[0], "point_mixing")  # 146 points -> 96 tokens
    linear(convs[1], "embedding")  # x/y -> 64 channels
    for b in range(4):
        p = f"blocks.{b}"
        linear(convs[2 + 4 * b], p + ".token_mlp.fc1")
        linear(convs[3 + 4 * b], p + ".token_mlp.fc2")
        linear(convs[4 + 4 * b], p + ".channel_mlp.fc1")
        linear(convs[5 + 4 * b], p + ".channel_mlp.fc2")
        out[p + ".norm1.weight"] = gammas[2 * b]
        out[p + ".norm2.weight"] = gammas[2 * b + 1]
    linear(convs[18], "head")
    return out


def write_safetensors(path, tensors, metadata):
    names = sorted(tensors)
    header, offset, blobs = {"__metadata__": metadata}, 0, []
    for name in names:
        a = np.ascontiguousarray(tensors[name])
        dtype = {np.dtype(np.float16): "F16", np.dtype(np.float32): "F32"}[a.dtype]
        data = a.astype(a.dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": dtype, "shape": list(a.shape),
                        "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)
    os.replace(tmp, path)


def main():
    task = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        SHARED, "face_landmarker_v2_with_blendshapes.task")
    out_dir = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "resources", "models")
    schema = os.path.join(os.path.dirname(os.path.abspath(task)), "tflite-schema.fbs")
    with open(task, "rb") as f:
        task_sha = hashlib.sha256(f.read()).hexdigest()
    with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(task) as z:
        z.extractall(tmp)
        mesh_path = os.path.join(tmp, "face_landmarks_detector.tflite")
        bs_path = os.path.join(tmp, "face_blendshapes.tflite")
        with open(bs_path, "rb") as f:
            raw = f.read()
        missing = [n for n in BLENDSHAPE_NAMES if n.encode() not in raw]
        if missing:
            raise SystemExit(f"blendshape names not in the model file: {missing}")
        mesh, blocks = convert_face_mesh(tn.load(mesh_path, schema))
        bs = convert_blendshapes(tn.load(bs_path, schema))
    common = {"source": "MediaPipe Face Landmarker v2 (face_landmarker_v2_with_blendshapes.task, "
                        "sha256 " + task_sha + ")",
              "licence": "Apache-2.0 (resources/models/LICENSE.mediapipe)",
              "converted_by": "scripts/mediapipe/convert.py"}
    write_safetensors(os.path.join(out_dir, "mediapipe-face-mesh.safetensors"), mesh,
                      dict(common, network="face_mesh_v2", input="256x256 RGB in [0,1]",
                           blocks=str(blocks)))
    write_safetensors(os.path.join(out_dir, "mediapipe-blendshapes.safetensors"), bs,
                      dict(common, network="face_blendshapes",
                           names=json.dumps(BLENDSHAPE_NAMES)))
    for name, t in (("face mesh", mesh), ("blendshapes", bs)):
        count = sum(int(np.prod(a.shape)) for a in t.values())
        print(f"{name}: {len(t)} tensors, {count:,} parameters")


if __name__ == "__main__":
    main()
