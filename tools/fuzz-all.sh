#!/usr/bin/env bash
# Fuzzes every Jazzer target of store-api in turn for a chosen time each and prints one summary
# line per target (executions, seconds, corpus size, outcome). Usage, from the repository root:
#
#   tools/fuzz-all.sh 10m                 # every target, 10 minutes each
#   tools/fuzz-all.sh 2m 'KeyFuzzTest#*'  # only matching targets
#
# Logs go to target/fuzz-logs/<Class>-<method>.log. A finding fails that target's run; Jazzer
# writes its reproducer next to the seeds (src/test/resources/org/peerstore/fuzz/<Class>Inputs/
# <method>/crash-*), where `mvn verify` replays it from then on.
set -uo pipefail
cd "$(dirname "$0")/.."
duration="${1:-10m}"
filter="${2:-*}"
targets=(
  MultiaddrFuzzTest#bytes MultiaddrFuzzTest#text
  PeerIdFuzzTest#bytes PeerIdFuzzTest#text
  KeyFuzzTest#publicKey KeyFuzzTest#privateKey KeyFuzzTest#rawKey
  RecordFuzzTest#envelope RecordFuzzTest#peerRecord RecordFuzzTest#signedPeerRecord
  MetadataValuesFuzzTest#decode
)
mkdir -p target/fuzz-logs
for t in "${targets[@]}"; do
  # shellcheck disable=SC2053
  [[ "$t" == $filter ]] || continue
  log="target/fuzz-logs/${t/\#/-}.log"
  JAZZER_FUZZ=1 mvn -B -o -pl store-api test -Dtest="$t" -Djazzer.max_duration="$duration" \
    -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1
  rc=$?
  done_line=$(grep -E '^Done [0-9]+ runs' "$log" | tail -1)
  stats=$(grep -E '#[0-9]+[[:space:]]+DONE' "$log" | tail -1)
  echo "$t rc=$rc ${done_line:-no Done line} | ${stats:-}"
done
