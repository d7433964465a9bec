#!/usr/bin/env bash
# Runs the CPU engine benchmark and its PyTorch twin side by side for batch 1, 8, 64, 256 × threads 1, 2 and prints
# a markdown table (beats/s, ours vs PyTorch). Usage: bash scripts/bench-engine.sh [seconds per run, default 5]
# Timings are wall-clock: run it on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
seconds=${1:-5}
[[ "$seconds" =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "error: seconds must be a number, got '$seconds'" >&2; exit 2; }
[[ -x /usr/bin/python3 ]] && /usr/bin/python3 -c "import torch" 2>/dev/null \
  || { echo "error: /usr/bin/python3 with torch is needed (bash scripts/install-system-packages.sh)" >&2; exit 1; }

dotnet build tests/Benchmarks -c Release -nologo -v q >/dev/null || { echo "error: build failed" >&2; exit 1; }

# The value of beats_per_second on a run's last line.
rate() { tail -n 1 | sed -n 's/^beats_per_second=\([0-9.]*\) .*/\1/p'; }

echo "| batch | threads | EcgStream CPU (beats/s) | PyTorch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)') (beats/s) | ratio |"
echo "|---:|---:|---:|---:|---:|"
for batch in 1 8 64 256; do
  for threads in 1 2; do
    ours=$(dotnet run -c Release --no-build --project tests/Benchmarks -- engine --batch "$batch" --threads "$threads" --seconds "$seconds" | rate)
    theirs=$(/usr/bin/python3 scripts/bench_pytorch.py --batch "$batch" --threads "$threads" --seconds "$seconds" | rate)
    ratio=$(awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "%.2f", a / b }')
    echo "| $batch | $threads | $ours | $theirs | ${ratio}x |"
  done
done
