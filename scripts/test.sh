#!/usr/bin/env bash
# Quick start 2: install what is missing, build with warnings as errors, and run every test
# suite (unit, integration against the simulator over HTTPS, conformance with the real kubectl,
# UI tests offscreen), then run each libFuzzer target briefly. CI runs exactly this.
# Arguments go to ctest (e.g. `scripts/test.sh -L unit`); the fuzz run is then skipped.
# SCALEDECK_FUZZ_SECONDS sets the time per fuzz target (default 30; 0 skips fuzzing).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/bootstrap.sh"
"$root/scripts/build.sh" ci
export QT_QPA_PLATFORM=offscreen
(cd "$root/build/ci" && ctest --output-on-failure --timeout 600 -j 2 "$@")
fuzz_seconds="${SCALEDECK_FUZZ_SECONDS:-30}"
if [[ $# -eq 0 && "$fuzz_seconds" != 0 ]]; then
  "$root/scripts/fuzz.sh" "$fuzz_seconds"
fi
