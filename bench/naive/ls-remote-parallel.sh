#!/usr/bin/env bash
# One `git ls-remote` per repository, 8 at a time, asked with protocol version 0 as the CLI asks (the refs come in the
# server's first answer): the floor of a pin round done with git processes. Far more at once than 8 meets
# `git daemon`'s small listen backlog, and a dropped connection waits a second for its retry.
# usage: ls-remote-parallel.sh BASE_URL REPO_NAMES_FILE
set -euo pipefail
base=$1
xargs -P 8 -I '{}' git -c protocol.version=0 ls-remote "$base/{}" main <"$2" >/dev/null
