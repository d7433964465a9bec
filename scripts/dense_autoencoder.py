#!/usr/bin/python3
"""The dense autoencoder's PyTorch twin, and a loader for EcgStream's dense-ae model files.

    encoder = Sequential(Linear(140, 64), ReLU(), Linear(64, 32), ReLU(), Linear(32, 16))
    decoder = Sequential(Linear(16, 32), ReLU(), Linear(32, 64), ReLU(), Linear(64, 140))
    forward(x) = decoder(relu(encoder(x)))          x: [B, 140]; linear output

state_dict keys: encoder.{0,2,4}.{weight,bias}, decoder.{0,2,4}.{weight,bias}, as in
src/Model/Parameters/DenseAutoencoderParameters.cs.

usage: /usr/bin/python3 scripts/dense_autoencoder.py MODEL.safetensors
loads the file with load_state_dict(strict=True) (a missing, extra or wrongly shaped tensor fails)
and runs one forward pass.
"""
import sys

import torch
from torch import nn

SIZES = (140, 64, 32, 16)


def _sequential(sizes):
    modules = []
    for i in range(len(sizes) - 1):
        if i > 0:
            modules.append(nn.ReLU())
        modules.append(nn.Linear(sizes[i], sizes[i + 1]))
    return nn.Sequential(*modules)


class DenseAutoencoder(nn.Module):
    def __init__(self, sizes=SIZES):
        super().__init__()
        self.encoder = _sequential(list(sizes))
        self.decoder = _sequential(list(reversed(sizes)))

    def forward(self, x):
        shape = x.shape
        y = self.decoder(torch.relu(self.encoder(x.reshape(shape[0], -1))))
        return y.reshape(shape)


def load(path):
    """The model in an EcgStream dense-ae file, loaded strictly."""
    from roundtrip_pytorch import read_safetensors

    tensors, metadata = read_safetensors(path)
    if metadata.get("architecture", "lstm-ae") != "dense-ae":
        raise ValueError("%s: architecture %r is not dense-ae" % (path, metadata.get("architecture", "lstm-ae")))
    sizes = tuple(int(s) for s in metadata.get("layer_sizes", "-".join(map(str, SIZES))).split("-"))
    model = DenseAutoencoder(sizes)
    model.load_state_dict({k: torch.from_numpy(v) for k, v in tensors.items()}, strict=True)
    return model, metadata


def main():
    model, _ = load(sys.argv[1])
    with torch.no_grad():
        y = model(torch.zeros(1, model.encoder[0].in_features))
    assert torch.isfinite(y).all(), "non-finite reconstruction"
    print("%s: strict load ok, %d parameters" % (sys.argv[1], sum(p.numel() for p in model.parameters())))


if __name__ == "__main__":
    main()
