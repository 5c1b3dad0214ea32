"""Interop: the committed Fashion-MNIST models, their accuracy measured on the full test set two ways.

ONNX Runtime (a reader that is not splitscope) runs each file in Models/ on the 10,000 official
test images that scripts/setup installs, read here with Python's gzip and numpy, pixels / 255.
Its count of correct predictions must equal the count scripts/train-fashion.py recorded in
Models/fashion-expected.json, and the real `splitscope eval` binary must report the same count,
whole and split at the compressive bottleneck with every prediction unchanged. So the accuracy
figures in README are measured again from a fresh clone, without torch.

Run with: python -m pytest Tests/Interop (after `swift build` and scripts/setup).
"""

import gzip
import json
import os
import pathlib
import subprocess

import numpy as np
import onnxruntime
import pytest

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BINARY = pathlib.Path(os.environ.get("SPLITSCOPE_BIN", ROOT / ".build" / "debug" / "splitscope"))
DATA = pathlib.Path("/usr/share/datasets/fashion-mnist")
EXPECTED = json.loads((ROOT / "Models" / "fashion-expected.json").read_text())
# Each model and a split at its 1x1 squeeze (the compressive bottleneck in the middle).
MODELS = [("fashion-device", 8), ("fashion-edge", 16)]


def read_idx(name, dims):
    data = gzip.decompress((DATA / name).read_bytes())
    shape = tuple(int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(dims))
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


@pytest.fixture(scope="module")
def test_set():
    if not (DATA / "t10k-images-idx3-ubyte.gz").exists():
        pytest.fail(f"Fashion-MNIST is not installed in {DATA}: run scripts/setup")
    images = read_idx("t10k-images-idx3-ubyte.gz", 3).astype(np.float32)[:, None, :, :] / 255.0
    labels = read_idx("t10k-labels-idx1-ubyte.gz", 1).astype(np.int64)
    return images, labels


@pytest.mark.parametrize("name,split", MODELS)
def test_accuracy_on_the_full_test_set(name, split, test_set):
    images, labels = test_set
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    session = onnxruntime.InferenceSession(str(ROOT / "Models" / f"{name}.onnx"), options,
                                           providers=["CPUExecutionProvider"])
    predictions = np.concatenate([session.run(None, {"input": images[i:i + 500]})[0].argmax(1)
                                  for i in range(0, len(images), 500)])
    correct = int((predictions == labels).sum())
    assert correct == EXPECTED["models"][name]["test_correct"]

    if not BINARY.exists():
        pytest.fail(f"no splitscope binary at {BINARY}: build it first (swift build)")
    run = subprocess.run([str(BINARY), "eval", "--model-file", str(ROOT / "Models" / f"{name}.onnx"),
                          "--split", str(split), "--json"], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["samples"] == 10000
    assert report["correct"] == correct
    assert report["split_correct"] == correct
    assert report["split_identical_predictions"] == 10000


VERSIONS_EXPECTED = ROOT / "Models" / "fashion-versions-expected.json"


def test_compressed_versions_on_the_full_test_set(test_set):
    """Each compressed version of fashion-edge (scripts/compress-fashion.py): ONNX Runtime's count on
    the 10,000 test images equals the recorded one, and `splitscope eval --versions` counts the same."""
    images, labels = test_set
    expected = json.loads(VERSIONS_EXPECTED.read_text())["versions"]
    manifest = json.loads((ROOT / "Models" / "fashion-edge-versions.json").read_text())
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    for version in manifest["versions"]:
        session = onnxruntime.InferenceSession(str(ROOT / "Models" / version["file"]), options,
                                               providers=["CPUExecutionProvider"])
        predictions = np.concatenate([session.run(None, {"input": images[i:i + 500]})[0].argmax(1)
                                      for i in range(0, len(images), 500)])
        correct = int((predictions == labels).sum())
        assert correct == expected[version["name"]]["test_correct"], version["name"]
        assert abs(100.0 * correct / len(labels) - version["accuracy_pct"]) < 0.005, version["name"]

    if not BINARY.exists():
        pytest.fail(f"no splitscope binary at {BINARY}: build it first (swift build)")
    run = subprocess.run([str(BINARY), "eval", "--versions", str(ROOT / "Models" / "fashion-edge-versions.json"), "--json"],
                         capture_output=True, text=True, timeout=1200)
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    for row in report["versions"]:
        assert row["samples"] == 10000
        assert row["correct"] == expected[row["name"]]["test_correct"], row["name"]
