"""Interop: the live device (`splitscope device --edge-model NAME`) against an OIP server that is not splitscope.

`splitscope export` cuts an ONNX fixture; MLServer serves the edge part (the runtime class and the
server start-up of test_export_oip.py, a server of this module's own). The real device binary then
runs for a few seconds against it: it reads NAME's metadata, derives the cut from the input names,
computes the device part of every frame and sends the boundary tensors. The recording must show
every frame answered by the server (outcome ok) at the exported cut, and none lost. The same run
against splitscope's own `edge --model-file <stem>-edge.onnx` must work the same way. Bad flags
(an unknown NAME, a server model that belongs to another model, a zoo --model) exit with status 2.

Bounded in time: each command has COMMAND_SECONDS, the servers START_SECONDS, and both are stopped
at the end. Run with: python -m pytest Tests/Interop
"""

import json
import re

import pytest
from edge_process import grpc_address, start_edge, stop

# The MLServer fixture (module-scoped: this module starts its own server) and the helpers beside it.
from test_export_oip import BINARY, COMMAND_SECONDS, FIXTURES, START_SECONDS, export, mlserver, splitscope  # noqa: F401

DURATION_S = 3
FPS = 5


def device_layers(printed):
    """The device layer count `export` printed ("chain_cnn: 5 of 16 layers on the device …")."""
    match = re.search(r"(\d+) of (\d+) layers on the device", printed)
    assert match, printed
    return int(match.group(1))


def run_device(address, fixture, name, record):
    return splitscope("device", "--edge", address, "--model-file", FIXTURES / f"{fixture}.onnx", "--edge-model", name,
                      "--duration", DURATION_S, "--fps", FPS, "--record", record)


def check_recording(record, split):
    """Every frame answered by the edge at the cut, numbered 0, 1, 2, … with none missing."""
    events = [json.loads(line) for line in record.read_text().splitlines() if line.strip()]
    header = events[0]
    assert header["type"] == "session" and header["source"] == "live"
    assert "--edge-model" in header["edge_info"]["compute"], header["edge_info"]
    frames = [e for e in events if e["type"] == "frame"]
    assert len(frames) >= DURATION_S * FPS - 2, f"only {len(frames)} frames in {DURATION_S} s at {FPS} fps"
    assert [f["frame"] for f in frames] == list(range(len(frames))), "a frame is missing from the recording"
    for frame in frames:
        assert frame["outcome"] == "ok", frame
        assert frame["partition"] == {"split": split}, frame
        assert frame["bytes_sent"] > 0 and frame["edge_ms"] > 0, frame
    assert not [e for e in events if e["type"] == "fault"], "the edge was lost during the run"
    return frames


def test_device_splits_frames_with_mlserver(mlserver, tmp_path):
    address, served = mlserver
    for name, (fixture, _, _, printed) in served.items():
        record = tmp_path / f"{name}.jsonl"
        result = run_device(address, fixture, name, record)
        assert result.returncode == 0, result.stderr
        assert "a foreign server reports no times" in result.stderr
        check_recording(record, device_layers(printed))


def test_bad_edge_models_are_usage_errors(mlserver, tmp_path):
    address, served = mlserver
    name, (fixture, _, _, _) = next(iter(served.items()))
    other = next(f for f, _, _, _ in served.values() if f != fixture)
    cases = [
        (["--model-file", FIXTURES / f"{fixture}.onnx", "--edge-model", "no-such-model"], "no-such-model"),
        (["--model-file", FIXTURES / f"{other}.onnx", "--edge-model", name], "no tensor of"),
        (["--model", "smallcnn", "--edge-model", name], "needs --model-file"),
    ]
    for flags, expected in cases:
        result = splitscope("device", "--edge", address, *flags, "--duration", 1, "--record", tmp_path / "bad.jsonl")
        assert result.returncode == 2, (flags, result.stderr)
        assert expected in result.stderr, (flags, result.stderr)


def test_device_splits_frames_with_splitscope_edge_serving_the_exported_part(tmp_path):
    _, edge_part, printed = export("chain_cnn", ["--split", "5"], tmp_path)
    process, line = start_edge(BINARY, ["--listen", "127.0.0.1:0", "--model-file", edge_part], START_SECONDS)
    try:
        address = grpc_address(line)
        record = tmp_path / "own-edge.jsonl"
        result = run_device(address, "chain_cnn", edge_part.stem, record)
        assert result.returncode == 0, result.stderr
        check_recording(record, device_layers(printed))
    finally:
        stop(process)
