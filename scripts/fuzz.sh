#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan) and runs each for a bounded time, starting
# from the seed corpus in tests/fuzz/corpus/NAME (and, for the object decoders, the JSON fixtures
# of the tests), kept read-only: new inputs go to a temp dir.
# Any crash, leak or sanitizer report fails the script. Usage: scripts/fuzz.sh [SECONDS_EACH]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-30}"
cd "$root"
cmake --preset fuzz >/dev/null
mapfile -t targets < <(cd tests/fuzz && ls *_fuzz.cpp | sed 's/\.cpp$//')
cmake --build --preset fuzz --target "${targets[@]}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for t in "${targets[@]}"; do
  corpus="$work/$t"
  mkdir -p "$corpus"
  seeds=()
  [[ -d "tests/fuzz/corpus/$t" ]] && seeds+=("$root/tests/fuzz/corpus/$t")
  # The decoders start from the real objects the tests use.
  [[ "$t" == object_decoder_fuzz ]] && seeds+=("$root/tests/fixtures/objects")
  echo "fuzz: $t for ${seconds}s"
  (cd "$work" && "$root/build/fuzz/tests/fuzz/$t" -max_total_time="$seconds" -timeout=10 \
     -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 "$corpus" "${seeds[@]}" 2>&1 | tail -n 15)
done
