#!/usr/bin/env bash
# Naive audit: one Python process per module asking the import system for it.
# usage: find-spec-loop.sh PYTHON MODULES_FILE
set -euo pipefail
while read -r _ name; do
  "$1" -c 'import importlib.util, sys; sys.exit(importlib.util.find_spec(sys.argv[1]) is None)' "$name"
done <"$2"
