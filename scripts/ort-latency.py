#!/usr/bin/env python3
"""ONNX Runtime's latency on ResNet-18 and MobileNetV2 (random weights, batch 1), measured here.

Builds each architecture with onnx.helper (batch norm already folded into the convolutions, as
ONNX Runtime's optimiser folds it anyway), runs it with the given intra-op thread count, and
prints the median of --repeat runs after a warm-up — to set beside `splitscope bench engine`
run at the same moment on the same machine, until the ONNX importer lets both run one file.

    python3 scripts/ort-latency.py --threads 1 --repeat 30
    python3 scripts/ort-latency.py --splitscope .build/release/splitscope --rounds 8

With --splitscope, rounds alternate between ONNX Runtime and `splitscope run --repeat N --json`
on the zoo model of the same name, so both see the same machine load; it prints both medians
and their ratio.
"""
import argparse
import json
import statistics
import subprocess
import time

import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto, helper, numpy_helper


class Builder:
    def __init__(self):
        self.nodes, self.inits, self.count, self.rng = [], [], 0, np.random.default_rng(1)

    def name(self, kind):
        self.count += 1
        return f"{kind}_{self.count}"

    def conv(self, x, cin, cout, k, stride=1, groups=1, act=None):
        w, b, y = self.name("w"), self.name("b"), self.name("conv")
        fan_in = cin // groups * k * k
        self.inits.append(numpy_helper.from_array(
            (self.rng.standard_normal((cout, cin // groups, k, k)) * (2 / fan_in) ** 0.5).astype(np.float32), w))
        self.inits.append(numpy_helper.from_array(np.zeros(cout, np.float32), b))
        p = (k - 1) // 2
        self.nodes.append(helper.make_node("Conv", [x, w, b], [y], kernel_shape=[k, k], strides=[stride, stride],
                                           pads=[p, p, p, p], group=groups))
        return self.act(y, act)

    def act(self, x, act):
        if act is None:
            return x
        y = self.name(act)
        if act == "relu":
            self.nodes.append(helper.make_node("Relu", [x], [y]))
        else:
            lo, hi = self.name("lo"), self.name("hi")
            self.inits += [numpy_helper.from_array(np.array(0, np.float32), lo),
                           numpy_helper.from_array(np.array(6, np.float32), hi)]
            self.nodes.append(helper.make_node("Clip", [x, lo, hi], [y]))
        return y

    def add(self, a, b, act=None):
        y = self.name("add")
        self.nodes.append(helper.make_node("Add", [a, b], [y]))
        return self.act(y, act)

    def head(self, x, channels):
        g, f, w, b, y = self.name("gap"), self.name("flat"), self.name("w"), self.name("b"), "logits"
        self.nodes.append(helper.make_node("GlobalAveragePool", [x], [g]))
        self.nodes.append(helper.make_node("Flatten", [g], [f]))
        self.inits.append(numpy_helper.from_array((self.rng.standard_normal((1000, channels)) * 0.03).astype(np.float32), w))
        self.inits.append(numpy_helper.from_array(np.zeros(1000, np.float32), b))
        self.nodes.append(helper.make_node("Gemm", [f, w, b], [y], transB=1))
        return y

    def model(self, name):
        graph = helper.make_graph(self.nodes, name, [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 224, 224])],
                                  [helper.make_tensor_value_info("logits", TensorProto.FLOAT, [1, 1000])], self.inits)
        return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])


def resnet18():
    b = Builder()
    x = b.conv("x", 3, 64, 7, 2, act="relu")
    y = b.name("pool")
    b.nodes.append(helper.make_node("MaxPool", [x], [y], kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1]))
    x, cin = y, 64
    for planes, stride in [(64, 1), (128, 2), (256, 2), (512, 2)]:
        for block in range(2):
            s = stride if block == 0 else 1
            h = b.conv(x, cin, planes, 3, s, act="relu")
            h = b.conv(h, planes, planes, 3)
            skip = b.conv(x, cin, planes, 1, s) if (s != 1 or cin != planes) else x
            x, cin = b.add(h, skip, act="relu"), planes
    b.head(x, 512)
    return b.model("resnet18")


def mobilenetv2():
    b = Builder()
    x, cin = b.conv("x", 3, 32, 3, 2, act="relu6"), 32
    for t, c, n, s in [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)]:
        for i in range(n):
            stride, hidden = (s if i == 0 else 1), cin * t
            h = b.conv(x, cin, hidden, 1, act="relu6") if t != 1 else x
            h = b.conv(h, hidden, hidden, 3, stride, groups=hidden, act="relu6")
            h = b.conv(h, hidden, c, 1)
            x, cin = (b.add(x, h) if stride == 1 and cin == c else h), c
    x = b.conv(x, cin, 1280, 1, act="relu6")
    b.head(x, 1280)
    return b.model("mobilenetv2")


def ort_times(session, x, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        session.run(None, {"x": x})
        times.append((time.perf_counter() - start) * 1000)
    return times


def splitscope_times(binary, name, threads, repeat):
    out = subprocess.run([binary, "run", "--model", name, "--threads", str(threads), "--repeat", str(repeat), "--json"],
                         check=True, capture_output=True, text=True).stdout
    report = json.loads(out)
    return [report["median_ms"]]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--splitscope", help="a splitscope binary to alternate with")
    parser.add_argument("--rounds", type=int, default=8)
    args = parser.parse_args()
    options = ort.SessionOptions()
    options.intra_op_num_threads = args.threads
    options.inter_op_num_threads = 1
    x = np.random.default_rng(2).standard_normal((1, 3, 224, 224)).astype(np.float32)
    for name, model in [("resnet18", resnet18()), ("mobilenetv2", mobilenetv2())]:
        session = ort.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])
        session.run(None, {"x": x})
        if not args.splitscope:
            times = ort_times(session, x, args.repeat)
            print(f"{name}: ONNX Runtime {ort.__version__}, {args.threads} thread(s): median {statistics.median(times):.2f} ms, "
                  f"min {min(times):.2f} ms over {args.repeat} runs")
            continue
        ours, theirs = [], []
        per_round = max(1, args.repeat // args.rounds)
        for _ in range(args.rounds):
            theirs.append(statistics.median(ort_times(session, x, per_round)))
            ours += splitscope_times(args.splitscope, name, args.threads, per_round)
        a, b = statistics.median(ours), statistics.median(theirs)
        print(f"{name}, {args.threads} thread(s), {args.rounds} alternating rounds of {per_round} runs: "
              f"splitscope {a:.2f} ms, ONNX Runtime {ort.__version__} {b:.2f} ms, ratio {a / b:.2f} "
              f"(round medians: splitscope {[round(t, 1) for t in ours]}, ORT {[round(t, 1) for t in theirs]})")


if __name__ == "__main__":
    main()
