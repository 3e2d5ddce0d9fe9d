#!/usr/bin/env bash
# Quick start 1: install what is missing, build, and start ScaleDeck on the embedded demo
# cluster. Without a display (no $DISPLAY / $WAYLAND_DISPLAY) the app runs offscreen
# (QT_QPA_PLATFORM=offscreen); to see it on a headless machine use: xvfb-run scripts/run-demo.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/bootstrap.sh"
"$root/scripts/build.sh" release
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "run-demo: no display found; running offscreen (use 'xvfb-run $0' to get a virtual screen)"
  export QT_QPA_PLATFORM=offscreen
fi
exec "$root/build/release/app/scaledeck" --demo "$@"
