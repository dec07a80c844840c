#!/usr/bin/env bash
# Naive cached warm: one `git fetch` per existing clone, one after the other.
# usage: fetch-loop.sh CLONES MODULES_FILE
set -euo pipefail
while read -r repo _; do
  git -C "$1/$repo" fetch --quiet origin main
done <"$2"
