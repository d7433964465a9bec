#!/usr/bin/env bash
# Runs the whole test suite: installs what it needs, builds once, runs every test project,
# and ends with one line "N passed, N failed, N skipped" summed over the projects.
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
bash scripts/install-system-packages.sh || { echo "could not install system packages"; exit 1; }

dotnet build EcgStream.sln -c Release -nologo -v q || { echo "0 passed, 1 failed (build failed)"; exit 1; }

# Code style (.editorconfig): whitespace, usings and style rules; `dotnet format EcgStream.sln` fixes what this reports.
format_failed=0
dotnet format EcgStream.sln --verify-no-changes --no-restore -v q || { echo "formatting differs from .editorconfig (run: dotnet format EcgStream.sln)"; format_failed=1; }

log=$(mktemp)
# A test that hangs is killed after 10 minutes and named (blame), so a hang fails the run instead of stalling CI.
# The console logger at minimal prints a failed test's message, stack and output (quiet printed only its name).
dotnet test EcgStream.sln -c Release --no-build -nologo -v q --logger "console;verbosity=minimal" --blame-hang-timeout 10m 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# VSTest prints one summary per project: "Passed!  - Failed:     0, Passed:    12, Skipped:     1, Total: ..."
read -r passed failed skipped < <(grep -E '(Passed|Failed)! +- +Failed:' "$log" | awk -F'[:,]' '
  { f += $2; p += $4; s += $6 } END { print p+0, f+0, s+0 }')
rm -f "$log"
if (( status != 0 && failed == 0 )); then failed=1; fi
if (( format_failed )); then failed=$((failed + 1)); status=1; fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit $status
