#!/usr/bin/env bash
# Installs everything nianbao needs to build, test and benchmark on a fresh Debian 12 machine
# (run as root). Debian packages only; safe to run again.
set -euo pipefail
packages=(
  build-essential cmake pkg-config git ca-certificates
  libicu-dev libsqlite3-dev libcurl4-openssl-dev libgumbo-dev libxml2-dev
  nlohmann-json3-dev libcli11-dev libcpp-httplib-dev libpoppler-cpp-dev libzip-dev libxlsxwriter-dev
  libssl-dev libgtest-dev libgmock-dev libbenchmark-dev sqlite3 python3 time
  libpq-dev postgresql
  chromium fonts-noto-cjk
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
