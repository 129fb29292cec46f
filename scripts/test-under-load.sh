#!/usr/bin/env bash
# Runs the whole suite (./catalyst test) N times in a row while every core is kept busy, to prove
# the tests do not depend on how fast the machine is. The load (one `yes` per core, plus one) is
# started and stopped here.
#   scripts/test-under-load.sh [RUNS]     default 3
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-3}"
burners=()
stop_load() { for p in "${burners[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap stop_load EXIT
for _ in $(seq 0 "$(nproc)"); do yes > /dev/null & burners+=("$!"); done
echo "== load: ${#burners[@]} busy processes on $(nproc) cores"
for i in $(seq 1 "$RUNS"); do
  start=$(date +%s)
  echo "== run $i of $RUNS (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  if "$ROOT/catalyst" test > "${TMPDIR:-/tmp}/catalyst-under-load-$i.log" 2>&1; then
    echo "== run $i: green in $(( $(date +%s) - start )) s (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  else
    echo "== run $i: FAILED after $(( $(date +%s) - start )) s; log: ${TMPDIR:-/tmp}/catalyst-under-load-$i.log"
    exit 1
  fi
done
