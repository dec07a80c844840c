#!/usr/bin/env bash
# Naive cold fetch: one `git clone` per module, one after the other.
# usage: clone-loop.sh BASE MODULES_FILE DEST
set -euo pipefail
while read -r repo _; do
  git clone --quiet "$1/$repo" "$3/$repo"
done <"$2"
