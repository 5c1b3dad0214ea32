#!/usr/bin/env python3
"""Writes torchvision's ResNet-18 and MobileNetV2 as ONNX files the way torch.onnx.export writes them.

Usage:  pip install onnx numpy
        python3 scripts/make-onnx-torchvision.py OUTPUT_DIR [--unfused]

For benchmarks and checks at full size (224×224, batch dimension dynamic), without torch and
without downloads: the architecture, node names ("/layer1/layer1.0/conv1/Conv"), value names and
opset (17) follow torch.onnx.export of torchvision.models.resnet18() and mobilenet_v2() in eval
mode, which folds each batch norm into the convolution before it (Conv with a bias). The weights
are seeded random numbers, not trained ones. With --unfused, batch norms stay their own
BatchNormalization nodes, so the parameter counts equal torchvision's (and splitscope's zoo).

The files are large (about 47 MB and 14 MB) and are not committed. Check them against the zoo:

  splitscope inspect --model-file OUTPUT_DIR/resnet18.onnx | head -1   # 1.81 GMACs, as --model resnet18
"""
import importlib.util
import os
import sys

import onnx
from onnx import helper

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("fixtures", os.path.join(HERE, "make-onnx-fixtures.py"))
fixtures = importlib.util.module_from_spec(spec)
spec.loader.exec_module(fixtures)
Builder = fixtures.Builder
torch_scope = fixtures.torch_scope


class TorchvisionBuilder(Builder):
    def __init__(self, seed, unfused):
        super().__init__(seed)
        self.unfused = unfused

    def conv_bn(self, conv_path, bn_path, x, cin, cout, k, stride=1, group=1):
        """A bias-free convolution and its batch norm: folded into one Conv unless unfused."""
        if self.unfused:
            y = self.conv(conv_path, x, cin, cout, k, stride=stride, group=group, bias=False)
            return self.batch_norm(bn_path, y, cout)
        return self.conv(conv_path, x, cin, cout, k, stride=stride, group=group, bias=True)

    def relu6(self, scope, x):
        lo = self.constant(scope, fixtures.np.float32(0))
        hi = self.constant(scope + "_max", fixtures.np.float32(6))
        return self.node("Clip", scope, [x, lo, hi])

    def classifier(self, x, features):
        x = self.node("Flatten", "", [x], axis=1)
        w = self.weight("fc.weight" if features == 512 else "classifier.1.weight", (1000, features))
        b = self.weight("fc.bias" if features == 512 else "classifier.1.bias", (1000,), scale=0.01)
        return self.node("Gemm", "/fc" if features == 512 else "/classifier/classifier.1", [x, w, b],
                         alpha=1.0, beta=1.0, transB=1)


def resnet18(unfused):
    b = TorchvisionBuilder(18, unfused)
    x = b.conv_bn("conv1", "bn1", "input", 3, 64, 7, stride=2)
    x = b.node("Relu", "/relu", [x])
    x = b.node("MaxPool", "/maxpool", [x], kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1], ceil_mode=0)
    cin = 64
    for stage, cout in enumerate([64, 128, 256, 512], start=1):
        for block in range(2):
            stride = 2 if stage > 1 and block == 0 else 1
            prefix = f"layer{stage}.{block}"
            scope = torch_scope(prefix)
            y = b.conv_bn(f"{prefix}.conv1", f"{prefix}.bn1", x, cin, cout, 3, stride=stride)
            y = b.node("Relu", f"{scope}/relu", [y])
            y = b.conv_bn(f"{prefix}.conv2", f"{prefix}.bn2", y, cout, cout, 3)
            skip = x
            if stride != 1 or cin != cout:
                skip = b.conv_bn(f"{prefix}.downsample.0", f"{prefix}.downsample.1", x, cin, cout, 1, stride=stride)
            x = b.node("Relu", f"{scope}/relu_1", [b.node("Add", scope, [y, skip])])
            cin = cout
    x = b.node("GlobalAveragePool", "/avgpool", [x])
    b.classifier(x, 512)
    return b.model("resnet18", 17, ["batch_size", 3, 224, 224], ["batch_size", 1000])


def mobilenet_v2(unfused):
    b = TorchvisionBuilder(2, unfused)
    x = b.conv_bn("features.0.0", "features.0.1", "input", 3, 32, 3, stride=2)
    x = b.relu6("/features/features.0/features.0.2", x)
    cin = 32
    index = 1
    for t, c, n, s in [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)]:
        for i in range(n):
            stride = s if i == 0 else 1
            hidden = cin * t
            prefix = f"features.{index}.conv"
            y = x
            part = 0
            if t != 1:
                y = b.conv_bn(f"{prefix}.{part}.0", f"{prefix}.{part}.1", y, cin, hidden, 1)
                y = b.relu6(torch_scope(f"{prefix}.{part}.2"), y)
                part += 1
            y = b.conv_bn(f"{prefix}.{part}.0", f"{prefix}.{part}.1", y, hidden, hidden, 3, stride=stride, group=hidden)
            y = b.relu6(torch_scope(f"{prefix}.{part}.2"), y)
            part += 1
            y = b.conv_bn(f"{prefix}.{part}", f"{prefix}.{part + 1}", y, hidden, c, 1)
            if stride == 1 and cin == c:
                y = b.node("Add", torch_scope(f"features.{index}"), [x, y])
            x = y
            cin = c
            index += 1
    x = b.conv_bn("features.18.0", "features.18.1", x, cin, 1280, 1)
    x = b.relu6("/features/features.18/features.18.2", x)
    x = b.node("GlobalAveragePool", "/GlobalAveragePool", [x])
    b.classifier(x, 1280)
    return b.model("mobilenet_v2", 17, ["batch_size", 3, 224, 224], ["batch_size", 1000])


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    unfused = "--unfused" in sys.argv
    if len(args) != 1:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        sys.exit(2)
    out_dir = args[0]
    os.makedirs(out_dir, exist_ok=True)
    for name, build in [("resnet18", resnet18), ("mobilenetv2", mobilenet_v2)]:
        path = os.path.join(out_dir, f"{name}.onnx")
        onnx.save(build(unfused), path)
        print(f"{os.path.getsize(path):>10}  {path}")


if __name__ == "__main__":
    main()
