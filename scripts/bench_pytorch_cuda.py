#!/usr/bin/env python3
"""The LSTM autoencoder in PyTorch on the GPU, timed the way `engine --device cuda` times ours.

Same model (LSTM 1->128, 128->64; z repeated T times; LSTM 64->64, 64->128; Linear 128->1, batch_first as in the
seed module), random weights and beats, float32. One call = beats up from pinned host memory, the forward pass under
inference_mode, per-beat L1 errors back to the host: the work our engine's Score does. Prints per batch size one line
`pytorch batch=B tf32=off|on beats_per_second=N p50_ms=X p99_ms=Y`.

usage: bench_pytorch_cuda.py [--batches 1,64,1024,8192] [--seconds 5] [--tf32 off|on|both] [--seed 20240601]
"""
import argparse
import time

import torch
from torch import nn

SEQ_LEN, FEATURES, EMBEDDING, HIDDEN = 140, 1, 64, 128


class Autoencoder(nn.Module):
    """The seed's RecurrentAutoencoder, batched: same module names, so its state_dict keys match ours."""

    def __init__(self):
        super().__init__()
        self.encoder = nn.Module()
        self.encoder.rnn1 = nn.LSTM(FEATURES, HIDDEN, batch_first=True)
        self.encoder.rnn2 = nn.LSTM(HIDDEN, EMBEDDING, batch_first=True)
        self.decoder = nn.Module()
        self.decoder.rnn1 = nn.LSTM(EMBEDDING, EMBEDDING, batch_first=True)
        self.decoder.rnn2 = nn.LSTM(EMBEDDING, HIDDEN, batch_first=True)
        self.decoder.output_layer = nn.Linear(HIDDEN, FEATURES)

    def forward(self, x):
        h, _ = self.encoder.rnn1(x)
        _, (z, _) = self.encoder.rnn2(h)
        d = z.squeeze(0).unsqueeze(1).repeat(1, x.shape[1], 1)
        d, _ = self.decoder.rnn1(d)
        d, _ = self.decoder.rnn2(d)
        return self.decoder.output_layer(d)


def percentile(sorted_values, q):
    index = max(0, min(len(sorted_values) - 1, int(-(-q * len(sorted_values) // 1)) - 1))
    return sorted_values[index]


def bench(model, batch, seconds, tf32, seed):
    torch.backends.cudnn.allow_tf32 = tf32
    torch.backends.cuda.matmul.allow_tf32 = tf32
    generator = torch.Generator().manual_seed(seed + batch)
    beats = (torch.rand(batch, SEQ_LEN, FEATURES, generator=generator) * 4 - 2).pin_memory()

    def score():
        x = beats.to("cuda", non_blocking=True)
        xhat = model(x)
        return (x - xhat).abs().sum(dim=(1, 2)).cpu()

    with torch.inference_mode():
        warm_until = time.perf_counter() + min(2.0, seconds / 2)
        while time.perf_counter() < warm_until:
            score()
        latencies = []
        start = time.perf_counter()
        while time.perf_counter() - start < seconds:
            t0 = time.perf_counter()
            score()
            latencies.append((time.perf_counter() - t0) * 1000)
        elapsed = time.perf_counter() - start
    latencies.sort()
    return len(latencies) * batch / elapsed, percentile(latencies, 0.5), percentile(latencies, 0.99)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--batches", default="1,64,1024,8192")
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--tf32", choices=["off", "on", "both"], default="off")
    parser.add_argument("--seed", type=int, default=20240601)
    args = parser.parse_args()
    if not torch.cuda.is_available():
        raise SystemExit("error: PyTorch sees no CUDA device")

    torch.manual_seed(args.seed)
    model = Autoencoder().cuda().eval()
    print(f"pytorch {torch.__version__} cuda {torch.version.cuda} cudnn {torch.backends.cudnn.version()} on {torch.cuda.get_device_name()}",
          flush=True)
    modes = {"off": [False], "on": [True], "both": [False, True]}[args.tf32]
    for tf32 in modes:
        for batch in (int(b) for b in args.batches.split(",")):
            rate, p50, p99 = bench(model, batch, args.seconds, tf32, args.seed)
            print(f"pytorch batch={batch} tf32={'on' if tf32 else 'off'} beats_per_second={rate:.1f} p50_ms={p50:.3f} p99_ms={p99:.3f}",
                  flush=True)


if __name__ == "__main__":
    main()
