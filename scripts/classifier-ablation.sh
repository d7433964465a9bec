#!/usr/bin/env bash
# Trains the beat classifier's ablation one run at a time — every architecture (conv1d, lstm, conv1d-lstm) × balance
# (none, smote) × protocol (ucr, seed), 12 runs, all with the train-classifier defaults otherwise — and prints a markdown
# table of the validation and test figures and the wall time of each run.
# Usage: bash scripts/classifier-ablation.sh [DATA_DIR, default ../shared/data/ECG5000] [OUT_DIR, default artifacts/classifier-ablation]
# Each run writes OUT_DIR/<protocol>-<arch>-<balance>/{classifier.safetensors,classifier-metrics.json,classifier-report.html,log.txt}.
# Timings are wall-clock: the load average before and after each run is printed beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
data=${1:-../shared/data/ECG5000}
out=${2:-artifacts/classifier-ablation}
[[ -d "$data" ]] || { echo "error: data directory '$data' does not exist (get ECG5000 from the UCR archive)" >&2; exit 1; }
command -v jq >/dev/null || { echo "error: jq is needed to read the metrics files (apt-get install jq)" >&2; exit 1; }

dotnet build src/Trainer -c Release -nologo -v q >/dev/null || { echo "error: build failed" >&2; exit 1; }
trainer=src/Trainer/bin/Release/net10.0/EcgStream.Trainer.dll

echo "commit $(git rev-parse --short HEAD), $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs))"
echo
echo "| protocol | arch | balance | val accuracy | val macro-F1 | test accuracy | test balanced acc. | test macro-F1 | test macro recall | epochs (kept) | wall (s) | load before → after |"
echo "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"
for protocol in ucr seed; do
  for arch in conv1d lstm conv1d-lstm; do
    for balance in none smote; do
      run="$out/$protocol-$arch-$balance"
      mkdir -p "$run"
      before=$(cut -d' ' -f1 /proc/loadavg)
      start=$(date +%s.%N)
      dotnet "$trainer" train-classifier --data "$data" --protocol "$protocol" --arch "$arch" --balance "$balance" \
        --out "$run/classifier.safetensors" > "$run/log.txt" 2>&1 || { echo "error: $protocol $arch $balance failed, see $run/log.txt" >&2; exit 1; }
      wall=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.0f", e - s }')
      after=$(cut -d' ' -f1 /proc/loadavg)
      m="$run/classifier-metrics.json"
      val=$(grep '^validation:' "$run/log.txt" | sed -E 's/.*accuracy ([0-9.]+), balanced accuracy [0-9.]+, macro-F1 ([0-9.]+).*/\1 \2/')
      epochs=$(grep -oE 'after [0-9]+ epochs' "$run/log.txt" | grep -oE '[0-9]+'); kept=$(grep -oE 'keeping epoch [0-9]+' "$run/log.txt" | grep -oE '[0-9]+')
      printf '| %s | %s | %s | %s | %s | %.4f | %.4f | %.4f | %.4f | %s (%s) | %s | %s → %s |\n' "$protocol" "$arch" "$balance" \
        ${val% *} ${val#* } "$(jq .accuracy "$m")" "$(jq .balancedAccuracy "$m")" "$(jq .macroF1 "$m")" "$(jq .macroRecall "$m")" \
        "$epochs" "$kept" "$wall" "$before" "$after"
    done
  done
done
