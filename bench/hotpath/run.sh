#!/usr/bin/env bash
# ./catalyst bench [--smoke] [--levels 1,50,200,1000] [--rounds N] [--no-portkey] [--out DIR]
# Called by the launcher after it built the jar; JAVA_HOME is its JDK. See BENCHMARKS.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
: "${JAVA_HOME:?run this through ./catalyst bench}"
command -v node >/dev/null || { echo "catalyst bench: Node.js 20+ is needed (apt-get install nodejs)" >&2; exit 2; }
if [[ " $* " != *" --smoke "* && " $* " != *" --no-portkey "* && ! -d "$ROOT/bench/portkey/node_modules" ]]; then
  # --ignore-scripts: its postinstall (patch-package) has no patches in the published package
  (cd "$ROOT/bench/portkey" && npm ci --ignore-scripts --no-audit --no-fund --silent)
fi
export CATALYST_CLASSPATH="$ROOT/server/target/catalyst.jar:$ROOT/server/target/lib/*"
exec node "$ROOT/bench/hotpath/bench.mjs" "$@"
