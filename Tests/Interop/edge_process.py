"""Starting `splitscope edge` for the interop tests: one way to wait for its serving line and stop it."""
import select
import subprocess
import time

import pytest


def start_edge(binary, arguments, seconds):
    """Starts `splitscope edge ARGUMENTS`; returns (process, serving line), or fails the test with its stderr."""
    process = subprocess.Popen([str(binary), "edge"] + [str(a) for a in arguments],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = ""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        ready, _, _ = select.select([process.stdout], [], [], 1.0)
        if ready:
            line = process.stdout.readline()
            break
    if "serving" not in line:
        process.kill()
        _, err = process.communicate(timeout=10)
        pytest.fail(f"splitscope edge did not start (it exited, or printed no serving line within {seconds} s) "
                    f"exit status {process.returncode}; stdout: {line!r}; stderr: {err}")
    return process, line


def grpc_address(line):
    """The gRPC address a serving line names: "splitscope edge: serving M on 127.0.0.1:PORT (...)"."""
    return line.split(" on ")[1].split(" ")[0]


def stop(process):
    """Terminates the edge, killing it (and reaping it) if it does not end within 10 s."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
