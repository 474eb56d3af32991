"""Reads a TFLite FlatBuffer (through `flatc --json` and TensorFlow Lite's own schema) and runs its
graph with NumPy, op by op, exactly as TFLite defines each op. Used by convert.py (to walk the
graph and name its weights) and by make_goldens.py (the reference outputs our LibTorch ports must
reproduce). Only the ops of MediaPipe's face landmark and blendshape models are implemented; any
other op stops with its name.

Debian 12: python3-numpy, flatbuffers-compiler. Needs the schema file
(../shared/models/mediapipe/tflite-schema.fbs); the `(deprecated)` enum attribute that Debian's
flatc 2.0 cannot parse is stripped on the way.
"""
import json
import os
import subprocess
import tempfile

import numpy as np

_DTYPES = {"FLOAT32": np.float32, "FLOAT16": np.float16, "INT32": np.int32, "INT64": np.int64,
           "UINT8": np.uint8, "INT8": np.int8}


def load(tflite_path, schema_path):
    """The model as a dict: tensors (name, shape, array or None), ops (code, inputs, outputs,
    options), inputs, outputs. Constant tensors carry their stored array (fp16 stays fp16)."""
    with tempfile.TemporaryDirectory() as tmp:
        schema = os.path.join(tmp, "schema.fbs")
        with open(schema_path) as src, open(schema, "w") as dst:
            dst.write(src.read().replace(" (deprecated)", ""))
        subprocess.run(["flatc", "--json", "--strict-json", "--raw-binary", "-o", tmp, schema,
                        "--", tflite_path], check=True)
        name = os.path.splitext(os.path.basename(tflite_path))[0] + ".json"
        with open(os.path.join(tmp, name)) as f:
            model = json.load(f)
    if len(model["subgraphs"]) != 1:
        raise SystemExit(f"{tflite_path}: expected one subgraph")
    graph = model["subgraphs"][0]
    codes = [c.get("builtin_code", "ADD") for c in model["operator_codes"]]  # ADD is code 0
    tensors = []
    for t in graph["tensors"]:
        data = model["buffers"][t.get("buffer", 0)].get("data") if t.get("buffer", 0) else None
        array = None
        if data:
            dtype = _DTYPES[t.get("type", "FLOAT32")]
            array = np.frombuffer(bytes(data), dtype=dtype).reshape(t.get("shape", []))
        tensors.append({"name": t["name"], "shape": t.get("shape", []), "array": array})
    ops = [{"code": codes[o.get("opcode_index", 0)], "inputs": o["inputs"], "outputs": o["outputs"],
            "options": o.get("builtin_options", {})} for o in graph["operators"]]
    return {"tensors": tensors, "ops": ops, "inputs": graph["inputs"], "outputs": graph["outputs"]}


def _same_pad(size, kernel, stride):
    out = -(-size // stride)
    total = max((out - 1) * stride + kernel - size, 0)
    return total // 2, total - total // 2


def _pad_spatial(x, kh, kw, sh, sw, padding):
    if padding == "VALID":
        return x
    top, bottom = _same_pad(x.shape[1], kh, sh)
    left, right = _same_pad(x.shape[2], kw, sw)
    return np.pad(x, ((0, 0), (top, bottom), (left, right), (0, 0)))


def _windows(x, kh, kw, sh, sw):
    """NHWC → N, OH, OW, C, KH, KW views."""
    v = np.lib.stride_tricks.sliding_window_view(x, (kh, kw), axis=(1, 2))
    return v[:, ::sh, ::sw]


def _activation(x, name):
    if name in (None, "NONE"):
        return x
    if name == "RELU":
        return np.maximum(x, 0)
    raise SystemExit(f"fused activation {name} not implemented")


def run(model, feeds):
    """Runs the graph on `feeds` ({input tensor index: array}); returns every tensor's value."""
    values = dict(feeds)

    def get(i):
        if i in values:
            return values[i]
        a = model["tensors"][i]["array"]
        if a is None:
            raise SystemExit(f"tensor {i} ({model['tensors'][i]['name']}) has no value")
        return a

    for op in model["ops"]:
        code, opt = op["code"], op["options"]
        ins = [get(i) if i >= 0 else None for i in op["inputs"]]
        if code == "DEQUANTIZE":
            y = ins[0].astype(np.float32)
        elif code == "CONV_2D":
            x, w, b = ins[0], ins[1].astype(np.float32), ins[2]
            o, kh, kw, _ = w.shape
            sh, sw = opt.get("stride_h", 1), opt.get("stride_w", 1)
            xp = _pad_spatial(x, kh, kw, sh, sw, opt.get("padding", "SAME"))
            win = _windows(xp, kh, kw, sh, sw)  # N OH OW C KH KW
            y = np.einsum("nhwcij,oijc->nhwo", win, w, optimize=True) + b
            y = _activation(y, opt.get("fused_activation_function"))
        elif code == "DEPTHWISE_CONV_2D":
            x, w, b = ins[0], ins[1].astype(np.float32), ins[2]
            _, kh, kw, c = w.shape
            if opt.get("depth_multiplier", 1) != 1:
                raise SystemExit("depth multiplier != 1 not implemented")
            sh, sw = opt.get("stride_h", 1), opt.get("stride_w", 1)
            xp = _pad_spatial(x, kh, kw, sh, sw, opt.get("padding", "SAME"))
            win = _windows(xp, kh, kw, sh, sw)
            y = np.einsum("nhwcij,ijc->nhwc", win, w[0], optimize=True) + b
            y = _activation(y, opt.get("fused_activation_function"))
        elif code == "MAX_POOL_2D":
            fh, fw = opt["filter_height"], opt["filter_width"]
            xp = _pad_spatial(ins[0], fh, fw, opt["stride_h"], opt["stride_w"],
                              opt.get("padding", "SAME"))
            y = _windows(xp, fh, fw, opt["stride_h"], opt["stride_w"]).max(axis=(4, 5))
        elif code == "PRELU":
            y = np.where(ins[0] >= 0, ins[0], ins[0] * ins[1])
        elif code == "PAD":
            y = np.pad(ins[0], [tuple(p) for p in ins[1].tolist()])
        elif code == "ADD":
            y = _activation(ins[0] + ins[1], opt.get("fused_activation_function"))
        elif code == "SUB":
            y = _activation(ins[0] - ins[1], opt.get("fused_activation_function"))
        elif code == "MUL":
            y = _activation(ins[0] * ins[1], opt.get("fused_activation_function"))
        elif code == "DIV":
            y = _activation(ins[0] / ins[1], opt.get("fused_activation_function"))
        elif code == "NEG":
            y = -ins[0]
        elif code == "SQRT":
            y = np.sqrt(ins[0])
        elif code == "RSQRT":
            y = 1.0 / np.sqrt(ins[0])
        elif code == "SQUARED_DIFFERENCE":
            y = (ins[0] - ins[1]) ** 2
        elif code in ("MEAN", "SUM"):
            axes = tuple(int(a) for a in np.atleast_1d(ins[1]))
            f = np.mean if code == "MEAN" else np.sum
            y = f(ins[0], axis=axes, keepdims=bool(opt.get("keep_dims", False)))
        elif code == "LOGISTIC":
            y = 1.0 / (1.0 + np.exp(-ins[0]))
        elif code == "RESHAPE":
            y = ins[0].reshape([int(s) for s in ins[1]])
        elif code == "TRANSPOSE":
            y = np.transpose(ins[0], [int(p) for p in ins[1]])
        elif code == "CONCATENATION":
            y = np.concatenate(ins, axis=opt.get("axis", 0))
        elif code == "STRIDED_SLICE":
            y = _strided_slice(ins[0], ins[1], ins[2], ins[3], opt)
        else:
            raise SystemExit(f"op {code} not implemented")
        values[op["outputs"][0]] = np.asarray(y, dtype=np.float32)
    return values


def _strided_slice(x, begin, end, strides, opt):
    bm, em = opt.get("begin_mask", 0), opt.get("end_mask", 0)
    shrink = opt.get("shrink_axis_mask", 0)
    index = []
    for d in range(x.ndim):
        b = None if bm >> d & 1 else int(begin[d])
        e = None if em >> d & 1 else int(end[d])
        if shrink >> d & 1:
            index.append(int(begin[d]))
        else:
            index.append(slice(b, e, int(strides[d])))
    return x[tuple(index)]
