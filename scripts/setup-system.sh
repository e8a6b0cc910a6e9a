#!/usr/bin/env bash
# Installs the Debian packages the full test suite and the board builds use.
# Run as root (or through sudo): npm run setup:system
set -euo pipefail
packages=(
  openssl # the test PKI: certificates made with the openssl command line at test time; s_server as a peer
  gnutls-bin # gnutls-serv: a second TLS 1.3 peer in test/peers/
  mosquitto # an MQTT broker with a TLS 1.3 listener in test/peers/
  wabt # wasm-interp and wasm-validate: the second engine and the feature check; wasm2c for boards
  # Boards (npm run build:c, test/boards.test.ts, npm run bench:boards):
  qemu-system-misc # qemu-system-riscv32 (esp32c3-sim), qemu-system-xtensa (esp8266-lx106)
  qemu-system-arm # mps2-an386 (cortex-m4), mps2-an505 (cortex-m33)
  gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf
  gcc-arm-none-eabi libnewlib-arm-none-eabi
  gcc-xtensa-lx106
  valgrind # callgrind: instruction counts of the native wasm2c build (bench:boards)
  # Fuzzing (npm run fuzz, test/fuzz.test.ts): clang with libFuzzer and the ASan/UBSan runtimes
  clang libclang-rt-14-dev
)
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update
$sudo apt-get install -y --no-install-recommends "${packages[@]}"
