#!/usr/bin/env python3
"""Builds the small ONNX models that splitscope's importer and engine tests read.

Usage:  pip install onnx onnxruntime numpy
        python3 scripts/make-onnx-fixtures.py [OUTPUT_DIR]

OUTPUT_DIR defaults to Tests/SplitONNXTests/Fixtures. Everything is seeded, so a rerun with the
same package versions writes the same files; nothing is downloaded. The fixtures are committed,
so CI needs no Python.

Models are written with the onnx helper API and named the way torch.onnx.export names things
(node "/layer1/layer1.0/conv1/Conv", value "/layer1/layer1.0/conv1/Conv_output_0"). Each good
model has an input and ONNX Runtime's output for it, as little-endian float32 .npy files:

  fixture                    opset  input (value name, shape)           output (value name, shape)
  chain_cnn.onnx             13     input  [1, 3, 16, 16]  fixed batch   output  [1, 10]
      Conv+BatchNormalization+Relu, Clip(0, 6) with min/max as Constant inputs, Clip with a min
      only, MaxPool, a 1x3 rectangular convolution, a 2x2 convolution with asymmetric pads
      [0, 0, 1, 1], a dilated convolution,
      Sigmoid, AveragePool, Concat, GlobalAveragePool, Flatten, Dropout and Identity (which
      vanish), Gemm (transB=1), Softmax; weights partly in raw_data, partly in float_data.
  resnet_like.onnx           15     input  [N, 3, 32, 32]  dynamic batch output  [N, 10]
      A stem and two basic residual blocks (the second with a 1x1 stride-2 downsample), batch
      norm folded into the convolutions as torch exports it (Conv with bias), Add, Relu,
      GlobalAveragePool, Flatten, Gemm.
  inverted_residual.onnx     17     input  [1, 3, 24, 24]  fixed batch   output  [1, 10]
      MobileNet-style: a stem with HardSwish, MaxPool with ceil_mode, AveragePool with padding
      counted (count_include_pad), an expansion 1x1 conv with Clip(0, 6), a depthwise
      3x3 (group = channels), SiLU written as Sigmoid+Mul, squeeze-excitation (GlobalAveragePool,
      1x1 convs, Relu, HardSigmoid, Mul with a C×1×1 scale), a residual Add, Reshape to [-1, C]
      and MatMul followed by Add (a linear layer).
  external_data.onnx         18     input  [1, 3, 16, 16]                output  [1, 10]
      chain_cnn's graph and weights with every raw_data initializer in external_data.onnx.data
      (conv1's, kept in float_data, stays inline, as onnx's external-data helper leaves it).

  name_clash.onnx            13     input  [1, 3, 8, 8]   fixed batch   output  [1, 5]
      A Conv node named "features" whose output value is "/conv/Conv_output_0", then a Relu
      node "/relu/Relu" whose output value is "features": one name for one node and another
      node's value, as a hand-edited or merged graph may have (run --outputs must ask which).

  torchvision_tails.onnx     17     input  [1, 3, 12, 10]  fixed batch   output  [1, 10]
      The degenerate forms torchvision's classifiers export to: a 1x1 AveragePool with stride 1
      (AlexNet's and VGG's adaptive pooling to the size it has), 1x1 MaxPool and AveragePool with
      stride 2, a one-input Concat (DenseNet) and ReduceMean over H and W with keepdims 0 (MNASNet).

Inputs: NAME.input.npy; expected outputs from onnxruntime (one thread): NAME.expected.npy.

Broken models, for the importer's error tests:
  unsupported_op.onnx          a Conv followed by a Transpose node (an op splitscope does not run)
  unsupported_attribute.onnx   a Gemm with transA=1
  huge_weight.onnx             a Conv whose first weight is 1e30: imported, refused by the engine
  negative_variance.onnx       a Conv then a BatchNormalization whose first running variance is
                               -1: imported, refused by the engine when it builds the layer
  missing_external_data.onnx   chain_cnn with its raw_data initializers in an external file that is
                               not there (bn1.weight is the first the importer reads)
"""
import os
import sys

import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto, helper, numpy_helper

IR_VERSION = 8


def torch_scope(path):
    """The scope torch.onnx.export gives module `path`: "layer1.0.conv1" -> "/layer1/layer1.0/conv1"."""
    segments = []
    for part in path.split("."):
        segments.append(f"{segments[-1]}.{part}" if part.isdigit() and segments else part)
    return "/" + "/".join(segments)


class Builder:
    """Adds nodes named the way torch.onnx.export names them."""

    def __init__(self, seed):
        self.rng = np.random.default_rng(seed)
        self.nodes = []
        self.initializers = []

    def weight(self, name, shape, scale=None, positive=False, float_data=False):
        fan_in = int(np.prod(shape[1:])) if len(shape) > 1 else 1
        scale = scale if scale is not None else 1.0 / np.sqrt(fan_in)
        values = self.rng.standard_normal(shape).astype(np.float32) * np.float32(scale)
        if positive:
            values = np.abs(values) + np.float32(0.5)
        if float_data:
            tensor = helper.make_tensor(name, TensorProto.FLOAT, list(shape), values.flatten().tolist(), raw=False)
        else:
            tensor = numpy_helper.from_array(values, name)
        self.initializers.append(tensor)
        return name

    def node(self, op, path, inputs, outputs=1, **attrs):
        name = f"{path}/{op}"
        outs = [f"{path}/{op}_output_{i}" for i in range(outputs)]
        self.nodes.append(helper.make_node(op, inputs, outs, name=name, **attrs))
        return outs[0] if outputs == 1 else outs

    def constant(self, path, value):
        out = f"{path}/Constant_output_0"
        tensor = numpy_helper.from_array(np.array(value), name="")
        self.nodes.append(helper.make_node("Constant", [], [out], name=f"{path}/Constant", value=tensor))
        return out

    def conv(self, path, x, cin, cout, k, stride=1, pad=None, group=1, bias=True, dilation=1, float_data=False):
        """A convolution of module `path` (weights "path.weight"); pads [top, left, bottom, right]."""
        kh, kw = (k, k) if isinstance(k, int) else k
        if isinstance(pad, list):
            pads = pad
        else:
            ph, pw = (pad, pad) if pad is not None else (kh // 2, kw // 2)
            pads = [ph, pw, ph, pw]
        w = self.weight(f"{path}.weight", (cout, cin // group, kh, kw), float_data=float_data)
        inputs = [x, w]
        if bias:
            inputs.append(self.weight(f"{path}.bias", (cout,), scale=0.1, float_data=float_data))
        return self.node("Conv", torch_scope(path), inputs, group=group, kernel_shape=[kh, kw],
                         pads=pads, strides=[stride, stride], dilations=[dilation, dilation])

    def batch_norm(self, path, x, c):
        scale = self.weight(f"{path}.weight", (c,), positive=True)
        bias = self.weight(f"{path}.bias", (c,), scale=0.1)
        mean = self.weight(f"{path}.running_mean", (c,), scale=0.1)
        var = self.weight(f"{path}.running_var", (c,), positive=True)
        return self.node("BatchNormalization", torch_scope(path), [x, scale, bias, mean, var], epsilon=1e-5)

    def model(self, name, opset, x_shape, y_shape):
        x = helper.make_tensor_value_info("input", TensorProto.FLOAT, x_shape)
        y = helper.make_tensor_value_info("output", TensorProto.FLOAT, y_shape)
        # The graph output keeps torch's name "output": the last node writes it directly.
        last = self.nodes[-1]
        last.output[0] = "output"
        graph = helper.make_graph(self.nodes, name, [x], [y], self.initializers)
        m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)], producer_name="splitscope-fixtures")
        m.ir_version = IR_VERSION
        onnx.checker.check_model(m)
        return m


def chain_cnn():
    b = Builder(1)
    x = b.conv("conv1", "input", 3, 8, 3, float_data=True)
    x = b.batch_norm("bn1", x, 8)
    x = b.node("Relu", "/relu1", [x])
    x = b.node("MaxPool", "/pool1", [x], kernel_shape=[2, 2], strides=[2, 2], pads=[0, 0, 0, 0])
    x = b.conv("conv2", x, 8, 12, (1, 3), pad=[0, 1, 0, 1])
    x = b.conv("conv2b", x, 12, 12, 2, pad=[0, 0, 1, 1])
    lo = b.constant("/relu6", np.float32(0))
    hi = b.constant("/relu6_max", np.float32(6))
    x = b.node("Clip", "/relu6", [x, lo, hi])
    x = b.conv("conv3", x, 12, 12, 3, pad=2, dilation=2, bias=False)
    x = b.node("Dropout", "/drop1", [x])
    x = b.node("Identity", "/id1", [x])
    floor = b.constant("/clipmin", np.float32(-0.5))
    left = b.node("Clip", "/clipmin", [x, floor])
    right = b.node("Sigmoid", "/gate", [x])
    x = b.node("Concat", "/cat", [left, right], axis=1)
    x = b.node("AveragePool", "/pool2", [x], kernel_shape=[2, 2], strides=[2, 2])
    x = b.node("GlobalAveragePool", "/gap", [x])
    x = b.node("Flatten", "/flatten", [x], axis=1)
    w = b.weight("fc.weight", (10, 24))
    bias = b.weight("fc.bias", (10,), scale=0.1)
    x = b.node("Gemm", "/fc", [x, w, bias], alpha=1.0, beta=1.0, transB=1)
    b.node("Softmax", "/softmax", [x], axis=1)
    return b.model("chain_cnn", 13, [1, 3, 16, 16], [1, 10])


def resnet_like():
    b = Builder(2)
    x = b.conv("conv1", "input", 3, 16, 3)
    x = b.node("Relu", "/relu", [x])

    def block(prefix, x, cin, cout, stride):
        scope = torch_scope(prefix)
        y = b.conv(f"{prefix}.conv1", x, cin, cout, 3, stride=stride)
        y = b.node("Relu", f"{scope}/relu", [y])
        y = b.conv(f"{prefix}.conv2", y, cout, cout, 3)
        skip = x
        if stride != 1 or cin != cout:
            skip = b.conv(f"{prefix}.downsample.0", x, cin, cout, 1, stride=stride, pad=0)
        s = b.node("Add", scope, [y, skip])
        return b.node("Relu", f"{scope}/relu_1", [s])

    x = block("layer1.0", x, 16, 16, 1)
    x = block("layer2.0", x, 16, 32, 2)
    x = b.node("GlobalAveragePool", "/avgpool", [x])
    x = b.node("Flatten", "/flatten", [x], axis=1)
    w = b.weight("fc.weight", (10, 32))
    bias = b.weight("fc.bias", (10,), scale=0.1)
    b.node("Gemm", "/fc", [x, w, bias], alpha=1.0, beta=1.0, transB=1)
    return b.model("resnet_like", 15, ["batch_size", 3, 32, 32], ["batch_size", 10])


def inverted_residual():
    b = Builder(3)
    x = b.conv("features.0.0", "input", 3, 16, 3, stride=2, bias=False)
    x = b.batch_norm("features.0.1", x, 16)
    x = b.node("HardSwish", "/features/features.0/features.0.2", [x])
    # Pooling where ONNX Runtime follows PyTorch: ceil_mode, and padding counted in the average.
    x = b.node("MaxPool", "/pool/maxpool", [x], kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1], ceil_mode=1)
    x = b.node("AveragePool", "/pool/avgpool", [x], kernel_shape=[3, 3], strides=[1, 1], pads=[1, 1, 1, 1],
               count_include_pad=1)
    # Expansion 1x1 with ReLU6 as Clip(0, 6).
    skip = x
    y = b.conv("features.1.conv.0.0", x, 16, 48, 1, pad=0)
    lo = b.constant("/features/features.1/conv/conv.0/conv.0.2", np.float32(0))
    hi = b.constant("/features/features.1/conv/conv.0/conv.0.2_max", np.float32(6))
    y = b.node("Clip", "/features/features.1/conv/conv.0/conv.0.2", [y, lo, hi])
    # Depthwise 3x3, then SiLU as x * sigmoid(x).
    y = b.conv("features.1.conv.1.0", y, 48, 48, 3, group=48)
    s = b.node("Sigmoid", "/features/features.1/conv/conv.1/act", [y])
    y = b.node("Mul", "/features/features.1/conv/conv.1/act", [y, s])
    # Squeeze-excitation.
    e = b.node("GlobalAveragePool", "/features/features.1/se/avgpool", [y])
    e = b.conv("features.1.se.fc1", e, 48, 12, 1, pad=0)
    e = b.node("Relu", "/features/features.1/se/relu", [e])
    e = b.conv("features.1.se.fc2", e, 12, 48, 1, pad=0)
    e = b.node("HardSigmoid", "/features/features.1/se/scale_activation", [e], alpha=1.0 / 6.0, beta=0.5)
    y = b.node("Mul", "/features/features.1/se", [y, e])
    # Projection and the residual.
    y = b.conv("features.1.conv.2", y, 48, 16, 1, pad=0, bias=False)
    y = b.batch_norm("features.1.conv.3", y, 16)
    x = b.node("Add", "/features/features.1", [skip, y])
    x = b.node("GlobalAveragePool", "/avgpool", [x])
    shape = b.constant("/Reshape", np.array([-1, 16], dtype=np.int64))
    x = b.node("Reshape", "/Reshape", [x, shape])
    w = b.weight("classifier.weight_t", (16, 10), scale=0.25)
    x = b.node("MatMul", "/classifier/MatMul", [x, w])
    bias = b.weight("classifier.bias", (10,), scale=0.1)
    b.node("Add", "/classifier/Add", [bias, x])
    return b.model("inverted_residual", 17, [1, 3, 24, 24], [1, 10])


def name_clash():
    """A name that is one node's name and another node's output value: Conv "features" feeds Relu,
    whose output value is "features"."""
    b = Builder(6)
    w = b.weight("conv.weight", (4, 3, 3, 3))
    bias = b.weight("conv.bias", (4,), scale=0.1)
    b.nodes.append(helper.make_node("Conv", ["input", w, bias], ["/conv/Conv_output_0"], name="features",
                                    kernel_shape=[3, 3], pads=[1, 1, 1, 1], strides=[1, 1]))
    b.nodes.append(helper.make_node("Relu", ["/conv/Conv_output_0"], ["features"], name="/relu/Relu"))
    x = b.node("GlobalAveragePool", "/gap", ["features"])
    x = b.node("Flatten", "/flatten", [x], axis=1)
    fc = b.weight("fc.weight", (5, 4))
    fc_bias = b.weight("fc.bias", (5,), scale=0.1)
    b.node("Gemm", "/fc", [x, fc, fc_bias], alpha=1.0, beta=1.0, transB=1)
    return b.model("name_clash", 13, [1, 3, 8, 8], [1, 5])


def torchvision_tails():
    """The degenerate forms torchvision's classifiers export to: AlexNet's and VGG's adaptive pooling
    to the size it already has (a 1x1 AveragePool), 1x1 windows with a stride (subsampling),
    DenseNet's one-input Concat and MNASNet's ReduceMean over H and W without keepdims."""
    b = Builder(7)
    x = b.conv("features.0", "input", 3, 8, 3)
    x = b.node("Relu", "/features/features.1", [x])
    x = b.node("AveragePool", "/avgpool", [x], kernel_shape=[1, 1], strides=[1, 1], pads=[0, 0, 0, 0])
    x = b.node("MaxPool", "/features/features.2", [x], kernel_shape=[1, 1], strides=[2, 2])
    x = b.node("Concat", "/features/denseblock1/denselayer1", [x], axis=1)
    x = b.conv("features.denseblock1.denselayer1.conv1", x, 8, 8, 3)
    x = b.node("AveragePool", "/features/transition1/pool", [x], kernel_shape=[1, 1], strides=[2, 2])
    x = b.node("MaxPool", "/features/features.5", [x], kernel_shape=[1, 1], strides=[1, 1])
    x = b.node("ReduceMean", "/mean", [x], axes=[2, 3], keepdims=0)
    w = b.weight("classifier.1.weight", (10, 8))
    bias = b.weight("classifier.1.bias", (10,), scale=0.1)
    b.node("Gemm", "/classifier/classifier.1", [x, w, bias], alpha=1.0, beta=1.0, transB=1)
    return b.model("torchvision_tails", 17, [1, 3, 12, 10], [1, 10])


def huge_weight():
    """A convolution whose first weight is 1e30: the importer reads it, the engine refuses it."""
    b = Builder(8)
    x = b.conv("conv", "input", 3, 4, 3)
    weight = numpy_helper.to_array(b.initializers[0]).copy()
    weight.flat[0] = np.float32(1e30)
    b.initializers[0] = numpy_helper.from_array(weight, b.initializers[0].name)
    b.node("Relu", "/relu", [x])
    return b.model("huge_weight", 17, [1, 3, 8, 8], [1, 4, 8, 8])


def negative_variance():
    """A batch norm whose first running variance is -1: the importer reads it, the engine cannot build it."""
    b = Builder(9)
    x = b.conv("conv", "input", 3, 4, 3)
    x = b.batch_norm("bn", x, 4)
    variance = numpy_helper.to_array(b.initializers[-1]).copy()
    variance.flat[0] = np.float32(-1)
    b.initializers[-1] = numpy_helper.from_array(variance, b.initializers[-1].name)
    b.node("Relu", "/relu", [x])
    return b.model("negative_variance", 17, [1, 3, 8, 8], [1, 4, 8, 8])


def save_with_expected(model, out_dir, name, x):
    path = os.path.join(out_dir, f"{name}.onnx")
    onnx.save(model, path)
    run(path, out_dir, name, x)


def run(path, out_dir, name, x):
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    session = ort.InferenceSession(path, options, providers=["CPUExecutionProvider"])
    (y,) = session.run(None, {"input": x})
    np.save(os.path.join(out_dir, f"{name}.input.npy"), x.astype("<f4"))
    np.save(os.path.join(out_dir, f"{name}.expected.npy"), y.astype("<f4"))


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join("Tests", "SplitONNXTests", "Fixtures")
    os.makedirs(out_dir, exist_ok=True)
    rng = np.random.default_rng(42)

    chain = chain_cnn()
    save_with_expected(chain, out_dir, "chain_cnn", rng.standard_normal((1, 3, 16, 16)).astype(np.float32))
    save_with_expected(resnet_like(), out_dir, "resnet_like", rng.standard_normal((2, 3, 32, 32)).astype(np.float32))
    save_with_expected(inverted_residual(), out_dir, "inverted_residual",
                       rng.standard_normal((1, 3, 24, 24)).astype(np.float32))

    external = chain_cnn()
    external.graph.name = "external_data"
    external.opset_import[0].version = 18
    path = os.path.join(out_dir, "external_data.onnx")
    for stale in (path, path + ".data"):
        if os.path.exists(stale):
            os.remove(stale)
    onnx.save(external, path, save_as_external_data=True, all_tensors_to_one_file=True,
              location="external_data.onnx.data", size_threshold=0)
    run(path, out_dir, "external_data", rng.standard_normal((1, 3, 16, 16)).astype(np.float32))

    save_with_expected(name_clash(), out_dir, "name_clash", rng.standard_normal((1, 3, 8, 8)).astype(np.float32))
    save_with_expected(torchvision_tails(), out_dir, "torchvision_tails",
                       rng.standard_normal((1, 3, 12, 10)).astype(np.float32))
    onnx.save(huge_weight(), os.path.join(out_dir, "huge_weight.onnx"))
    onnx.save(negative_variance(), os.path.join(out_dir, "negative_variance.onnx"))

    broken = Builder(4)
    y = broken.conv("conv1", "input", 3, 4, 3)
    broken.node("Transpose", "/transpose", [y], perm=[0, 2, 3, 1])
    onnx.save(broken.model("unsupported_op", 13, [1, 3, 8, 8], [1, 8, 8, 4]),
              os.path.join(out_dir, "unsupported_op.onnx"))

    broken = Builder(5)
    y = broken.node("Flatten", "/flatten", ["input"], axis=1)
    w = broken.weight("fc.weight", (1, 4))
    broken.node("Gemm", "/fc", [y, w], transA=1)
    onnx.save(broken.model("unsupported_attribute", 13, [1, 3, 2, 2], [12, 4]),
              os.path.join(out_dir, "unsupported_attribute.onnx"))

    missing = chain_cnn()
    path = os.path.join(out_dir, "missing_external_data.onnx")
    onnx.save(missing, path, save_as_external_data=True, all_tensors_to_one_file=True,
              location="missing_external_data.onnx.data", size_threshold=0)
    os.remove(path + ".data")

    for f in sorted(os.listdir(out_dir)):
        print(f"{os.path.getsize(os.path.join(out_dir, f)):>8}  {f}")


if __name__ == "__main__":
    main()
