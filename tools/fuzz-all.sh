#!/usr/bin/env bash
# Fuzzes every Jazzer target of the project in turn for a chosen time each and prints one
# summary line per target (executions, seconds, corpus). Usage, from the repository root:
#
#   tools/fuzz-all.sh 10m                       # every target, 10 minutes each
#   tools/fuzz-all.sh 2m 'KeyFuzzTest#*'        # only targets matching a glob
#
# Logs go to target/fuzz-logs/<Class>-<method>.log. A finding fails that target's run; Jazzer
# writes its reproducer next to the seeds (src/test/resources/<package>/<Class>Inputs/<method>/
# crash-*), where `mvn verify` replays it from then on. Each run is
#   JAZZER_FUZZ=1 mvn -B -o -pl <module> -am test -Dtest=<Class>#<method> \
#       -Dsurefire.failIfNoSpecifiedTests=false -Djazzer.max_duration=<duration>
set -uo pipefail
cd "$(dirname "$0")/.."
duration="${1:-10m}"
filter="${2:-*}"
targets=(
  store-api:MultiaddrFuzzTest#bytes store-api:MultiaddrFuzzTest#text
  store-api:PeerIdFuzzTest#bytes store-api:PeerIdFuzzTest#text
  store-api:KeyFuzzTest#publicKey store-api:KeyFuzzTest#privateKey store-api:KeyFuzzTest#rawKey
  store-api:RecordFuzzTest#envelope store-api:RecordFuzzTest#peerRecord
  store-api:RecordFuzzTest#signedPeerRecord
  store-api:MetadataValuesFuzzTest#decode
  store-rocksdb:StoredValueFuzzTest#addrSet store-rocksdb:StoredValueFuzzTest#protocolSet
  store-rocksdb:StoredValueFuzzTest#record store-rocksdb:StoredValueFuzzTest#keys
  store-rocksdb:StoredValueFuzzTest#storeKeyAndString
  store-rocksdb:StoredValueFuzzTest#encryptedPrivKey
  store-tool:ImportLineFuzzTest#line
)
mkdir -p target/fuzz-logs
for entry in "${targets[@]}"; do
  module="${entry%%:*}"
  t="${entry#*:}"
  # shellcheck disable=SC2053
  [[ "$t" == $filter ]] || continue
  log="target/fuzz-logs/${t/\#/-}.log"
  JAZZER_FUZZ=1 mvn -B -o -pl "$module" -am test -Dtest="$t" -Djazzer.max_duration="$duration" \
    -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1
  rc=$?
  done_line=$(grep -E '^Done [0-9]+ runs' "$log" | tail -1)
  stats=$(grep -E '#[0-9]+[[:space:]]+DONE' "$log" | tail -1)
  echo "$t rc=$rc ${done_line:-no Done line} | ${stats:-}"
done
