#!/usr/bin/env bash
# Installs everything trtc-emulator needs to build, run and test, from Debian packages
# (and the npm registry for the official UserSig generator and puppeteer-core, which the
# tests use). Run as root.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
cd "$(dirname "$0")/.."

packages=(
  g++ cmake make
  libboost-dev libboost-program-options-dev rapidjson-dev libsqlite3-dev libssl-dev zlib1g-dev
  libgtest-dev
  # Real clients of the HTTPS tests (an app's curl and Python requests), and a CA store.
  curl python3 python3-requests ca-certificates
  clang libclang-rt-14-dev  # libFuzzer and its sanitizers, for tests/fuzz
  chromium  # the dashboard's browser test (tests/browser), driven headless by puppeteer-core
)
# Node.js runs the official UserSig generator in the tests; keep one that is already there.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

apt-get update -qq
apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
(cd tests/node && npm install --no-audit --no-fund --loglevel=error)
