#!/usr/bin/env python3
"""Times ONNX Runtime on one ONNX file and prints JSON: what `splitscope bench engine` sets beside its own.

Usage:  python3 scripts/ort-time.py MODEL.onnx [--threads N] [--repeat R] [--input x.npy] [--output y.npy]

Runs the file's first input at batch 1 (a dynamic dimension becomes 1) with intra-op threads N
and one inter-op thread, all graph optimisations on (ONNX Runtime's default). The input is
--input when given, else the same deterministic ramp splitscope uses. After one warm-up run it
times R runs and prints

  {"ort_version": "1.32.0", "threads": 1, "samples_ms": [...], "median_ms": 34.1}

With --output it writes the model output to a float32 .npy, so the caller can compare outputs.

With --serve it prints {"ready": true, "ort_version": ...} after the warm-up and then, for each
line N read from standard input, times N runs and prints {"samples_ms": [...]} — so a caller can
alternate single runs with its own and both see the same machine load. An empty line or end of
input ends it.
"""
import sys
import argparse
import json
import statistics
import time

import numpy as np
import onnxruntime as ort


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--input")
    parser.add_argument("--output")
    parser.add_argument("--serve", action="store_true")
    args = parser.parse_args()

    options = ort.SessionOptions()
    options.intra_op_num_threads = args.threads
    options.inter_op_num_threads = 1
    session = ort.InferenceSession(args.model, options, providers=["CPUExecutionProvider"])
    first = session.get_inputs()[0]
    if args.input:
        x = np.load(args.input).astype(np.float32)
    else:
        shape = [d if isinstance(d, int) else 1 for d in first.shape]
        count = int(np.prod(shape))
        x = ((np.arange(count) % 255) / 255 - 0.5).astype(np.float32).reshape(shape)
    feed = {first.name: x}
    y = session.run(None, feed)[0]
    if args.output:
        np.save(args.output, np.ascontiguousarray(y, dtype=np.float32))
    if args.serve:
        print(json.dumps({"ready": True, "ort_version": ort.__version__, "threads": args.threads}), flush=True)
        for line in sys.stdin:
            if not line.strip():
                break
            times = []
            for _ in range(int(line)):
                start = time.perf_counter()
                session.run(None, feed)
                times.append((time.perf_counter() - start) * 1000)
            print(json.dumps({"samples_ms": times}), flush=True)
        return
    samples = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        session.run(None, feed)
        samples.append((time.perf_counter() - start) * 1000)
    print(json.dumps({"ort_version": ort.__version__, "threads": args.threads, "samples_ms": samples,
                      "median_ms": statistics.median(samples)}))


if __name__ == "__main__":
    main()
