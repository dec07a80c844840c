#!/usr/bin/env bash
# The naive audit: one Python process per module asking the import system for it.
# usage: find-spec-loop.sh PYTHON IMPORT_NAMES_FILE
set -euo pipefail
python=$1
missing=0
while read -r name; do
  "$python" -c 'import importlib.util, sys; sys.exit(importlib.util.find_spec(sys.argv[1]) is None)' "$name" || {
    echo "missing: $name" >&2
    missing=1
  }
done <"$2"
exit "$missing"
