#!/usr/bin/env bash
# The naive install: one `pip install -e` per module directory, offline like the benchmarked CLI run.
# usage: pip-install-loop.sh PYTHON MODULE_DIRS_FILE
set -euo pipefail
python=$1
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1
while read -r dir; do
  "$python" -m pip install --quiet --no-build-isolation --no-deps --no-index -e "$dir"
done <"$2"
