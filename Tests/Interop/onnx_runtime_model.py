"""An MLServer runtime that serves one ONNX file with ONNX Runtime (written for splitscope's interop test).

MLServer ships no ONNX runtime of its own; this class is the small piece that makes it serve the edge
part that `splitscope export` writes. Its model-settings.json names the file in `parameters.uri`:

    {"name": "chain_cnn-edge", "implementation": "onnx_runtime_model.OnnxRuntimeModel",
     "parameters": {"uri": "./chain_cnn-edge.onnx"}}

The model's metadata (ModelMetadata over OIP) is the ONNX file's own inputs and outputs, with OIP
datatypes and -1 for a dimension of any size, so a client learns the boundary tensors' names and
shapes from the server. Inputs come in as numpy arrays by name; the requested outputs (all of the
file's outputs by default) go back by name.
"""

import os

import numpy as np
import onnxruntime
from mlserver import MLModel
from mlserver.codecs import NumpyCodec
from mlserver.types import InferenceRequest, InferenceResponse, MetadataTensor
from mlserver.utils import get_model_uri

# ONNX Runtime's type strings for the element types an exported part may carry.
_DATATYPES = {
    "tensor(float)": "FP32", "tensor(double)": "FP64", "tensor(float16)": "FP16",
    "tensor(int64)": "INT64", "tensor(int32)": "INT32", "tensor(int8)": "INT8", "tensor(uint8)": "UINT8",
    "tensor(bool)": "BOOL",
}


def _metadata(args):
    return [MetadataTensor(name=a.name, datatype=_DATATYPES.get(a.type, "BYTES"),
                           shape=[d if isinstance(d, int) and d > 0 else -1 for d in a.shape]) for a in args]


class OnnxRuntimeModel(MLModel):
    """Runs the ONNX file named by the model's `parameters.uri` on the CPU."""

    async def load(self) -> bool:
        path = await get_model_uri(self._settings)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = int(os.environ.get("ONNX_THREADS", "1"))
        self._session = onnxruntime.InferenceSession(path, options, providers=["CPUExecutionProvider"])
        self.inputs = _metadata(self._session.get_inputs())
        self.outputs = _metadata(self._session.get_outputs())
        return True

    async def predict(self, payload: InferenceRequest) -> InferenceResponse:
        feeds = {tensor.name: np.ascontiguousarray(NumpyCodec.decode_input(tensor)) for tensor in payload.inputs}
        names = [o.name for o in payload.outputs] if payload.outputs else [o.name for o in self._session.get_outputs()]
        results = self._session.run(names, feeds)
        return InferenceResponse(model_name=self.name, model_version=self.version,
                                 outputs=[NumpyCodec.encode_output(name, value) for name, value in zip(names, results)])
