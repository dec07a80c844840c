#!/usr/bin/env bash
# One `git ls-remote` per repository, one after the other: what pinning costs when scripted naively.
# usage: ls-remote-loop.sh BASE_URL REPO_NAMES_FILE
set -euo pipefail
base=$1
while read -r repo; do
  git ls-remote "$base/$repo" main >/dev/null
done <"$2"
