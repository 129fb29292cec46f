#!/usr/bin/env bash
# Builds the canvas (ui/) into ui/dist with the system's npm. Installs dependencies from the
# lockfile (npm ci) when node_modules is missing or older than the lockfile.
#   scripts/build-ui.sh          build if ui sources are newer than ui/dist/index.html
#   scripts/build-ui.sh --force  build anyway
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
UI="$ROOT/ui"

command -v npm >/dev/null || { echo "build-ui: npm is needed to build the canvas (Node.js 20.19+): apt-get install nodejs npm" >&2; exit 2; }

# True when some ui source or build file is newer than the last build.
ui_stale() {
  [ -f "$UI/dist/index.html" ] || return 0
  [ -n "$(find "$UI" -path "$UI/node_modules" -prune -o -path "$UI/dist" -prune -o -path "$UI/test" -prune -o -path "$UI/e2e" -prune -o \
      -type f -newer "$UI/dist/index.html" -print -quit)" ]
}

# npm ci when node_modules is missing or the lockfile changed since it was installed.
ensure_deps() {
  local marker="$UI/node_modules/.package-lock.json"
  if [ ! -f "$marker" ] || [ "$UI/package-lock.json" -nt "$marker" ]; then
    echo "build-ui: npm ci…" >&2
    (cd "$UI" && npm ci --no-audit --no-fund --loglevel=error) >&2
  fi
}

if [ "${1:-}" = "--deps" ]; then ensure_deps; exit 0; fi
if [ "${1:-}" != "--force" ] && ! ui_stale; then exit 0; fi
ensure_deps
echo "build-ui: building the canvas…" >&2
(cd "$UI" && npm run --silent build) >&2
