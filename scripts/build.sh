#!/usr/bin/env bash
# Configures and builds one CMake preset (default: release). Uses ccache when present.
set -euo pipefail
preset="${1:-release}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
launcher=()
command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake --preset "$preset" "${launcher[@]}" >/dev/null
cmake --build --preset "$preset" -j "$(nproc)"
