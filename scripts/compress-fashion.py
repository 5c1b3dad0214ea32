#!/usr/bin/env python3
"""Makes compressed versions of splitscope's trained Fashion-MNIST edge model and writes them as ONNX files.

Usage:  /tmp/fashion-venv/bin/python scripts/compress-fashion.py [--epochs 3] [--keep 0.75,0.5] [--out Models]
                [--lr 1e-3] [--temperature 4] [--alpha 0.9]

(The venv is the one scripts/train-fashion.py's docstring makes: torch 2.x CPU, numpy, onnx,
onnxruntime.)  Reads Models/fashion-edge.onnx, the trained model (batch norm already folded into
its convolutions), and the data with the same split as train-fashion.py (official training images
i % 12 == 11 → validation, the rest → training; the 10,000 official test images only to report
accuracy).

Writes, into --out (default Models/):
  fashion-edge-p75.onnx, fashion-edge-p50.onnx
      structured channel pruning: in every group of channels that must stay the same width (a
      convolution's outputs, or the outputs tied together by a residual Add), keep the given
      share of channels with the largest L1 norm of their filters (summed over the group), cut
      the matching input channels of every consumer, then fine-tune --epochs epochs. The pruned
      convolutions really are narrower (fewer MACs and parameters), not zeroed. The 1x1 squeeze
      (3 channels, the compressive bottleneck the splitter cuts at) and the ten logits are kept.
      Pruning is gradual: each --keep share is cut from the previous version once it is
      fine-tuned (p50 from p75), never more than one step at a time from the full model.
      Fine-tuning distils the full model: the loss is --alpha of the KL divergence to the full
      model's logits at --temperature (times T squared) plus the rest of the cross-entropy with
      the labels; Adam from --lr down a cosine to zero. After every epoch the validation split
      is measured and the best epoch's weights are kept; the test set informs no choice.
  fashion-edge-int8.onnx, fashion-edge-p50-int8.onnx
      int8 weights: every Conv and Gemm weight is stored as an int8 initializer (symmetric,
      per output channel: scale = max|w| / 127, zero point 0) that a DequantizeLinear (axis 0)
      turns back into float for the Conv/Gemm; biases stay float32. No retraining.
  fashion-edge-versions.json
      the versions manifest (format splitscope-model-versions, version 1): name, file, measured
      test accuracy (ONNX Runtime, 10,000 test images) and the compression of each version.
  fashion-versions-expected.json
      for each version: test accuracy by ONNX Runtime, the first 256 test predictions (splitscope's
      tests compare `eval` with them, so CI needs no Python), MACs-relevant sizes and times.
  ../Tests/SplitONNXTests/Fixtures/fashion_edge_int8.{input,expected}.npy
      eight test images and ONNX Runtime's logits for them from fashion-edge-int8.onnx.

Everything is seeded (torch, the shuffling); reruns with the same torch version and thread count
reach the same weights up to the order of floating-point sums across threads.
"""
import argparse
import copy
import json
import os
import sys
import time

import numpy as np
import onnx
import onnxruntime as ort
import torch
import torch.nn as nn
import torch.nn.functional as F
from onnx import helper, numpy_helper

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
train_fashion = __import__("train-fashion")

EXPECTED_PREFIX = 256


class FoldedBlock(nn.Module):
    """A basic residual block as it stands in the ONNX file: batch norm folded into biased convolutions."""

    def __init__(self, inputs, middle, outputs, stride, downsample):
        super().__init__()
        self.conv1 = nn.Conv2d(inputs, middle, 3, stride=stride, padding=1)
        self.conv2 = nn.Conv2d(middle, outputs, 3, padding=1)
        self.downsample = nn.Conv2d(inputs, outputs, 1, stride=stride) if downsample else None

    def forward(self, x):
        skip = x if self.downsample is None else self.downsample(x)
        return F.relu(self.conv2(F.relu(self.conv1(x))) + skip)


class FoldedEdgeResNet(nn.Module):
    """train-fashion.py's EdgeResNet with its batch norms folded, at any channel widths.

    widths: stem (= layer1's output, tied by the identity skip), layer1's middle, layer2's middle,
    layer2's output, layer3's middle, layer3's output.
    """

    def __init__(self, widths=(16, 16, 32, 32, 64, 64)):
        super().__init__()
        stem, mid1, mid2, out2, mid3, out3 = widths
        self.conv1 = nn.Conv2d(1, stem, 3, padding=1)
        self.maxpool = nn.MaxPool2d(2)
        self.layer1 = FoldedBlock(stem, mid1, stem, 1, False)
        self.layer2 = FoldedBlock(stem, mid2, out2, 2, True)
        self.squeeze = nn.Conv2d(out2, 3, 1)
        self.layer3 = FoldedBlock(3, mid3, out3, 1, True)
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(out3, 10)

    def forward(self, x):
        x = self.maxpool(F.relu(self.conv1(x)))
        x = self.layer2(self.layer1(x))
        x = F.relu(self.squeeze(x))
        x = self.layer3(x)
        return self.fc(torch.flatten(self.avgpool(x), 1))


# ONNX node name → the module that holds its weight and bias.
NODE_MODULES = {
    "/conv1/Conv": "conv1", "/layer1/conv1/Conv": "layer1.conv1", "/layer1/conv2/Conv": "layer1.conv2",
    "/layer2/downsample/downsample.0/Conv": "layer2.downsample", "/layer2/conv1/Conv": "layer2.conv1",
    "/layer2/conv2/Conv": "layer2.conv2", "/squeeze/Conv": "squeeze",
    "/layer3/downsample/downsample.0/Conv": "layer3.downsample", "/layer3/conv1/Conv": "layer3.conv1",
    "/layer3/conv2/Conv": "layer3.conv2", "/fc/Gemm": "fc",
}

# Channel groups pruned together: (producers whose outputs are the group, consumers whose inputs are).
GROUPS = [
    (["conv1", "layer1.conv2"], ["layer1.conv1", "layer2.conv1", "layer2.downsample"]),
    (["layer1.conv1"], ["layer1.conv2"]),
    (["layer2.conv1"], ["layer2.conv2"]),
    (["layer2.conv2", "layer2.downsample"], ["squeeze"]),
    (["layer3.conv1"], ["layer3.conv2"]),
    (["layer3.conv2", "layer3.downsample"], ["fc"]),
]


def load_folded(path):
    """The trained model's weights from its ONNX file, in a FoldedEdgeResNet."""
    graph = onnx.load(path).graph
    initializers = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
    model = FoldedEdgeResNet()
    modules = dict(model.named_modules())
    for node in graph.node:
        if node.name in NODE_MODULES:
            module = modules[NODE_MODULES[node.name]]
            module.weight.data = torch.from_numpy(initializers[node.input[1]].copy())
            module.bias.data = torch.from_numpy(initializers[node.input[2]].copy())
    return model


def prune(model, keep):
    """A narrower FoldedEdgeResNet keeping `keep` of each group's channels, by L1 norm of the group's filters."""
    modules = dict(model.named_modules())
    kept = []
    for producers, _ in GROUPS:
        norms = sum(modules[p].weight.detach().abs().flatten(1).sum(1) for p in producers)
        count = max(1, int(round(keep * len(norms))))
        kept.append(torch.sort(torch.argsort(norms, descending=True)[:count]).values)
    widths = tuple(len(k) for k in kept)
    pruned = FoldedEdgeResNet(widths)
    small = dict(pruned.named_modules())
    outputs = {p: k for (producers, _), k in zip(GROUPS, kept) for p in producers}
    inputs = {c: k for (_, consumers), k in zip(GROUPS, kept) for c in consumers}
    for name in NODE_MODULES.values():
        weight, bias = modules[name].weight.detach(), modules[name].bias.detach()
        if name in outputs:
            weight, bias = weight[outputs[name]], bias[outputs[name]]
        if name in inputs:
            weight = weight[:, inputs[name]]
        small[name].weight.data = weight.clone()
        small[name].bias.data = bias.clone()
    return pruned, widths


def teacher_logits(model, x, batch=1000):
    """The full model's logits for every image of `x`, computed once (distillation's soft targets)."""
    model.eval()
    with torch.no_grad():
        return torch.cat([model(x[i:i + batch]) for i in range(0, len(x), batch)])


def fine_tune(model, x, y, soft, x_val, y_val, epochs, lr, temperature, alpha, seed, name):
    """Fine-tunes by distillation and returns the epoch chosen on the validation split.

    Adam from `lr` down a cosine to zero over `epochs` epochs (the model has no batch norm left).
    The loss is alpha · T² · KL(teacher ‖ student at temperature T) + (1 − alpha) · cross-entropy
    with the labels; `soft` holds the full model's logits for `x`. After every epoch the model is
    measured on the validation split, and the weights of the best epoch (the earliest on a tie) are
    kept: the test set plays no part in any choice.
    """
    generator = torch.Generator().manual_seed(seed)
    optimiser = torch.optim.Adam(model.parameters(), lr=lr)
    steps = epochs * ((len(x) + 127) // 128)
    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimiser, T_max=steps)
    best_accuracy, best_epoch = train_fashion.accuracy(model, x_val, y_val), 0
    best_state = copy.deepcopy(model.state_dict())
    print(f"{name}: validation {best_accuracy:.2f} % after pruning, before fine-tuning", flush=True)
    for epoch in range(epochs):
        model.train()
        order = torch.randperm(len(x), generator=generator)
        started = time.time()
        for i in range(0, len(x), 128):
            batch = order[i:i + 128]
            optimiser.zero_grad()
            logits = model(x[batch])
            distilled = F.kl_div(F.log_softmax(logits / temperature, 1), F.log_softmax(soft[batch] / temperature, 1),
                                 reduction="batchmean", log_target=True) * temperature ** 2
            loss = alpha * distilled + (1 - alpha) * F.cross_entropy(logits, y[batch])
            loss.backward()
            optimiser.step()
            schedule.step()
        validation = train_fashion.accuracy(model, x_val, y_val)
        if validation > best_accuracy:
            best_accuracy, best_epoch = validation, epoch + 1
            best_state = copy.deepcopy(model.state_dict())
        print(f"{name}: fine-tune epoch {epoch + 1}/{epochs}, loss {loss.item():.3f}, "
              f"validation {validation:.2f} %, {time.time() - started:.0f} s", flush=True)
    model.load_state_dict(best_state)
    print(f"{name}: keeping epoch {best_epoch} (validation {best_accuracy:.2f} %)", flush=True)
    return best_epoch, best_accuracy


def quantise_weights(source, target):
    """Writes `source` with every Conv/Gemm weight stored as int8 behind a per-channel DequantizeLinear."""
    model = onnx.load(source)
    graph = model.graph
    initializers = {i.name: i for i in graph.initializer}
    weight_names = {n.input[1] for n in graph.node if n.op_type in ("Conv", "Gemm")}
    for node in graph.node:
        if node.op_type == "Gemm":
            trans_b = next((a.i for a in node.attribute if a.name == "transB"), 0)
            if trans_b != 1:
                sys.exit(f"{source}: {node.name} has transB {trans_b}; axis 0 of its weight is not the output")
    dequantise = []
    for name in sorted(weight_names):
        w = numpy_helper.to_array(initializers[name]).astype(np.float32)
        channels = w.shape[0]
        scale = np.abs(w.reshape(channels, -1)).max(axis=1) / 127.0
        scale = np.where(scale > 0, scale, 1.0).astype(np.float32)
        q = np.clip(np.round(w / scale.reshape((channels,) + (1,) * (w.ndim - 1))), -127, 127).astype(np.int8)
        graph.initializer.remove(initializers[name])
        graph.initializer.extend([
            numpy_helper.from_array(q, f"{name}_quantized"),
            numpy_helper.from_array(scale, f"{name}_scale"),
            numpy_helper.from_array(np.zeros(channels, dtype=np.int8), f"{name}_zero_point"),
        ])
        dequantise.append(helper.make_node("DequantizeLinear", [f"{name}_quantized", f"{name}_scale", f"{name}_zero_point"],
                                           [name], name=f"{name}_DequantizeLinear", axis=0))
    nodes = list(graph.node)
    del graph.node[:]
    graph.node.extend(dequantise + nodes)
    onnx.checker.check_model(model)
    onnx.save(model, target)


def weight_bytes(path):
    """Bytes of the file's initializers' raw data (what the weights cost to store and load)."""
    return sum(len(numpy_helper.to_array(i).tobytes()) for i in onnx.load(path).graph.initializer)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=train_fashion.DEFAULT_DATA)
    parser.add_argument("--out", default="Models")
    parser.add_argument("--fixtures", default="Tests/SplitONNXTests/Fixtures")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--temperature", type=float, default=4.0)
    parser.add_argument("--alpha", type=float, default=0.9)
    parser.add_argument("--keep", default="0.75,0.5")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    keeps = [float(k) for k in args.keep.split(",")]
    if args.epochs < 1 or any(not 0 < k <= 1 for k in keeps) or keeps != sorted(keeps, reverse=True):
        sys.exit(f"--epochs must be at least 1 and --keep shares in (0, 1], largest first (got {args.keep})")
    if not 0 <= args.alpha <= 1 or args.temperature <= 0 or args.lr <= 0:
        sys.exit("--alpha must be in [0, 1], --temperature and --lr above 0")
    run_started = time.time()
    if not os.path.isdir(args.data):
        sys.exit(f"{args.data} is not there: run scripts/setup (it installs Debian's dataset-fashion-mnist)")
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)

    x_all, y_all = train_fashion.load(args.data, "train")
    x_test, y_test = train_fashion.load(args.data, "t10k")
    validation = torch.arange(len(x_all)) % 12 == 11
    x_train, y_train = x_all[~validation], y_all[~validation]
    x_val, y_val = x_all[validation], y_all[validation]
    test_images, test_labels = x_test.numpy(), y_test.numpy()

    source = os.path.join(args.out, "fashion-edge.onnx")
    full = load_folded(source)
    full.eval()
    with torch.no_grad():
        drift = np.abs(full(x_test[:500]).numpy() - train_fashion.onnx_logits(source, test_images[:500])).max()
    if drift > 1e-3:
        sys.exit(f"{source}: the folded torch model differs from the file by {drift} in the logits")

    soft = teacher_logits(full, x_train)
    versions = [("full", "fashion-edge.onnx", "none", None, 0.0)]
    choices = {}
    parent, parent_keep = full, 1.0
    for keep in keeps:
        name = f"p{round(keep * 100)}"
        torch.manual_seed(args.seed)
        # Gradual pruning: each version is cut from the previous, already fine-tuned one (keep is
        # always a share of the full model's channels), so no single step removes more than 25 %.
        pruned, widths = prune(parent, keep / parent_keep)
        started = time.time()
        epoch, validation = fine_tune(pruned, x_train, y_train, soft, x_val, y_val, args.epochs, args.lr,
                                      args.temperature, args.alpha, args.seed, name)
        seconds = time.time() - started
        train_fashion.export(pruned, os.path.join(args.out, f"fashion-edge-{name}.onnx"))
        source_name = "the full model" if parent_keep == 1.0 else f"p{round(parent_keep * 100)}"
        versions.append((name, f"fashion-edge-{name}.onnx",
                         f"channel pruning of {source_name} to {round(keep * 100)} % of channels (L1 norm), "
                         f"distilled from the full model, epoch {epoch} of {args.epochs} chosen on validation",
                         list(widths), round(seconds, 1)))
        choices[name] = {"pruned_from": "full" if parent_keep == 1.0 else f"p{round(parent_keep * 100)}",
                         "chosen_epoch": epoch, "validation_accuracy_pct": round(validation, 2)}
        parent, parent_keep = pruned, keep
    for base in ("fashion-edge", "fashion-edge-p50"):
        if not os.path.exists(os.path.join(args.out, f"{base}.onnx")):
            continue
        started = time.time()
        quantise_weights(os.path.join(args.out, f"{base}.onnx"), os.path.join(args.out, f"{base}-int8.onnx"))
        name = "int8" if base == "fashion-edge" else "p50-int8"
        described = "int8 weights (per-channel symmetric)"
        if base != "fashion-edge":
            described = "p50, then " + described
        versions.append((name, f"{base}-int8.onnx", described, None, round(time.time() - started, 1)))

    expected = {"data": "fashion-mnist", "split": "train i % 12 != 11, validation i % 12 == 11, test t10k",
                "torch": torch.__version__, "onnxruntime": ort.__version__, "fine_tune_epochs": args.epochs,
                "learning_rate": args.lr, "temperature": args.temperature, "alpha": args.alpha,
                "threads": args.threads, "seed": args.seed, "run_seconds": round(time.time() - run_started),
                "prefix": EXPECTED_PREFIX, "versions": {}}
    manifest = {"format": "splitscope-model-versions", "version": 1, "family": "fashion-edge",
                "data": "fashion-mnist", "versions": []}
    for name, file, compression, widths, seconds in versions:
        path = os.path.join(args.out, file)
        logits = train_fashion.onnx_logits(path, test_images)
        predictions = logits.argmax(1)
        correct = int((predictions == test_labels).sum())
        accuracy = round(100.0 * correct / len(test_labels), 2)
        entry = {"file": file, "compression": compression, "seconds": seconds, "test_samples": len(test_labels),
                 "test_correct": correct, "test_accuracy_pct": accuracy,
                 "weight_bytes": weight_bytes(path), "file_bytes": os.path.getsize(path),
                 "prefix_correct": int((predictions[:EXPECTED_PREFIX] == test_labels[:EXPECTED_PREFIX]).sum()),
                 "prefix_predictions": [int(p) for p in predictions[:EXPECTED_PREFIX]]}
        if widths is not None:
            entry["widths"] = widths
        entry.update(choices.get(name, {}))
        expected["versions"][name] = entry
        manifest["versions"].append({"name": name, "file": file, "accuracy_pct": accuracy, "compression": compression})
        print(f"{name}: test accuracy {accuracy:.2f} % (ONNX Runtime), {entry['weight_bytes']:,} weight bytes, "
              f"{entry['file_bytes']:,} file bytes, {seconds:.0f} s", flush=True)
    for file, content in (("fashion-versions-expected.json", expected), ("fashion-edge-versions.json", manifest)):
        with open(os.path.join(args.out, file), "w") as f:
            json.dump(content, f, indent=1)
            f.write("\n")

    print(f"whole run: {time.time() - run_started:.0f} s", flush=True)
    os.makedirs(args.fixtures, exist_ok=True)
    sample = test_images[:8]
    np.save(os.path.join(args.fixtures, "fashion_edge_int8.input.npy"), sample)
    np.save(os.path.join(args.fixtures, "fashion_edge_int8.expected.npy"),
            train_fashion.onnx_logits(os.path.join(args.out, "fashion-edge-int8.onnx"), sample))


if __name__ == "__main__":
    main()
