#!/usr/bin/env bash
# Builds tools/bom-consumer, a project outside the reactor that imports peerstore-bom and runs
# the conformance suite from the peerstore-conformance artifact, against this checkout's
# artifacts. They are installed into a scratch local repository (under target/) whose tail is
# the usual ~/.m2/repository, read-only, so ~/.m2 is left as it was. Needs Maven 3.9+ for the
# tail (./mvnw). Usage, from the repository root, after `./mvnw verify` (or on its own):
#
#   tools/bom-consumer.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mvn="${MVN:-./mvnw}"
scratch="$PWD/target/bom-consumer"
rm -rf "$scratch"
mkdir -p "$scratch"
cp -r tools/bom-consumer "$scratch/project"
repo=(-Dmaven.repo.local="$scratch/repo" -Dmaven.repo.local.tail="$HOME/.m2/repository")
# The root pom has no parent: its first <version> is the project's.
version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -1)
[[ -n "$version" ]] || { echo "bom-consumer: no version in pom.xml" >&2; exit 2; }
# The library artifacts and the BOM; the tool and benchmarks are not needed.
"$mvn" -B -q install -DskipTests -Dmaven.javadoc.skip -Dmaven.source.skip "${repo[@]}" \
  -pl bom,store-api,store-conformance,store-memory -am
"$mvn" -B -f "$scratch/project/pom.xml" verify -Dpeerstore.version="$version" "${repo[@]}"
