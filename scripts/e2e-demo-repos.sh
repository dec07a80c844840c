#!/usr/bin/env bash
# For the e2e workflow: turns examples/modules/* into git repositories under $RUNNER_TEMP/demo/repos and writes
# $RUNNER_TEMP/demo/demo.md, the example profile with each `../modules/<name>` source replaced by its repository.
# Run from the repository root with fixed GIT_*_DATE/NAME/EMAIL so every job makes the same commits.
set -euo pipefail

temp="${RUNNER_TEMP:?RUNNER_TEMP is not set}"
# Git for Windows wants D:/a/_temp, not D:\a\_temp; a URL path starts with a slash.
if command -v cygpath >/dev/null 2>&1; then temp="$(cygpath -m "$temp")"; fi
url_base="$temp"
case "$url_base" in /*) ;; *) url_base="/$url_base" ;; esac

demo="$temp/demo"
mkdir -p "$demo/repos"
for dir in examples/modules/*/; do
  name="$(basename "$dir")"
  cp -R "$dir" "$demo/repos/$name"
  git -C "$demo/repos/$name" init -q -b main
  git -C "$demo/repos/$name" -c core.autocrlf=false add -A
  git -C "$demo/repos/$name" commit -q -m "$name"
done
sed -E "s#source: \.\./modules/([A-Za-z0-9_.-]+)#source: git+file://$url_base/demo/repos/\1@main#" \
  examples/profiles/demo.md > "$demo/demo.md"
grep -c 'source: git+file://' "$demo/demo.md"
