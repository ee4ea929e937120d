#!/bin/sh
# Runs `recollect validate bag` over the Library of Congress bagit-conformance-suite and
# counts valid bags that pass and invalid bags that are refused (linux-only bags are invalid
# ones; warning bags may go either way and are listed apart).
#
#   BAGIT_SUITE=/path/to/bagit-conformance-suite RECOLLECT=target/debug/recollect \
#     sh scripts/conformance-bagit.sh
set -u
suite=${BAGIT_SUITE:?set BAGIT_SUITE to a checkout of LibraryOfCongress/bagit-conformance-suite}
recollect=${RECOLLECT:-recollect}
valid=0 valid_ok=0 invalid=0 invalid_ok=0 warning=0 warning_ok=0
for bag in "$suite"/v*/*/*/; do
  bag=${bag%/}
  category=$(basename "$(dirname "$bag")")
  case $category in windows-only) continue ;; esac
  if "$recollect" validate bag "$bag" >/dev/null 2>/tmp/conformance-bagit.err; then passed=1; else passed=0; fi
  name=${bag#"$suite"/}
  case $category in
    valid)
      valid=$((valid + 1))
      if [ $passed = 1 ]; then valid_ok=$((valid_ok + 1)); else echo "REFUSED valid $name: $(tail -1 /tmp/conformance-bagit.err)"; fi ;;
    invalid|linux-only)
      invalid=$((invalid + 1))
      if [ $passed = 0 ]; then invalid_ok=$((invalid_ok + 1)); else echo "PASSED invalid $name"; fi ;;
    warning)
      warning=$((warning + 1))
      if [ $passed = 1 ]; then warning_ok=$((warning_ok + 1)); echo "passed  warning $name"; else echo "refused warning $name: $(tail -1 /tmp/conformance-bagit.err)"; fi ;;
  esac
done
echo
echo "BagIt conformance: $valid_ok of $valid valid bags pass; $invalid_ok of $invalid invalid bags are refused (invalid and linux-only); $warning_ok of $warning warning bags pass"
[ $valid_ok = $valid ] && [ $invalid_ok = $invalid ]
