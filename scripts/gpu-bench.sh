#!/usr/bin/env bash
# Runs on the GPU machine (no .NET SDK needed): the CUDA engine's parity against the CPU engine for each RNN algorithm,
# then the engine benchmark with --device cuda for batch 1, 8, 64, 256, 1024, 8192 and each --rnn setting, then the
# same model in PyTorch on the same GPU, and prints a markdown table with the ratio. The benchmark comes as a
# self-contained trimmed publish (see docs/gpu-engine.md):
#   bash scripts/gpu-bench.sh [publish folder, default .gpu/bin] [seconds per run, default 5] [tf32: off|on, default off]
#                             [--rnn settings, comma-separated, default standard,persist-static,small-h,auto]
#                             [cuda graphs: off|on, default off]
# Time: about (seconds + 3) x 6 batches x the number of --rnn settings, plus PyTorch's six runs.
# The CUDA runtime, cuBLAS and cuDNN are taken from the machine's PyTorch installation (site-packages/nvidia/*/lib).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.gpu/bin}
seconds=${2:-5}
tf32=${3:-off}
rnns=${4:-standard,persist-static,small-h,auto}
graphs=${5:-off}
batches=(1 8 64 256 1024 8192)
[[ -x "$bin/EcgStream.Benchmarks" ]] || { echo "error: no $bin/EcgStream.Benchmarks (publish it first)" >&2; exit 2; }
[[ "$seconds" =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "error: seconds must be a number, got '$seconds'" >&2; exit 2; }
[[ "$tf32" == on || "$tf32" == off ]] || { echo "error: tf32 must be on or off, got '$tf32'" >&2; exit 2; }
[[ "$graphs" == on || "$graphs" == off ]] || { echo "error: cuda graphs must be on or off, got '$graphs'" >&2; exit 2; }
IFS=, read -r -a rnn_list <<< "$rnns"
for rnn in "${rnn_list[@]}"; do
  [[ "$rnn" =~ ^(auto|standard|persist-static|small-h)$ ]] || { echo "error: --rnn settings are auto, standard, persist-static, small-h; got '$rnn'" >&2; exit 2; }
done

nvidia=$(python3 -c "import nvidia; print(list(nvidia.__path__)[0])") || { echo "error: python3 has no nvidia packages (PyTorch with CUDA)" >&2; exit 1; }
export LD_LIBRARY_PATH="$(find "$nvidia" -name lib -type d | paste -sd:)${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export PYTHONUNBUFFERED=1
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader

# Parity for each setting: a fixed algorithm that cuDNN refuses logs its fallback line and is checked on standard.
for rnn in "${rnn_list[@]}"; do
  "$bin/EcgStream.Benchmarks" cuda-parity --beats 1024 --rnn "$rnn"
done

# A run's figures: its last line's beats_per_second and the p50/p99 line's batch latencies.
value() { sed -n "s/.*\b$1=\([0-9.]*\).*/\1/p" | tail -n 1; }
declare -A ours_rate ours_p50 ours_p99
for rnn in "${rnn_list[@]}"; do
  for batch in "${batches[@]}"; do
    # The engine's start-up lines (the auto table, fallbacks, graphs) go to stderr and so into the run's log.
    log=$("$bin/EcgStream.Benchmarks" engine --device cuda --tf32 "$tf32" --rnn "$rnn" --cuda-graphs "$graphs" --batch "$batch" --threads 1 --seconds "$seconds")
    echo "$log" | grep -v '^ ' >&2
    ours_rate[$rnn,$batch]=$(echo "$log" | value beats_per_second)
    ours_p50[$rnn,$batch]=$(echo "$log" | value p50_ms)
    ours_p99[$rnn,$batch]=$(echo "$log" | value p99_ms)
  done
done
torch_log=$(python3 scripts/bench_pytorch_cuda.py --batches "$(IFS=,; echo "${batches[*]}")" --seconds "$seconds" --tf32 "$tf32")
echo "$torch_log" >&2

echo
echo "tf32=$tf32 cuda-graphs=$graphs seconds=$seconds"
echo
echo "| --rnn | batch | EcgStream CUDA (beats/s) | p50 / p99 batch latency (ms) | PyTorch CUDA (beats/s) | p50 / p99 (ms) | ratio |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for rnn in "${rnn_list[@]}"; do
  for batch in "${batches[@]}"; do
    line=$(echo "$torch_log" | grep "^pytorch batch=$batch ")
    theirs=$(echo "$line" | value beats_per_second)
    ratio=$(awk -v a="${ours_rate[$rnn,$batch]}" -v b="$theirs" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "n/a" }')
    echo "| $rnn | $batch | ${ours_rate[$rnn,$batch]} | ${ours_p50[$rnn,$batch]} / ${ours_p99[$rnn,$batch]} | $theirs | $(echo "$line" | value p50_ms) / $(echo "$line" | value p99_ms) | ${ratio}x |"
  done
done
