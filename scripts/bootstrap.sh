#!/usr/bin/env bash
# Installs the Debian packages ScaleDeck needs to build, test and run. Idempotent and silent
# when everything is present; needs no prompt (uses sudo only when not root).
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config ccache git
  qt6-base-dev qt6-charts-dev qt6-svg-dev qt6-tools-dev qtkeychain-qt6-dev libgl-dev
  libyaml-cpp-dev libsimdjson-dev nlohmann-json3-dev libcpp-httplib-dev libssl-dev zlib1g-dev
  libgtest-dev libgmock-dev libbenchmark-dev clang libclang-rt-14-dev
  prometheus xvfb xauth gnome-keyring dbus-x11 python3-kubernetes
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "bootstrap: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v kubectl >/dev/null 2>&1; then
  echo "bootstrap: warning: kubectl is not installed; the conformance tests need it" >&2
fi
