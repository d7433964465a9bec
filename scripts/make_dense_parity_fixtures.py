#!/usr/bin/python3
"""Writes tests/Parity/dense_*.safetensors, the dense autoencoder's PyTorch parity fixtures
(run with /usr/bin/python3, torch 1.13; deterministic for its seeds).

Each file holds, for one size and seed (layout as make_parity_fixtures.py):
  param.<state_dict name>   weights (F32; "dense_ecg5000" stores I8 codes and "param_scale", as "ecg5000")
  input, reconstruction     [B, L]
  error.L1Sum|MeanAbsolute|MeanSquared   [B]
  loss.L1, loss.Mse         [1]
  grad.L1.<name>, grad.Mse.<name>        gradients of each loss ("dense_ecg5000": L1 only, to stay under 200 KB)
metadata: layer_sizes ("140-64-32-16"), batch, seed.
"""
import os

import numpy as np
import torch

from dense_autoencoder import DenseAutoencoder
from make_parity_fixtures import OUT_DIR, gradients, l1_loss, mse_loss, numpy_of, write_safetensors


def make(name, sizes, batch, seed, quantise, with_mse):
    torch.manual_seed(seed)
    model = DenseAutoencoder(sizes)
    names = list(model.state_dict().keys())
    if quantise:
        # I8 codes q and one F32 scale per tensor: weight = float32(q) * scale, rebuilt bit-identically by the tests.
        scales, tensors = [], []
        with torch.no_grad():
            for n, p in model.named_parameters():
                scale = np.float32(p.abs().max().item() / 127.0)
                q = np.clip(np.round(numpy_of(p) / scale), -127, 127).astype(np.int8)
                p.copy_(torch.from_numpy(q.astype(np.float32) * scale))
                scales.append(scale)
                tensors.append(("param." + n, q))
        tensors.append(("param_scale", np.array(scales, dtype=np.float32)))
    else:
        tensors = [("param." + n, numpy_of(p)) for n, p in model.named_parameters()]
    # Beat-like input: a smooth wave plus noise, so that some ReLU units are off and some on.
    x = torch.sin(torch.linspace(0, 6.28, sizes[0])).repeat(batch, 1) + 0.5 * torch.randn(batch, sizes[0])
    tensors.append(("input", numpy_of(x)))
    with torch.no_grad():
        y = model(x)
    tensors.append(("reconstruction", numpy_of(y)))
    diff = y - x
    n = sizes[0]
    tensors.append(("error.L1Sum", numpy_of(diff.abs().sum(1))))
    tensors.append(("error.MeanAbsolute", numpy_of(diff.abs().sum(1) / n)))
    tensors.append(("error.MeanSquared", numpy_of((diff * diff).sum(1) / n)))
    l1, g1 = gradients(model, x, l1_loss)
    tensors.append(("loss.L1", np.array([l1], dtype=np.float32)))
    tensors += [("grad.L1." + k, numpy_of(g1[k])) for k in names]
    mse, g2 = gradients(model, x, mse_loss)
    tensors.append(("loss.Mse", np.array([mse], dtype=np.float32)))
    if with_mse:
        tensors += [("grad.Mse." + k, numpy_of(g2[k])) for k in names]
    metadata = {"layer_sizes": "-".join(map(str, sizes)), "batch": str(batch), "seed": str(seed),
                "generator": "scripts/make_dense_parity_fixtures.py", "torch": torch.__version__}
    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, metadata)
    print("%s: %d bytes" % (path, os.path.getsize(path)))


def main():
    # A small odd-sized one (tails of every vector width), and the real ECG5000 sizes with 21 beats (shards of 16 + 5).
    make("dense_small", sizes=(23, 9, 5, 3), batch=5, seed=11, quantise=False, with_mse=True)
    make("dense_ecg5000", sizes=(140, 64, 32, 16), batch=21, seed=12, quantise=True, with_mse=False)


if __name__ == "__main__":
    main()
