#!/usr/bin/python3
"""Writes the PyTorch parity fixtures in tests/Parity/ (run with /usr/bin/python3, torch 1.13).

Each fixture is one safetensors file holding, for one autoencoder size and a fixed seed:
  param.<state_dict name>   the weights (F32; the "ecg5000" fixture stores them as I8 codes,
                            see below, to stay small)
  input                     [B, T, F] beats
  reconstruction            [B, T, F] the autoencoder's output
  error.<ErrorMetric>       [B] per-beat errors: L1Sum, MeanAbsolute, MeanSquared
  loss.L1, loss.Mse         [1] training losses (reductions below)
  grad.L1.<name>            gradient of loss.L1 for every parameter
  grad.Mse.<name>           gradient of loss.Mse (not in "ecg5000", to keep the files small)
  clipped.L1.<name>         grad.L1 after clip_grad_norm_(max_norm = metadata clip_norm)
  trained.<name>            weights after two training steps on `input` (loss L1, clip_grad_norm_,
                            Adam with metadata learning_rate and weight_decay)
  adam.grad<k>.<name>, adam.result.<name>
                            Adam alone: three steps from param.* with the given gradients

Losses (the C# trainer matches these):
  L1  = nn.L1Loss(reduction='sum')(y, x) / B   (sum of |error| per beat, averaged over the batch)
  Mse = nn.MSELoss(reduction='mean')(y, x)     (mean over every element)

The "ecg5000" fixture (the real 140-step model) stores weights as I8 codes q with one F32 scale
per tensor ("param_scale", state_dict order): weight = float32(q) * scale, exactly as the test
rebuilds them, so both sides start from bit-identical weights.
"""
import json
import os
import struct

import numpy as np
import torch
from torch import nn

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "Parity")


class Encoder(nn.Module):
    def __init__(self, features, embedding, hidden):
        super().__init__()
        self.rnn1 = nn.LSTM(features, hidden, batch_first=True)
        self.rnn2 = nn.LSTM(hidden, embedding, batch_first=True)

    def forward(self, x):
        x, _ = self.rnn1(x)
        _, (h, _) = self.rnn2(x)
        return h[-1]  # z: [B, E], the last hidden state of rnn2


class Decoder(nn.Module):
    def __init__(self, steps, features, embedding, hidden):
        super().__init__()
        self.steps = steps
        self.rnn1 = nn.LSTM(embedding, embedding, batch_first=True)
        self.rnn2 = nn.LSTM(embedding, hidden, batch_first=True)
        self.output_layer = nn.Linear(hidden, features)

    def forward(self, z):
        x = z.unsqueeze(1).repeat(1, self.steps, 1)  # z fed at every step
        x, _ = self.rnn1(x)
        x, _ = self.rnn2(x)
        return self.output_layer(x)


class Autoencoder(nn.Module):
    def __init__(self, steps, features, embedding, hidden):
        super().__init__()
        self.encoder = Encoder(features, embedding, hidden)
        self.decoder = Decoder(steps, features, embedding, hidden)

    def forward(self, x):
        return self.decoder(self.encoder(x))


def l1_loss(y, x):
    return nn.L1Loss(reduction="sum")(y, x) / x.shape[0]


def mse_loss(y, x):
    return nn.MSELoss(reduction="mean")(y, x)


DTYPES = {np.dtype(np.float32): "F32", np.dtype(np.int8): "I8"}


def write_safetensors(path, tensors, metadata):
    """tensors: list of (name, numpy array); metadata: dict str -> str."""
    header = {"__metadata__": metadata}
    offset = 0
    blobs = []
    for name, array in tensors:
        array = np.ascontiguousarray(array)
        data = array.astype(array.dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": DTYPES[array.dtype], "shape": list(array.shape),
                        "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)  # pad so the data section starts 8-byte aligned
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def numpy_of(t):
    return t.detach().cpu().numpy().astype(np.float32)


def gradients(model, x, loss_fn):
    model.zero_grad()
    loss = loss_fn(model(x), x)
    loss.backward()
    return loss.item(), {n: p.grad.detach().clone() for n, p in model.named_parameters()}


def make(name, steps, features, embedding, hidden, batch, seed, quantise, with_mse, with_training):
    torch.manual_seed(seed)
    model = Autoencoder(steps, features, embedding, hidden)
    names = list(model.state_dict().keys())
    tensors = []
    if quantise:
        scales = []
        codes = []
        with torch.no_grad():
            for n, p in model.named_parameters():
                scale = np.float32(p.abs().max().item() / 127.0)
                q = np.clip(np.round(numpy_of(p) / scale), -127, 127).astype(np.int8)
                p.copy_(torch.from_numpy(q.astype(np.float32) * scale))
                scales.append(scale)
                codes.append((n, q))
        tensors += [("param." + n, q) for n, q in codes]
        tensors.append(("param_scale", np.array(scales, dtype=np.float32)))
    else:
        tensors += [("param." + n, numpy_of(p)) for n, p in model.named_parameters()]

    x = torch.randn(batch, steps, features)
    tensors.append(("input", numpy_of(x)))
    with torch.no_grad():
        y = model(x)
    tensors.append(("reconstruction", numpy_of(y)))
    diff = (y - x).reshape(batch, -1)
    n = steps * features
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

    metadata = {"sequence_length": str(steps), "features": str(features), "embedding_size": str(embedding),
                "hidden_size": str(hidden), "batch": str(batch), "seed": str(seed),
                "generator": "scripts/make_parity_fixtures.py", "torch": torch.__version__}

    if with_training:
        # Clip to half the actual norm so that clipping really scales the gradient.
        total = torch.sqrt(sum((g * g).sum() for g in g1.values())).item()
        clip_norm = 0.5 * total
        _, grads = gradients(model, x, l1_loss)
        torch.nn.utils.clip_grad_norm_(model.parameters(), clip_norm)
        tensors += [("clipped.L1." + k, numpy_of(p.grad)) for k, p in model.named_parameters()]

        lr, weight_decay = 1e-2, 1e-3
        trained = Autoencoder(steps, features, embedding, hidden)
        trained.load_state_dict(model.state_dict())
        optimiser = torch.optim.Adam(trained.parameters(), lr=lr, weight_decay=weight_decay)
        for _ in range(2):
            optimiser.zero_grad()
            l1_loss(trained(x), x).backward()
            torch.nn.utils.clip_grad_norm_(trained.parameters(), clip_norm)
            optimiser.step()
        tensors += [("trained." + k, numpy_of(p)) for k, p in trained.named_parameters()]

        # Adam on its own: three steps with random gradients, weight decay on.
        alone = Autoencoder(steps, features, embedding, hidden)
        alone.load_state_dict(model.state_dict())
        optimiser = torch.optim.Adam(alone.parameters(), lr=lr, weight_decay=weight_decay)
        for step in range(1, 4):
            for k, p in alone.named_parameters():
                p.grad = torch.randn_like(p) * (0.1 * step)
                tensors.append(("adam.grad%d.%s" % (step, k), numpy_of(p.grad)))
            optimiser.step()
        tensors += [("adam.result." + k, numpy_of(p)) for k, p in alone.named_parameters()]
        metadata.update({"clip_norm": repr(clip_norm), "learning_rate": repr(lr),
                         "weight_decay": repr(weight_decay), "training_steps": "2", "adam_steps": "3"})

    path = os.path.join(OUT_DIR, name + ".safetensors")
    write_safetensors(path, tensors, metadata)

    # A plain PyTorch state_dict (no metadata of ours), to check that ModelFile loads one.
    if not quantise:
        state = [(k, numpy_of(v)) for k, v in model.state_dict().items()]
        write_safetensors(os.path.join(OUT_DIR, name + ".state_dict.safetensors"), state, {"format": "pt"})
    print("%s: %d bytes" % (path, os.path.getsize(path)))


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    make("small", steps=7, features=2, embedding=3, hidden=5, batch=4, seed=1,
         quantise=False, with_mse=True, with_training=True)
    make("medium", steps=20, features=1, embedding=8, hidden=16, batch=5, seed=2,
         quantise=False, with_mse=True, with_training=True)
    make("ecg5000", steps=140, features=1, embedding=64, hidden=128, batch=3, seed=3,
         quantise=True, with_mse=False, with_training=False)


if __name__ == "__main__":
    main()
