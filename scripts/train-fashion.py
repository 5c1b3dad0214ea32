#!/usr/bin/env python3
"""Trains splitscope's two Fashion-MNIST models and writes them as ONNX files.

Usage:  python3 -m venv /tmp/fashion-venv
        /tmp/fashion-venv/bin/pip install 'torch==2.13.0+cpu' numpy onnx onnxruntime
        /tmp/fashion-venv/bin/python scripts/train-fashion.py [--epochs N] [--out Models]

(Any CPU build of torch 2.x works; `torch==2.13.0+cpu` is the one that pulls no CUDA packages.)

Reads the gzipped IDX files that Debian's dataset-fashion-mnist package installs
(/usr/share/datasets/fashion-mnist, installed by scripts/setup; --data DIR reads another copy),
with the split that docs/datasets.md fixes: the official 60,000 training images are split by
index, i % 12 == 11 → validation (5,000), the rest → training (55,000); the official 10,000 test
images are the test set, used only to report accuracy.

Writes, into --out (default Models/):
  fashion-device.onnx  a small device-class CNN (two conv+pool stages, a 1x1 compressive
                       bottleneck to 3x7x7, two linear layers)
  fashion-edge.onnx    an edge-class residual CNN (a stem, three basic residual blocks, a 1x1
                       compressive bottleneck to 3x7x7 between the second and the third)
  fashion-expected.json  for each model: validation and test accuracy as ONNX Runtime computes
                       them from the written file, the number of correct predictions among the
                       first 256 test images and those 256 predictions (splitscope's tests
                       compare `eval` against them, so CI needs no Python), training time.

Model convention (docs/datasets.md): input float32 NCHW [N, 1, 28, 28] (N dynamic), pixels
value / 255; the output is ten logits. Batch norm is folded into the convolutions on export.

Everything is seeded (torch, the shuffling); reruns with the same torch version and thread count
reach the same weights up to the order of floating-point sums across threads.
"""
import argparse
import gzip
import json
import os
import struct
import sys
import time

import numpy as np
import onnxruntime as ort
import torch
import torch.nn as nn
import torch.nn.functional as F

DEFAULT_DATA = "/usr/share/datasets/fashion-mnist"
EXPECTED_PREFIX = 256


def read_idx(path, magic, dims):
    """Reads one gzipped IDX file, checking its magic number and that its size matches its header."""
    with gzip.open(path, "rb") as f:
        data = f.read()
    got_magic, = struct.unpack(">I", data[:4])
    if got_magic != magic:
        sys.exit(f"{path}: magic {got_magic:#010x}, expected {magic:#010x}")
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    body = data[4 + 4 * dims:]
    if len(body) != int(np.prod(shape)):
        sys.exit(f"{path}: header says {shape} ({int(np.prod(shape))} bytes) but {len(body)} bytes follow")
    return np.frombuffer(body, dtype=np.uint8).reshape(shape)


def load(data_dir, kind):
    images = read_idx(os.path.join(data_dir, f"{kind}-images-idx3-ubyte.gz"), 0x00000803, 3)
    labels = read_idx(os.path.join(data_dir, f"{kind}-labels-idx1-ubyte.gz"), 0x00000801, 1)
    if len(images) != len(labels):
        sys.exit(f"{data_dir}: {len(images)} {kind} images but {len(labels)} labels")
    x = torch.from_numpy(images.astype(np.float32) / 255.0).unsqueeze(1)
    y = torch.from_numpy(labels.astype(np.int64))
    return x, y


class DeviceCNN(nn.Module):
    """A small CNN a phone-class device runs whole: 0.61 M MACs, 12.9 k parameters."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 12, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(12)
        self.pool1 = nn.MaxPool2d(2)
        self.conv2 = nn.Conv2d(12, 24, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(24)
        self.pool2 = nn.MaxPool2d(2)
        # The compressive bottleneck: 24x7x7 -> 3x7x7, 588 bytes as float32, fewer than the
        # 784 bytes of the 28x28 greyscale frame the device would otherwise send.
        self.squeeze = nn.Conv2d(24, 3, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(3)
        self.fc1 = nn.Linear(3 * 7 * 7, 64)
        self.fc2 = nn.Linear(64, 10)

    def forward(self, x):
        x = self.pool1(F.relu(self.bn1(self.conv1(x))))
        x = self.pool2(F.relu(self.bn2(self.conv2(x))))
        x = F.relu(self.bn3(self.squeeze(x)))
        x = torch.flatten(x, 1)
        return self.fc2(F.relu(self.fc1(x)))


class BasicBlock(nn.Module):
    """ResNet's basic block: two 3x3 convolutions and a skip (a 1x1 projection when the shape changes)."""

    def __init__(self, inputs, outputs, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(inputs, outputs, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(outputs)
        self.conv2 = nn.Conv2d(outputs, outputs, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(outputs)
        self.downsample = None
        if stride != 1 or inputs != outputs:
            self.downsample = nn.Sequential(nn.Conv2d(inputs, outputs, 1, stride=stride, bias=False), nn.BatchNorm2d(outputs))

    def forward(self, x):
        skip = x if self.downsample is None else self.downsample(x)
        y = F.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return F.relu(y + skip)


class EdgeResNet(nn.Module):
    """An edge-class residual CNN: 3.6 M MACs, a compressive bottleneck between the second and third block."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(16)
        self.maxpool = nn.MaxPool2d(2)
        self.layer1 = BasicBlock(16, 16, 1)    # 16x14x14
        self.layer2 = BasicBlock(16, 32, 2)    # 32x7x7
        # The compressive bottleneck: 32x7x7 (6,272 bytes) -> 3x7x7 (588 bytes, fewer than the
        # 784-byte frame), then a block that widens again to 64 channels.
        self.squeeze = nn.Conv2d(32, 3, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(3)
        self.layer3 = BasicBlock(3, 64, 1)     # 64x7x7
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(64, 10)

    def forward(self, x):
        x = self.maxpool(F.relu(self.bn1(self.conv1(x))))
        x = self.layer2(self.layer1(x))
        x = F.relu(self.bn2(self.squeeze(x)))
        x = self.layer3(x)
        x = torch.flatten(self.avgpool(x), 1)
        return self.fc(x)


def accuracy(model, x, y, batch=1000):
    model.eval()
    correct = 0
    with torch.no_grad():
        for i in range(0, len(x), batch):
            correct += (model(x[i:i + batch]).argmax(1) == y[i:i + batch]).sum().item()
    return 100.0 * correct / len(x)


def train(model, x, y, x_val, y_val, epochs, seed, name):
    generator = torch.Generator().manual_seed(seed)
    optimiser = torch.optim.Adam(model.parameters(), lr=2e-3, weight_decay=1e-4)
    steps = epochs * ((len(x) + 127) // 128)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=4e-3, total_steps=steps)
    for epoch in range(epochs):
        model.train()
        order = torch.randperm(len(x), generator=generator)
        started = time.time()
        for i in range(0, len(x), 128):
            batch = order[i:i + 128]
            optimiser.zero_grad()
            loss = F.cross_entropy(model(x[batch]), y[batch])
            loss.backward()
            optimiser.step()
            schedule.step()
        print(f"{name}: epoch {epoch + 1}/{epochs}, loss {loss.item():.3f}, "
              f"validation {accuracy(model, x_val, y_val):.2f} %, {time.time() - started:.0f} s", flush=True)


def export(model, path):
    model.eval()
    example = torch.zeros(1, 1, 28, 28)
    kwargs = dict(input_names=["input"], output_names=["logits"], opset_version=17,
                  dynamic_axes={"input": {0: "N"}, "logits": {0: "N"}}, do_constant_folding=True)
    try:
        torch.onnx.export(model, example, path, dynamo=False, **kwargs)
    except TypeError:  # torch before 2.5 has no `dynamo` argument
        torch.onnx.export(model, example, path, **kwargs)


def onnx_logits(path, x):
    """The ONNX file's logits for every image of the array `x`, on ONNX Runtime's CPU, 500 at a time."""
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    session = ort.InferenceSession(path, options, providers=["CPUExecutionProvider"])
    return np.concatenate([session.run(None, {"input": x[i:i + 500]})[0] for i in range(0, len(x), 500)])


def onnx_predictions(path, x):
    """The ONNX file's predicted class for every image of the tensor `x`."""
    return onnx_logits(path, x.numpy()).argmax(1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=DEFAULT_DATA)
    parser.add_argument("--out", default="Models")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if not os.path.isdir(args.data):
        sys.exit(f"{args.data} is not there: run scripts/setup (it installs Debian's dataset-fashion-mnist)")
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)

    x_all, y_all = load(args.data, "train")
    x_test, y_test = load(args.data, "t10k")
    validation = torch.arange(len(x_all)) % 12 == 11
    x_train, y_train = x_all[~validation], y_all[~validation]
    x_val, y_val = x_all[validation], y_all[validation]
    print(f"train {len(x_train)}, validation {len(x_val)}, test {len(x_test)}", flush=True)

    os.makedirs(args.out, exist_ok=True)
    expected = {"data": "fashion-mnist", "split": "train i % 12 != 11, validation i % 12 == 11, test t10k",
                "torch": torch.__version__, "onnxruntime": ort.__version__, "epochs": args.epochs,
                "threads": args.threads, "seed": args.seed, "prefix": EXPECTED_PREFIX, "models": {}}
    for name, factory in (("fashion-device", DeviceCNN), ("fashion-edge", EdgeResNet)):
        torch.manual_seed(args.seed)
        model = factory()
        started = time.time()
        train(model, x_train, y_train, x_val, y_val, args.epochs, args.seed, name)
        seconds = time.time() - started
        path = os.path.join(args.out, f"{name}.onnx")
        export(model, path)
        test_predictions = onnx_predictions(path, x_test)
        val_predictions = onnx_predictions(path, x_val)
        test_correct = int((test_predictions == y_test.numpy()).sum())
        prefix = test_predictions[:EXPECTED_PREFIX]
        entry = {
            "file": f"{name}.onnx",
            "training_seconds": round(seconds, 1),
            "torch_test_accuracy_pct": round(accuracy(model, x_test, y_test), 2),
            "validation_accuracy_pct": round(100.0 * float((val_predictions == y_val.numpy()).mean()), 2),
            "test_samples": len(x_test),
            "test_correct": test_correct,
            "test_accuracy_pct": round(100.0 * test_correct / len(x_test), 2),
            "prefix_correct": int((prefix == y_test.numpy()[:EXPECTED_PREFIX]).sum()),
            "prefix_predictions": [int(p) for p in prefix],
        }
        expected["models"][name] = entry
        print(f"{name}: {seconds:.0f} s training, test accuracy {entry['test_accuracy_pct']:.2f} % "
              f"(ONNX Runtime), validation {entry['validation_accuracy_pct']:.2f} %, "
              f"{os.path.getsize(path):,} bytes", flush=True)
    with open(os.path.join(args.out, "fashion-expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
