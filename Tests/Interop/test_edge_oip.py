"""Interop: a stock Open Inference Protocol client (tritonclient[grpc]) against `splitscope edge`.

Runs the real binary (SPLITSCOPE_BIN, default .build/debug/splitscope) on a free loopback port
and talks to it only through tritonclient: health, metadata, inference of the full model, of an
intermediate tensor, and from that intermediate tensor on to the output, which must match the
full model's. Run with: python -m pytest Tests/Interop
"""

import os
import pathlib
import urllib.request

import numpy as np
import pytest
import tritonclient.grpc as grpcclient
from edge_process import grpc_address, start_edge, stop
from tritonclient.utils import InferenceServerException

ROOT = pathlib.Path(__file__).resolve().parents[2]
BINARY = pathlib.Path(os.environ.get("SPLITSCOPE_BIN", ROOT / ".build" / "debug" / "splitscope"))
ONNX_FIXTURE = ROOT / "Tests" / "SplitONNXTests" / "Fixtures" / "chain_cnn.onnx"
START_SECONDS = 120


@pytest.fixture(scope="module")
def edge():
    """The running edge: (grpc address, metrics address). Fails loudly when it cannot start."""
    if not BINARY.exists():
        pytest.fail(f"no splitscope binary at {BINARY}: build it first (swift build)")
    process, line = start_edge(BINARY, ["--listen", "127.0.0.1:0", "--model", "smallcnn",
                                        "--model-file", ONNX_FIXTURE, "--metrics", "127.0.0.1:0"], START_SECONDS)
    # "splitscope edge: serving smallcnn, chain_cnn on 127.0.0.1:PORT (...); metrics on http://127.0.0.1:PORT/metrics"
    metrics_url = line.rsplit(" on ", 1)[1].strip()
    yield grpc_address(line), metrics_url
    stop(process)


@pytest.fixture(scope="module")
def client(edge):
    return grpcclient.InferenceServerClient(url=edge[0])


def infer(client, model, name, array, outputs=None, parameters=None):
    tensor = grpcclient.InferInput(name, list(array.shape), "FP32")
    tensor.set_data_from_numpy(array)
    requested = [grpcclient.InferRequestedOutput(o) for o in outputs] if outputs else None
    return client.infer(model, [tensor], outputs=requested, parameters=parameters)


def test_live_and_ready(client):
    assert client.is_server_live()
    assert client.is_server_ready()
    assert client.is_model_ready("smallcnn")
    assert client.is_model_ready("chain_cnn")
    assert not client.is_model_ready("no-such-model")
    assert client.get_server_metadata().name == "splitscope"


def test_model_metadata(client):
    metadata = client.get_model_metadata("smallcnn")
    # Zoo models take any batch: -1, as OIP marks a dimension of any size.
    assert [(t.name, t.datatype, list(t.shape)) for t in metadata.inputs] == [("input", "FP32", [-1, 3, 32, 32])]
    assert [(t.name, t.datatype, list(t.shape)) for t in metadata.outputs] == [("classifier.3", "FP32", [-1, 10])]


def test_intermediate_then_rest_equals_full_model(client):
    x = np.random.default_rng(9).standard_normal((1, 3, 32, 32)).astype(np.float32)
    full = infer(client, "smallcnn", "input", x).as_numpy("classifier.3")
    assert full.shape == (1, 10)
    first = infer(client, "smallcnn", "input", x, outputs=["features.4"],
                  parameters={"frame_id": 7, "partition": "split:5"})
    boundary = first.as_numpy("features.4")
    assert boundary.shape == (1, 32, 16, 16)
    response = first.get_response()
    assert response.parameters["frame_id"].int64_param == 7
    assert response.parameters["partition"].string_param == "split:5"
    assert response.parameters["edge_compute_ms"].double_param >= 0
    assert response.parameters["edge_layers"].int64_param == 5
    rest = infer(client, "smallcnn", "features.4", boundary).as_numpy("classifier.3")
    assert np.max(np.abs(rest - full)) <= 1e-4
    # Two frames as one batch: each sample's answer is its own.
    pair = np.concatenate([x, x[:, :, ::-1, :].copy()])
    both = infer(client, "smallcnn", "input", pair).as_numpy("classifier.3")
    assert both.shape == (2, 10) and np.max(np.abs(both[:1] - full)) <= 1e-4


def test_onnx_model_matches_onnx_runtime_reference(client):
    metadata = client.get_model_metadata("chain_cnn")
    source = metadata.inputs[0]
    x = np.load(ONNX_FIXTURE.with_name("chain_cnn.input.npy")).astype(np.float32)
    expected = np.load(ONNX_FIXTURE.with_name("chain_cnn.expected.npy"))
    assert list(x.shape)[1:] == list(source.shape)[1:] and source.shape[0] in (-1, x.shape[0])
    result = infer(client, "chain_cnn", source.name, x).as_numpy(metadata.outputs[0].name)
    assert result.shape == expected.shape
    assert np.max(np.abs(result - expected)) <= 1e-4


def test_bad_requests_get_clear_errors(client):
    x = np.zeros((1, 3, 32, 32), dtype=np.float32)
    with pytest.raises(InferenceServerException) as unknown_model:
        infer(client, "no-such-model", "input", x)
    assert "NOT_FOUND" in str(unknown_model.value.status())
    with pytest.raises(InferenceServerException) as wrong_shape:
        infer(client, "smallcnn", "input", np.zeros((1, 3, 16, 16), dtype=np.float32))
    assert "INVALID_ARGUMENT" in str(wrong_shape.value.status())
    assert "shape" in wrong_shape.value.message()
    with pytest.raises(InferenceServerException) as not_a_cut:
        infer(client, "smallcnn", "features.4", np.zeros((1, 32, 16, 16), dtype=np.float32), outputs=["features.1"])
    assert "cut" in not_a_cut.value.message()
    assert client.is_server_live()


def test_metrics_count_requests(client, edge):
    infer(client, "smallcnn", "input", np.zeros((1, 3, 32, 32), dtype=np.float32))
    text = urllib.request.urlopen(edge[1], timeout=10).read().decode()
    assert 'splitscope_edge_requests_total{model="smallcnn"}' in text
    assert 'splitscope_edge_compute_seconds_bucket{model="smallcnn"' in text
    assert "splitscope_edge_queue_length" in text


def quantise(array):
    """Per-tensor affine INT8, as `splitscope device --boundary int8` does: the range widened to include 0."""
    low, high = min(float(array.min()), 0.0), max(float(array.max()), 0.0)
    scale = max(high - low, 1e-30) / 255
    zero_point = int(np.clip(round(-128 - low / scale), -128, 127))
    q = np.clip(np.round(array / scale) + zero_point, -128, 127).astype(np.int8)
    return q, scale, zero_point


def int8_input(name, q, scale=None, zero_point=None):
    tensor = grpcclient.InferInput(name, list(q.shape), "INT8")
    tensor.set_data_from_numpy(q)
    # tritonclient has no setter for an input's parameters: they go on the message it sends.
    if scale is not None:
        tensor._get_tensor().parameters["scale"].double_param = scale
    if zero_point is not None:
        tensor._get_tensor().parameters["zero_point"].int64_param = zero_point
    return tensor


def test_int8_input_with_scale_and_zero_point(client):
    """An INT8 input with tensor parameters scale and zero_point is dequantised by the edge: the
    answer equals the FP32 answer for the dequantised values, and the bytes sent are a quarter."""
    rng = np.random.default_rng(3)
    x = rng.standard_normal((1, 3, 16, 16)).astype(np.float32)
    q, scale, zero_point = quantise(x)
    assert q.nbytes * 4 == x.nbytes
    dequantised = ((q.astype(np.float32) - zero_point) * np.float32(scale)).astype(np.float32)
    want = infer(client, "chain_cnn", "input", dequantised).as_numpy("output")
    got = client.infer("chain_cnn", [int8_input("input", q, scale, zero_point)]).as_numpy("output")
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)
    # and it is close to the unquantised answer (8 bits over this input's range)
    exact = infer(client, "chain_cnn", "input", x).as_numpy("output")
    assert np.abs(got - exact).max() < 0.05 * max(np.abs(exact).max(), 1e-6) + 0.02


@pytest.mark.parametrize("scale,zero_point,message", [
    (None, None, "needs the tensor parameters scale and zero_point"),
    (0.1, None, "give both tensor parameters"),
    (0.0, 0, "quantisation scale must be"),
    (0.1, 300, "zero point must be"),
])
def test_int8_input_without_a_valid_quantisation_is_refused(client, scale, zero_point, message):
    q = np.zeros((1, 3, 16, 16), dtype=np.int8)
    with pytest.raises(InferenceServerException) as error:
        client.infer("chain_cnn", [int8_input("input", q, scale, zero_point)])
    assert "INVALID_ARGUMENT" in str(error.value.status())
    assert message in error.value.message()
    assert "input" in error.value.message()


def test_plain_client_gets_no_share_and_a_named_device_gets_one(client):
    """A request without device_id is served as before; one with the device parameters (docs/edge-protocol.md,
    "Many devices, one edge") gets its share, version, split and the allocation, from any OIP client."""
    x = np.random.default_rng(3).standard_normal((1, 3, 32, 32)).astype(np.float32)
    plain = infer(client, "smallcnn", "input", x).get_response()
    assert not any(key in plain.parameters for key in ("compute_share", "allocation", "allocation_error"))
    table = ('[{"version":"smallcnn","accuracy_pct":80,"split":0,"device_ms":0,"bytes":12288,"edge_macs":1000000},'
             '{"version":"smallcnn","accuracy_pct":80,"split":8,"device_ms":500,"bytes":0,"edge_macs":0}]')
    shared = infer(client, "smallcnn", "input", x, parameters={
        "device_id": "py-1", "task_weight": 0.3, "slo_ms": 100.0, "rtt_ms": 1.0, "bandwidth_mbps": 50.0,
        "options_generation": 1, "options": table}).get_response()
    assert 0 < shared.parameters["compute_share"].double_param <= 1
    assert shared.parameters["assigned_version"].string_param == "smallcnn"
    assert shared.parameters["assigned_split"].int64_param == 0
    assert '"device":"py-1"' in shared.parameters["allocation"].string_param
    broken = infer(client, "smallcnn", "input", x, parameters={"device_id": "py-2", "options": "[{}]"}).get_response()
    assert broken.parameters["allocation_error"].string_param.startswith("options[0].version")
    assert broken.outputs[0].name == "classifier.3"
