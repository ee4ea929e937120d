#!/usr/bin/env bash
# Does a clone of this commit pass `make test` with nothing beside it, as a newcomer's would?
# Clones HEAD into an empty temporary folder (no ../shared, no node_modules, no built UI) and runs
# `make test` there, timing it. The cargo target folder is new and empty too, unless
# KEEP_TARGET=1 (then this checkout's target folder is reused: a warm run). Uncommitted changes
# are not in the clone: commit first. RUNS=2 runs `make test` a second time in the same clone,
# with nothing changed (the warm figure). The folder is removed afterwards unless KEEP=1.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
commit="$(git -C "$repo" rev-parse HEAD)"
if [ -n "$(git -C "$repo" status --porcelain --untracked-files=no)" ]; then
  echo "newcomer check: uncommitted changes are not checked (the clone is of $commit)" >&2
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/recollect-newcomer.XXXXXX")"
cleanup() { [ "${KEEP:-0}" = 1 ] || rm -rf "$work"; }
trap cleanup EXIT

git clone --quiet --no-local "$repo" "$work/recollect"
git -C "$work/recollect" checkout --quiet "$commit"
if [ "${KEEP_TARGET:-0}" = 1 ]; then
  export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target}"
else
  export CARGO_TARGET_DIR="$work/target"
fi

echo "newcomer check: make test in $work/recollect (commit ${commit:0:10}, target $CARGO_TARGET_DIR)"
for run in $(seq 1 "${RUNS:-1}"); do
  start=$(date +%s)
  status=0
  (cd "$work/recollect" && make test) || status=$?
  seconds=$(($(date +%s) - start))
  printf 'newcomer check, run %d: make test %s in %dm%02ds\n' "$run" \
    "$([ $status = 0 ] && echo passed || echo FAILED)" $((seconds / 60)) $((seconds % 60))
  [ $status = 0 ] || exit $status
done
