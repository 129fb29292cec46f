#!/bin/sh
# Local embeddings, Java provider vs ONNX Runtime's Node binding, interleaved round by round in one
# run (see BENCHMARKS.md). Needs: mvn -B -q package -pl bench -am -DskipTests -Djacoco.skip=true,
# and in this folder ONNXRUNTIME_NODE_INSTALL=skip npm ci (the CPU binaries ship in the package;
# "skip" stops the install script from fetching CUDA files).
set -e
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/bench/target/local-embeddings"
threads=${1:-$(nproc)}
rounds=${2:-7}
echo "load average before: $(cat /proc/loadavg)"
node "$here/ort.mjs" "$out" "$rounds" \
  java --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED \
  -cp "$root/bench/target/classes:$(cat "$root/bench/target/classpath.txt")" \
  dev.catalyst.bench.LocalEmbeddingThroughput "$out" "$threads"
echo "load average after: $(cat /proc/loadavg)"
