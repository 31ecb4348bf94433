#!/usr/bin/env bash
# Installs what reprint needs to build and test on Debian 12, if missing.
# Needs root (or sudo) only when something is missing.
set -euo pipefail

PKGS="g++ cmake make pkg-config libabsl-dev libeigen3-dev libxxhash-dev
libutf8proc-dev libsimdjson-dev libpsl-dev libgtest-dev libgmock-dev libbenchmark-dev
python3 time"

missing=""
for p in $PKGS; do
  dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "setup: installing:$missing" >&2
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
