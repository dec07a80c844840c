#!/usr/bin/env bash
# The naive cold fetch: one plain `git clone` per module repository, one after the other.
# usage: clone-loop.sh BASE_URL REPO_NAMES_FILE DEST_DIR
set -euo pipefail
base=$1
dest=$3
while read -r repo; do
  git clone --quiet "$base/$repo" "$dest/$repo"
done <"$2"
