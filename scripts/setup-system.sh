#!/usr/bin/env bash
# Installs the Debian packages the full test suite and the board builds use.
# Run as root (or through sudo): npm run setup:system
set -euo pipefail
packages=(
  wabt # wasm-interp and wasm-validate: the second engine and the feature check
)
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update
$sudo apt-get install -y --no-install-recommends "${packages[@]}"
