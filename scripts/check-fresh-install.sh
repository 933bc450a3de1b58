#!/bin/sh
# A fresh clone of HEAD, `npm install` (what CI runs), then `git status` must be clean: the
# lockfile must not change. Slow (a full install, about a minute): run it after a dependency
# change (`npm run check:fresh-install`); test/unit/dependencies.unit.test.ts checks the usual
# causes in seconds.
set -eu
repo=$(git rev-parse --show-toplevel)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
git clone -q "$repo" "$dir/clone"
cd "$dir/clone"
npm install --no-audit --no-fund >"$dir/install.log" 2>&1 || { cat "$dir/install.log"; exit 1; }
changes=$(git status --porcelain)
if [ -n "$changes" ]; then
  echo "npm install on a fresh clone changed the working tree:" >&2
  echo "$changes" >&2
  git --no-pager diff --stat >&2
  exit 1
fi
echo "fresh clone + npm install: working tree clean"
