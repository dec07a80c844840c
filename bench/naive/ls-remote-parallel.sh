#!/usr/bin/env bash
# One `git ls-remote` per repository, 8 at a time (the CLI's concurrency): the floor of a pin round done with git.
# usage: ls-remote-parallel.sh BASE_URL REPO_NAMES_FILE
set -euo pipefail
base=$1
xargs -P 8 -I '{}' git ls-remote "$base/{}" main <"$2" >/dev/null
