#!/usr/bin/env bash
# Naive cold install: per module, `git clone` then `pip install -e` (offline, like the measured CLI run).
# usage: clone-pip-loop.sh PYTHON BASE MODULES_FILE DEST
set -euo pipefail
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1
while read -r repo _; do
  git clone --quiet "$2/$repo" "$4/$repo"
  "$1" -m pip install --quiet --no-build-isolation --no-deps --no-index -e "$4/$repo"
done <"$3"
