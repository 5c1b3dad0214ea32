"""Interop: the edge part that `splitscope export` writes, served by MLServer, a server that is not splitscope.

`splitscope export` cuts an ONNX fixture into a device part and an edge part. The edge part is
served by MLServer (PyPI `mlserver`) through `onnx_runtime_model.OnnxRuntimeModel`, a small ONNX
Runtime class beside this file. The device side is `splitscope run --outputs <boundary>`, which
computes the boundary tensors with splitscope's engine; tritonclient sends them to MLServer over
OIP gRPC, and the answer must equal ONNX Runtime's output for the whole model (the fixture's
expected.npy) within 1e-4. Before that, every split of every fixture is exported and run part by
part in ONNX Runtime, several tensors crossing included, after the ONNX checker (with shape
inference) has passed both files.

Bounded in time: MLServer gets START_SECONDS to become ready, on free loopback ports, and is
stopped at the end. Run with: python -m pytest Tests/Interop
"""

import json
import os
import pathlib
import shutil
import signal
import socket
import subprocess
import sys
import time

import numpy as np
import onnx
import onnxruntime
import pytest
import tritonclient.grpc as grpcclient

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BINARY = pathlib.Path(os.environ.get("SPLITSCOPE_BIN", ROOT / ".build" / "debug" / "splitscope"))
FIXTURES = ROOT / "Tests" / "SplitONNXTests" / "Fixtures"
START_SECONDS = 120
COMMAND_SECONDS = 120

# The servings: (fixture, export flags). resnet_like's device layers end inside the residual
# block, so two tensors cross (the block's first conv output and the skip).
SERVED = [
    ("chain_cnn", ["--split", "5"]),
    ("resnet_like", ["--device-layers", "/conv1/Conv,/relu/Relu,/layer1/layer1.0/conv1/Conv"]),
]


def splitscope(*args):
    if not BINARY.exists():
        pytest.fail(f"no splitscope binary at {BINARY}: build it first (swift build)")
    return subprocess.run([str(BINARY), *map(str, args)], capture_output=True, text=True, timeout=COMMAND_SECONDS)


def export(fixture, flags, out):
    """Runs `splitscope export` and returns the two files and the boundary names it printed."""
    result = splitscope("export", "--model-file", FIXTURES / f"{fixture}.onnx", *flags, "--out", out)
    assert result.returncode == 0, result.stderr
    device, edge = out / f"{fixture}-device.onnx", out / f"{fixture}-edge.onnx"
    assert device.is_file() and edge.is_file(), result.stdout
    return device, edge, result.stdout


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def session(path):
    return onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])


def fixture_arrays(fixture):
    return (np.load(FIXTURES / f"{fixture}.input.npy").astype(np.float32), np.load(FIXTURES / f"{fixture}.expected.npy"))


@pytest.mark.parametrize("fixture", ["chain_cnn", "resnet_like", "inverted_residual", "external_data"])
def test_every_split_runs_part_by_part_in_onnx_runtime(fixture, tmp_path):
    x, expected = fixture_arrays(fixture)
    crossings = set()
    k = 1
    while True:
        out = tmp_path / f"split{k}"
        result = splitscope("export", "--model-file", FIXTURES / f"{fixture}.onnx", "--split", k, "--out", out)
        if result.returncode != 0:
            assert result.returncode == 2 and "every layer is on the device" in result.stderr, result.stderr
            break
        for part in ("device", "edge"):
            # The ONNX checker with shape inference: each part is a valid model on its own.
            onnx.checker.check_model(str(out / f"{fixture}-{part}.onnx"), full_check=True)
        device, edge = session(out / f"{fixture}-device.onnx"), session(out / f"{fixture}-edge.onnx")
        boundary = [o.name for o in device.get_outputs()]
        assert [i.name for i in edge.get_inputs()] == boundary
        sent = device.run(boundary, {device.get_inputs()[0].name: x})
        for tensor, declared in zip(sent, edge.get_inputs()):
            assert list(tensor.shape)[1:] == declared.shape[1:]
        (y,) = edge.run(None, dict(zip(boundary, sent)))
        assert y.shape == expected.shape
        assert np.max(np.abs(y - expected)) <= 1e-4 * max(1.0, float(np.max(np.abs(expected)))), f"split {k}"
        crossings.add(len(boundary))
        k += 1
    assert k > 3, f"{fixture}: too few splits exported"
    if fixture == "resnet_like":
        assert max(crossings) >= 2, "splits inside a residual block send the skip tensor too"
    if fixture != "external_data":
        return
    # The external-data fixture's parts hold their weights inline: they run without the .data file.
    assert not list(tmp_path.glob("**/*.data"))


@pytest.fixture(scope="module")
def mlserver(tmp_path_factory):
    """MLServer serving the exported edge parts: (grpc address, {model name: (fixture, device part, stdout)})."""
    repo = tmp_path_factory.mktemp("mlserver-models")
    served = {}
    for fixture, flags in SERVED:
        out = tmp_path_factory.mktemp(f"export-{fixture}")
        device, edge, printed = export(fixture, flags, out)
        name = edge.stem
        folder = repo / name
        folder.mkdir()
        shutil.copy(edge, folder / edge.name)
        (folder / "model-settings.json").write_text(json.dumps({
            "name": name, "implementation": "onnx_runtime_model.OnnxRuntimeModel",
            "parameters": {"uri": f"./{edge.name}"}}))
        served[name] = (fixture, flags, device, printed)
    grpc_port, http_port = free_port(), free_port()
    (repo / "settings.json").write_text(json.dumps({
        "host": "127.0.0.1", "http_port": http_port, "grpc_port": grpc_port, "metrics_endpoint": None,
        "parallel_workers": 0, "load_models_at_startup": True, "debug": False}))
    command = pathlib.Path(sys.executable).with_name("mlserver")
    if not command.exists():
        pytest.fail(f"no mlserver next to {sys.executable}: pip install mlserver onnxruntime (see .ci/run)")
    environment = dict(os.environ, PYTHONPATH=os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]))
    log = open(repo / "mlserver.log", "w+")
    process = subprocess.Popen([str(command), "start", str(repo)], stdout=log, stderr=subprocess.STDOUT,
                               env=environment, start_new_session=True)
    address = f"127.0.0.1:{grpc_port}"
    client = grpcclient.InferenceServerClient(url=address)
    deadline = time.monotonic() + START_SECONDS
    ready = False
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if client.is_server_ready() and all(client.is_model_ready(name) for name in served):
                ready = True
                break
        except Exception:
            pass
        time.sleep(0.5)
    if not ready:
        process.kill()
        process.wait(timeout=10)
        log.seek(0)
        pytest.fail(f"MLServer did not serve the edge parts within {START_SECONDS} s "
                    f"(exit status {process.returncode}); its log:\n{log.read()[-4000:]}")
    yield address, served
    client.close()
    # MLServer may start helper processes: end its whole session, then the server.
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except (subprocess.TimeoutExpired, ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    log.close()


def test_foreign_server_names_the_boundary_tensors(mlserver):
    address, served = mlserver
    client = grpcclient.InferenceServerClient(url=address)
    assert client.is_server_live()
    for name, (fixture, _, device, printed) in served.items():
        metadata = client.get_model_metadata(name)
        boundary = [o.name for o in session(device).get_outputs()]
        assert [t.name for t in metadata.inputs] == boundary
        for tensor in metadata.inputs:
            assert tensor.datatype == "FP32"
            assert tensor.name in printed  # export printed each boundary tensor it wrote
        assert [t.name for t in metadata.outputs] == ["output"]


def test_device_part_by_splitscope_then_edge_part_by_mlserver_equals_the_full_model(mlserver, tmp_path):
    address, served = mlserver
    client = grpcclient.InferenceServerClient(url=address)
    for name, (fixture, flags, device, _) in served.items():
        x, expected = fixture_arrays(fixture)
        metadata = client.get_model_metadata(name)
        boundary = [t.name for t in metadata.inputs]
        # The device side: splitscope's engine runs the model's first layers and writes the boundary tensors.
        source = FIXTURES / f"{fixture}.onnx"
        out = tmp_path / f"{fixture}.npy"
        result = splitscope("run", "--model-file", source, "--batch", x.shape[0], *flags, "--input", FIXTURES / f"{fixture}.input.npy",
                            "--outputs", ",".join(boundary), "--output", out)
        assert result.returncode == 0, result.stderr
        inputs = []
        for tensor in boundary:
            path = out if len(boundary) == 1 else tmp_path / f"{fixture}.{tensor.replace('/', '_')}.npy"
            array = np.load(path).astype(np.float32)
            oip = grpcclient.InferInput(tensor, list(array.shape), "FP32")
            oip.set_data_from_numpy(array)
            inputs.append(oip)
        answer = client.infer(name, inputs, outputs=[grpcclient.InferRequestedOutput("output")]).as_numpy("output")
        assert answer.shape == expected.shape
        assert np.max(np.abs(answer - expected)) <= 1e-4 * max(1.0, float(np.max(np.abs(expected)))), name


def test_a_device_part_that_is_no_prefix_runs_part_by_part(tmp_path):
    """resnet_like's block input and its downsample on the device, the block's main branch on the edge."""
    layers = ["/conv1/Conv", "/relu/Relu", "/layer1/layer1.0/conv1/Conv", "/layer1/layer1.0/relu/Relu",
              "/layer1/layer1.0/conv2/Conv", "/layer1/layer1.0/Add", "/layer1/layer1.0/relu_1/Relu",
              "/layer2/layer2.0/downsample/downsample.0/Conv"]
    device_path, edge_path, printed = export("resnet_like", ["--device-layers", ",".join(layers)], tmp_path)
    assert "8 of 16 layers on the device" in printed
    for path in (device_path, edge_path):
        onnx.checker.check_model(str(path), full_check=True)
    device, edge = session(device_path), session(edge_path)
    boundary = [o.name for o in device.get_outputs()]
    assert boundary == ["/layer1/layer1.0/relu_1/Relu_output_0", "/layer2/layer2.0/downsample/downsample.0/Conv_output_0"]
    x, expected = fixture_arrays("resnet_like")
    sent = device.run(boundary, {"input": x})
    (y,) = edge.run(None, dict(zip(boundary, sent)))
    assert np.max(np.abs(y - expected)) <= 1e-4 * max(1.0, float(np.max(np.abs(expected))))
