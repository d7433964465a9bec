#!/usr/bin/env bash
# Runs the CPU engine benchmark and its PyTorch twin side by side for batch 1, 8, 64, 256 × threads 1, 2 and prints
# a markdown table (beats/s and beats per CPU-second, ours vs PyTorch). Usage: bash scripts/bench-engine.sh [seconds per run, default 5]
# With a second argument `classifier`, it measures the beat classifiers instead: each architecture (conv1d, lstm,
# conv1d-lstm) × batch 1, 64 × threads 1, 2 against its twin in scripts/classifier_models.py:
#   bash scripts/bench-engine.sh 5 classifier
# Timings are wall-clock: run it on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
seconds=${1:-5}
model=${2:-autoencoder}
[[ "$seconds" =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "error: seconds must be a number, got '$seconds'" >&2; exit 2; }
[[ "$model" == autoencoder || "$model" == classifier ]] || { echo "error: model must be autoencoder or classifier, got '$model'" >&2; exit 2; }
[[ -x /usr/bin/python3 ]] && /usr/bin/python3 -c "import torch" 2>/dev/null \
  || { echo "error: /usr/bin/python3 with torch is needed (bash scripts/install-system-packages.sh)" >&2; exit 1; }

dotnet build tests/Benchmarks -c Release -nologo -v q >/dev/null || { echo "error: build failed" >&2; exit 1; }

# key=value fields of a run's output: value KEY < output.
value() { grep -o "\\b$1=[0-9.]*" | tail -n 1 | cut -d= -f2; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# Wall-clock beats/s is what the issue asks for; beats per CPU-second (all of the process's threads) is what other processes'
# load on a shared machine changes least, so both are shown, with the load average before and after.
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
if [[ "$model" == classifier ]]; then
  echo "| arch | batch | threads | EcgStream (beats/s) | PyTorch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)') (beats/s) | ratio | EcgStream (beats/CPU-s) | PyTorch (beats/CPU-s) | ratio | EcgStream batch p50 (ms) |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for arch in conv1d lstm conv1d-lstm; do
    for batch in 1 64; do
      for threads in 1 2; do
        ours=$(dotnet run -c Release --no-build --project tests/Benchmarks -- engine --model classifier --arch "$arch" --batch "$batch" --threads "$threads" --seconds "$seconds")
        theirs=$(/usr/bin/python3 scripts/bench_pytorch.py --model classifier --arch "$arch" --batch "$batch" --threads "$threads" --seconds "$seconds")
        a=$(value beats_per_second <<<"$ours"); b=$(value beats_per_second <<<"$theirs")
        ac=$(value beats_per_cpu_second <<<"$ours"); bc=$(value beats_per_cpu_second <<<"$theirs")
        echo "| $arch | $batch | $threads | $a | $b | $(ratio "$a" "$b")x | $ac | $bc | $(ratio "$ac" "$bc")x | $(value p50_ms <<<"$ours") |"
      done
    done
  done
  echo
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  exit 0
fi
echo "| batch | threads | EcgStream (beats/s) | PyTorch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)') (beats/s) | ratio | EcgStream (beats/CPU-s) | PyTorch (beats/CPU-s) | ratio | EcgStream batch p50 (ms) |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for batch in 1 8 64 256; do
  for threads in 1 2; do
    ours=$(dotnet run -c Release --no-build --project tests/Benchmarks -- engine --batch "$batch" --threads "$threads" --seconds "$seconds")
    theirs=$(/usr/bin/python3 scripts/bench_pytorch.py --batch "$batch" --threads "$threads" --seconds "$seconds")
    a=$(value beats_per_second <<<"$ours"); b=$(value beats_per_second <<<"$theirs")
    ac=$(value beats_per_cpu_second <<<"$ours"); bc=$(value beats_per_cpu_second <<<"$theirs")
    echo "| $batch | $threads | $a | $b | $(ratio "$a" "$b")x | $ac | $bc | $(ratio "$ac" "$bc")x | $(value p50_ms <<<"$ours") |"
  done
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
