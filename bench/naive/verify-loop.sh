#!/usr/bin/env bash
# Naive verify: per module, `git ls-remote` of its ref and one find_spec process; then `pip install -e` of each DIR.
# usage: verify-loop.sh PYTHON BASE MODULES_FILE [DIR...]
set -euo pipefail
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1
python=$1 base=$2 modules=$3
shift 3
while read -r repo name; do
  git ls-remote "$base/$repo" main >/dev/null
  "$python" -c 'import importlib.util, sys; sys.exit(importlib.util.find_spec(sys.argv[1]) is None)' "$name"
done <"$modules"
for dir in "$@"; do
  "$python" -m pip install --quiet --no-build-isolation --no-deps --no-index -e "$dir"
done
