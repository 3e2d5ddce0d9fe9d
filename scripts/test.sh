#!/usr/bin/env bash
# Quick start 2: install what is missing, build with warnings as errors, and run every test
# suite (unit, integration against the simulator over HTTPS, conformance with the real kubectl,
# UI tests offscreen). CI runs exactly this.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/bootstrap.sh"
"$root/scripts/build.sh" ci
export QT_QPA_PLATFORM=offscreen
cd "$root/build/ci"
ctest --output-on-failure --timeout 600 -j 2 "$@"
