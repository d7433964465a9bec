#!/usr/bin/env bash
# Runs on the GPU machine (no .NET SDK needed): the CUDA engine's parity against the CPU engine, then the engine
# benchmark with --device cuda for batch 1, 64, 1024, 8192, then the same model in PyTorch on the same GPU, and prints
# a markdown table with the ratio. The benchmark comes as a self-contained trimmed publish (see README "GPU engine"):
#   bash scripts/gpu-bench.sh [publish folder, default .gpu/bin] [seconds per run, default 5] [tf32: off|on, default off]
# The CUDA runtime, cuBLAS and cuDNN are taken from the machine's PyTorch installation (site-packages/nvidia/*/lib).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.gpu/bin}
seconds=${2:-5}
tf32=${3:-off}
[[ -x "$bin/EcgStream.Benchmarks" ]] || { echo "error: no $bin/EcgStream.Benchmarks (publish it first)" >&2; exit 2; }
[[ "$seconds" =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "error: seconds must be a number, got '$seconds'" >&2; exit 2; }
[[ "$tf32" == on || "$tf32" == off ]] || { echo "error: tf32 must be on or off, got '$tf32'" >&2; exit 2; }

nvidia=$(python3 -c "import nvidia; print(list(nvidia.__path__)[0])") || { echo "error: python3 has no nvidia packages (PyTorch with CUDA)" >&2; exit 1; }
export LD_LIBRARY_PATH="$(find "$nvidia" -name lib -type d | paste -sd:)${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export PYTHONUNBUFFERED=1
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader

"$bin/EcgStream.Benchmarks" cuda-parity --beats 1024

# A run's figures: its last line's beats_per_second and the p50/p99 line's batch latencies.
value() { sed -n "s/.*\b$1=\([0-9.]*\).*/\1/p" | tail -n 1; }
declare -A ours_rate ours_p50 ours_p99
for batch in 1 64 1024 8192; do
  log=$("$bin/EcgStream.Benchmarks" engine --device cuda --tf32 "$tf32" --batch "$batch" --threads 1 --seconds "$seconds")
  echo "$log" | grep -v '^ ' >&2
  ours_rate[$batch]=$(echo "$log" | value beats_per_second)
  ours_p50[$batch]=$(echo "$log" | value p50_ms)
  ours_p99[$batch]=$(echo "$log" | value p99_ms)
done
torch_log=$(python3 scripts/bench_pytorch_cuda.py --batches 1,64,1024,8192 --seconds "$seconds" --tf32 "$tf32")
echo "$torch_log" >&2

echo
echo "| batch | EcgStream CUDA (beats/s) | p50 / p99 batch latency (ms) | PyTorch CUDA (beats/s) | p50 / p99 (ms) | ratio |"
echo "|---:|---:|---:|---:|---:|---:|"
for batch in 1 64 1024 8192; do
  line=$(echo "$torch_log" | grep "^pytorch batch=$batch ")
  theirs=$(echo "$line" | value beats_per_second)
  ratio=$(awk -v a="${ours_rate[$batch]}" -v b="$theirs" 'BEGIN { printf "%.2f", a / b }')
  echo "| $batch | ${ours_rate[$batch]} | ${ours_p50[$batch]} / ${ours_p99[$batch]} | $theirs | $(echo "$line" | value p50_ms) / $(echo "$line" | value p99_ms) | ${ratio}x |"
done
