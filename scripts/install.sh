#!/usr/bin/env bash
# The one install command: the system packages the tests use (git, zstd for the CI cache, Debian's Python build
# backends for real editable installs), then the npm packages. Safe to run again; apt runs only when something is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(git zstd python3 python3-venv python3-pip python3-setuptools python3-wheel python3-hatchling flit python3-poetry-core)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "installing system packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

npm ci --no-audit --no-fund
