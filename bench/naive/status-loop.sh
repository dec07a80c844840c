#!/usr/bin/env bash
# Naive offline check of the clones: one `git status` per clone (is every tracked file there and unchanged).
# usage: status-loop.sh CLONES MODULES_FILE
set -euo pipefail
while read -r repo _; do
  test -z "$(git -C "$1/$repo" status --porcelain --untracked-files=no)"
done <"$2"
