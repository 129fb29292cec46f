#!/usr/bin/env bash
# ./catalyst bench scale [--smoke] [--levels 1,50] [--clients 16,64,256] [--seconds 20] [--cross-runs 300]
#                        [--cross-concurrency 1,20] [--warmup-seconds 30] [--out DIR]
# Called by the launcher after it built the jar; JAVA_HOME is its JDK. Needs nginx (scripts/install-test-deps.sh)
# and PostgreSQL on 127.0.0.1:5432 reachable as user postgres (it creates and drops its own databases).
# See BENCHMARKS.md, "Many instances".
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
: "${JAVA_HOME:?run this through ./catalyst bench scale}"
command -v node >/dev/null || { echo "catalyst bench scale: Node.js 20+ is needed (apt-get install nodejs)" >&2; exit 2; }
command -v psql >/dev/null || { echo "catalyst bench scale: psql is needed (apt-get install postgresql-client)" >&2; exit 2; }
export CATALYST_CLASSPATH="$ROOT/server/target/catalyst.jar:$ROOT/server/target/lib/*"
exec node "$ROOT/bench/scale/bench.mjs" "$@"
