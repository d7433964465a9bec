#!/usr/bin/env bash
# The demo: an embedded Kafka broker, the ingest replaying synthetic beats and the detector with the shipped model, all
# in one process; a live line every second, a summary table at the end. Arguments go to the demo command:
#   ./demo.sh [--rate 500] [--seconds 20] [--patients 32] [--data DIR] [--model FILE] [--classifier FILE|none]
#             [--anomaly-fraction F] [--device auto|cpu|cuda] [--seed S]
# Relative paths in the arguments are taken from the directory you run it in.
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
if ! command -v dotnet >/dev/null; then
  echo "error: the demo needs the .NET 10 SDK (https://dotnet.microsoft.com/download)" >&2
  exit 2
fi
bash "$root/scripts/install-system-packages.sh"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
echo "building the tools (the demo, with the detector and the ingest) ..." >&2
dotnet build "$root/src/Tools" -c Release --nologo -v q >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
args=("$@")
if [[ " $* " != *" --model "* ]]; then args+=(--model "$root/models/ecg5000.safetensors"); fi
dotnet "$root/src/Tools/bin/Release/net10.0/EcgStream.Tools.dll" demo "${args[@]}"
