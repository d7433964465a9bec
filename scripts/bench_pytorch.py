#!/usr/bin/python3
"""The engine benchmark's PyTorch twin: the same autoencoder (ECG5000 size, random weights), batch, threads and
measurement as `dotnet run -c Release --project tests/Benchmarks -- engine ...`, ending with the same last line:
beats_per_second=<number> batch=<B> threads=<T>. With --model dense-ae it measures the dense autoencoder's twin
(scripts/dense_autoencoder.py, 140 -> 64 -> 32 -> 16 -> 32 -> 64 -> 140) with the same L1-sum error. With --model classifier --arch A it measures the beat classifier's twin
(scripts/classifier_models.py) as `engine --model classifier --arch A` does: eval mode, inference_mode, softmax.

Run with Debian's interpreter, which has python3-torch: /usr/bin/python3 scripts/bench_pytorch.py --batch 64 --threads 1
"""
import argparse
import os
import sys
import time


def threads_from_argv():
    """--threads T, read before torch is imported: OpenBLAS sizes its thread pool when it loads."""
    argv = sys.argv[1:]
    for i, arg in enumerate(argv):
        if arg == "--threads" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--threads="):
            return arg.split("=", 1)[1]
    return "1"


# torch.set_num_threads(T) sets PyTorch's own threads only; Debian's PyTorch calls OpenBLAS, which would otherwise start
# one thread per core and spin them, so "threads=1" would use every core. T threads means T threads for both.
os.environ["OPENBLAS_NUM_THREADS"] = os.environ["OMP_NUM_THREADS"] = threads_from_argv()

import torch  # noqa: E402  (after the thread settings above)
from torch import nn  # noqa: E402


class Autoencoder(nn.Module):
    """encoder.rnn1 LSTM(F→H), encoder.rnn2 LSTM(H→E), z = last hidden state; decoder.rnn1 LSTM(E→E) fed z at every
    step, decoder.rnn2 LSTM(E→H), decoder.output_layer Linear(H→F)."""

    def __init__(self, features=1, embedding=64, hidden=128):
        super().__init__()
        self.rnn1 = nn.LSTM(features, hidden, batch_first=True)
        self.rnn2 = nn.LSTM(hidden, embedding, batch_first=True)
        self.rnn3 = nn.LSTM(embedding, embedding, batch_first=True)
        self.rnn4 = nn.LSTM(embedding, hidden, batch_first=True)
        self.output_layer = nn.Linear(hidden, features)

    def forward(self, x):
        h1, _ = self.rnn1(x)
        _, (z, _) = self.rnn2(h1)
        z = z[-1].unsqueeze(1).repeat(1, x.shape[1], 1)
        d1, _ = self.rnn3(z)
        d2, _ = self.rnn4(d1)
        return self.output_layer(d2)


def positive(kind):
    def parse(text):
        value = kind(text)
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be positive, got {text}")
        return value
    return parse


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=positive(int), default=64)
    parser.add_argument("--threads", type=positive(int), default=1)
    parser.add_argument("--seconds", type=positive(float), default=10.0)
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--model", choices=["autoencoder", "dense-ae", "classifier"], default="autoencoder")
    parser.add_argument("--arch", choices=["conv1d", "lstm", "conv1d-lstm"], default="conv1d")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    if args.model == "classifier":
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        from classifier_models import create
        model = create(args.arch).eval()
        beats = torch.rand(args.batch, 140) * 4 - 2
    elif args.model == "dense-ae":
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        from dense_autoencoder import DenseAutoencoder
        model = DenseAutoencoder().eval()
        beats = torch.rand(args.batch, 140) * 4 - 2
    else:
        model = Autoencoder().eval()
        beats = torch.rand(args.batch, 140, 1) * 4 - 2
    what = f"classifier {args.arch}" if args.model == "classifier" else args.model
    print(f"pytorch {torch.__version__}: {what} batch={args.batch} threads={args.threads} seconds={args.seconds} "
          f"OPENBLAS_NUM_THREADS={os.environ['OPENBLAS_NUM_THREADS']}", flush=True)

    with torch.inference_mode():
        def score():
            if args.model == "classifier":
                return torch.softmax(model(beats), dim=1)
            if args.model == "dense-ae":
                return (beats - model(beats)).abs().sum(dim=1)
            return (beats - model(beats)).abs().sum(dim=(1, 2))

        warm_up = time.perf_counter()
        while time.perf_counter() - warm_up < min(2.0, args.seconds / 2):
            score()

        latencies = []
        # CPU time of the whole process (every OpenBLAS thread, spinning ones included), as the C# benchmark reports it.
        cpu_at_start = time.process_time()
        start = last_report = time.perf_counter()
        while time.perf_counter() - start < args.seconds:
            t0 = time.perf_counter()
            score()
            latencies.append((time.perf_counter() - t0) * 1000)
            if time.perf_counter() - last_report >= 1:
                elapsed = time.perf_counter() - start
                print(f"  {elapsed:5.1f} s: {len(latencies) * args.batch / elapsed:10.1f} beats/s", flush=True)
                last_report = time.perf_counter()
        elapsed = time.perf_counter() - start
        cpu_seconds = time.process_time() - cpu_at_start

    latencies.sort()
    def percentile(q):
        return latencies[min(len(latencies) - 1, max(0, int(-(-q * len(latencies) // 1)) - 1))]
    print(f"batches={len(latencies)} p50_ms={percentile(0.50):.3f} p99_ms={percentile(0.99):.3f} "
          f"per_beat_p50_ms={percentile(0.50) / args.batch:.4f}")
    print(f"cpu_seconds={cpu_seconds:.2f} beats_per_cpu_second={len(latencies) * args.batch / cpu_seconds:.1f}")
    print(f"beats_per_second={len(latencies) * args.batch / elapsed:.1f} batch={args.batch} threads={args.threads}")


if __name__ == "__main__":
    sys.exit(main())
