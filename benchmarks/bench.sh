#!/usr/bin/env bash
# Runs the peerstore JMH suite and regenerates its report (see README.md).
#
#   benchmarks/bench.sh quick [JMH options...]   quick profile (minutes on 2 cores)
#   benchmarks/bench.sh targets [JMH options...] what the targets compare, longer (~16 min)
#   benchmarks/bench.sh durability [JMH options...] issue 16: writes per durability mode,
#                                                1/2/4-thread scaling, go's shapes (~25 min)
#   benchmarks/bench.sh full  [JMH options...]   full profile (roughly 1-1.5 hours on 2 cores)
#   benchmarks/bench.sh report [PROFILE]         only regenerate table + chart from the JSON
#                                                (and the notes recorded with it)
#   benchmarks/bench.sh scale [ScaleRun options] the scale run (default 1,000,000 peers)
#
# Results go to benchmarks/results/: PROFILE/*.json (JMH's output), PROFILE.md (table),
# PROFILE.png (chart), PROFILE.notes (machine and load); the quick profile's table is also
# spliced into README.md. The jar is built first if it is missing (set REBUILD=1 to force).
# JAVA_OPTS_SCALE sets the scale run's JVM options (default -Xmx1g).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
jar="$here/target/benchmarks.jar"
results="$here/results"
command="${1:-quick}"
[ $# -gt 0 ] && shift

build() {
  if [ ! -f "$jar" ] || [ "${REBUILD:-0}" = 1 ]; then
    echo "building $jar ..."
    (cd "$root" && mvn -B -q -pl benchmarks -am package -DskipTests)
  fi
}

loadavg() {
  cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a
}

# Regenerates PROFILE.md and PROFILE.png from the JSON parts in PROFILE/ with the notes recorded
# at run time (PROFILE.notes, one line per note).
report() {
  local profile="$1"
  local parts=("$results/$profile"/*.json)
  if [ ! -f "${parts[0]}" ]; then
    echo "no results in $results/$profile/: run '$0 $profile' first" >&2
    exit 1
  fi
  local args=(--out "$results" --name "$profile" --title "peerstore JMH, $profile profile")
  [ "$profile" = quick ] && args+=(--readme "$here/README.md")
  if [ -f "$results/$profile.notes" ]; then
    while IFS= read -r note; do
      [ -n "$note" ] && args+=(--note "$note")
    done < "$results/$profile.notes"
  fi
  java -cp "$jar" org.peerstore.bench.report.ResultsReport "${parts[@]}" "${args[@]}"
}

# Runs JMH once: part name, then JMH arguments; writes $results/$profile/PART.json.
jmh() {
  local part="$1"
  shift
  java -jar "$jar" -prof org.peerstore.bench.CpuProfiler "$@" -rf json \
    -rff "$results/$profile/$part.json" | tee -a "$here/target/$profile.log"
}

case "$command" in
  quick | targets | durability | full)
    build
    profile="$command"
    rm -rf "${results:?}/$profile" "$here/target/$profile.log"
    mkdir -p "$results/$profile"
    before="$(loadavg)"
    # The one-shot benchmarks (inserts of new peers, 10,000 per shot) and the churn.
    oneshot='addAddrsNewPeer|consumePeerRecord|keyPut|protocolsAdd'
    if [ "$profile" = quick ]; then
      # 10 addresses per peer only, one fork, short iterations, no 4-thread variants; the
      # one-shot benchmarks get 5 + 5 shots and the churn 1 + 2.
      jmh 1-average -e "Threads4|Churn|$oneshot" -p addrsPerPeer=10 -f 1 -wi 3 -w 200ms -i 5 -r 200ms "$@"
      jmh 2-oneshot "$oneshot" -p addrsPerPeer=10 -f 1 -wi 5 -i 5 "$@"
      jmh 3-churn Churn -f 1 -wi 1 -i 2 "$@"
    elif [ "$profile" = targets ]; then
      # Only what issue 5's targets compare, 10 addresses, measured longer: 2 forks,
      # 5 x 500 ms warmup and 8 x 500 ms measurement; one-shot benchmarks 10 + 10 shots.
      jmh 1-average -p addrsPerPeer=10 -f 2 -wi 5 -w 500ms -i 8 -r 500ms \
        'AddrBookBenchmark\.(addrsHit|addAddrsExtend|setAddrs)$' 'KeyBenchmark\.keyGet$' \
        'ProtocolBenchmark\.protocols(Get|Supports)$' 'RecordBenchmark\.peerRecord$' "$@"
      jmh 2-oneshot -p addrsPerPeer=10 -f 2 -wi 10 -i 10 \
        'AddrBookBenchmark\.addAddrsNewPeer$' 'RecordBenchmark\.consumePeerRecord$' "$@"
    elif [ "$profile" = durability ]; then
      # Issue 16: the writes of every durability mode against memory and raw RocksDB, the
      # write path with 1, 2 and 4 threads on one fixture, peersWithAddrs over 10,000 peers
      # (10 addresses, 2 forks, 5 x 500 ms warmup, 8 x 500 ms measurement); the one-shot
      # consumePeerRecord (10 + 10 shots); go's benchmark shapes (1 fork, shorter).
      stores='memory,rocksdb,rocksdb-nocache,rocksdb-grouped,baseline-rocksdb'
      jmh 1-average -p addrsPerPeer=10 -p impl="$stores" -f 2 -wi 5 -w 500ms -i 8 -r 500ms \
        'AddrBookBenchmark\.(addAddrsExtend|setAddrs|peersWithAddrs)$' \
        'ConcurrentBenchmark\.addAddrsExtendThreads[124]$' "$@"
      jmh 2-oneshot -p addrsPerPeer=10 -p impl="$stores" -f 2 -wi 10 -i 10 \
        'RecordBenchmark\.consumePeerRecord$' "$@"
      jmh 3-go-shapes -f 1 -wi 2 -w 500ms -i 4 -r 500ms 'GoShapesBenchmark' "$@"
    else
      # Everything with the annotations' settings: 2 forks, 5 x 1 s warmup and measurement,
      # one-shot benchmarks 10 + 10 shots, churn 2 + 5.
      jmh all "$@"
    fi
    {
      echo "Machine: $(nproc) cores, $(uname -sm); load average (1, 5, 15 min) $before at start," \
        "$(loadavg) at end."
      echo "Command: \`benchmarks/bench.sh $profile${*:+ $*}\`."
    } > "$results/$profile.notes"
    report "$profile"
    ;;
  report)
    build
    report "${1:-quick}"
    ;;
  scale)
    build
    mkdir -p "$results"
    # shellcheck disable=SC2086
    java ${JAVA_OPTS_SCALE:--Xmx1g} -cp "$jar" org.peerstore.bench.scale.ScaleRun \
      --out "$results/scale.md" "$@"
    ;;
  *)
    echo "usage: $0 quick|targets|durability|full [JMH options] | report [PROFILE] | scale [options]" >&2
    exit 2
    ;;
esac
