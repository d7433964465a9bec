#!/usr/bin/env bash
# Installs the Debian packages EcgStream needs at run and test time. Idempotent: does nothing when all are present.
#   prometheus       a real Prometheus server and promtool, for the observability tests
#   chromium         headless browser for the report and live-page tests
#   ca-certificates  TLS roots for HTTPS downloads (NuGet restores)
# The Kafka client's native library is not installed here: Confluent.Kafka loads librdkafka from the librdkafka.redist
# package (its self-contained build on Debian, see src/Kafka/KafkaNativeLibrary.cs), so no system librdkafka is needed.
# Pass --with-python to also install PyTorch (fixtures and side-by-side benchmarks only, never needed to run).
set -euo pipefail
packages=(prometheus chromium ca-certificates)
if [[ "${1:-}" == "--with-python" ]]; then packages+=(python3-torch python3-numpy libopenblas0-pthread); fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if (( ${#missing[@]} == 0 )); then exit 0; fi

if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; else SUDO=; fi
echo "Installing system packages: ${missing[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
