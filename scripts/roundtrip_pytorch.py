#!/usr/bin/python3
"""Loads a model file written by EcgStream into the PyTorch autoencoder and writes it back from PyTorch.

usage: /usr/bin/python3 scripts/roundtrip_pytorch.py IN.safetensors OUT.safetensors

The state_dict is loaded with load_state_dict(strict=True), so a missing, extra or wrongly shaped tensor
fails here; one forward pass checks the weights run. The file written back holds model.state_dict() as
PyTorch has it, our metadata unchanged, plus provenance.roundtrip = "pytorch". ModelFile.Load must read it
(tests/Parity/pytorch_roundtrip.safetensors is such a file; see tests/Parity/README.md).
"""
import json
import struct
import sys

import numpy as np
import torch

from make_parity_fixtures import Autoencoder, write_safetensors


def read_safetensors(path):
    with open(path, "rb") as f:
        raw = f.read()
    (length,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + length])
    metadata = header.pop("__metadata__", {})
    data = raw[8 + length:]
    tensors = {}
    for name, entry in header.items():
        if entry["dtype"] != "F32":
            raise ValueError("%s: tensor %s has dtype %s, expected F32" % (path, name, entry["dtype"]))
        begin, end = entry["data_offsets"]
        tensors[name] = np.frombuffer(data[begin:end], dtype="<f4").reshape(entry["shape"]).copy()
    return tensors, metadata


def main():
    source, destination = sys.argv[1], sys.argv[2]
    tensors, metadata = read_safetensors(source)
    model = Autoencoder(int(metadata["sequence_length"]), int(metadata["features"]),
                        int(metadata["embedding_size"]), int(metadata["hidden_size"]))
    model.load_state_dict({k: torch.from_numpy(v) for k, v in tensors.items()}, strict=True)
    with torch.no_grad():
        y = model(torch.zeros(1, int(metadata["sequence_length"]), int(metadata["features"])))
    assert torch.isfinite(y).all(), "non-finite reconstruction"
    metadata = dict(metadata, **{"provenance.roundtrip": "pytorch"})
    state = [(k, v.detach().numpy().astype(np.float32)) for k, v in model.state_dict().items()]
    write_safetensors(destination, state, metadata)
    print("%s -> %s: %d tensors, strict load ok" % (source, destination, len(state)))


if __name__ == "__main__":
    main()
