#!/usr/bin/env bash
# Runs every test the project has; exits non-zero on any failure.
# Java: unit and integration tests of every module, with JaCoCo's line-coverage gate (85% per module).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# The launcher exported JAVA_HOME (a JDK >= 21) before calling us.
: "${JAVA_HOME:?run this through ./catalyst test}"

echo "== test dependencies (nginx, PostgreSQL running)"
"$ROOT/scripts/install-test-deps.sh"

echo "== Java tests (mvn verify: tests + coverage gate), inside a D-Bus session with GNOME Keyring unlocked"
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
# the keychain tests run against this real Secret Service; CATALYST_REQUIRE_KEYCHAIN makes them fail, not skip, without it.
# A fresh XDG_DATA_HOME gives it a new, empty keyring (one left by an earlier run with another password would stay locked).
KEYRING_HOME="$(mktemp -d)"
trap 'rm -rf "$KEYRING_HOME"' EXIT
XDG_DATA_HOME="$KEYRING_HOME" dbus-run-session -- sh -c 'echo catalyst-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null && CATALYST_REQUIRE_KEYCHAIN=1 exec mvn -B verify "$@"' sh "$@"

echo "== examples validate"
./catalyst validate examples/*.json

echo "== Bench harness smoke (./catalyst bench --smoke: 1 stream, Catalyst only; fails on an error or a missing figure)"
BENCH_OUT="$(mktemp -d)"
./catalyst bench --smoke --out "$BENCH_OUT" >/dev/null
rm -rf "$BENCH_OUT"

echo "== Scale bench smoke (./catalyst bench scale --smoke: 1 and 3 instances on PostgreSQL behind nginx; fails on an error or a lost event)"
BENCH_OUT="$(mktemp -d)"
./catalyst bench scale --smoke --out "$BENCH_OUT" >/dev/null
rm -rf "$BENCH_OUT"

echo "== The official OpenAI SDK against /v1 (sdk-tests/, under ./catalyst start --simulate)"
(cd sdk-tests && npm ci --no-audit --no-fund --silent && npm test)

echo "== Canvas (ui/): npm ci, typecheck, unit tests"
scripts/build-ui.sh --deps
(cd ui && npm run --silent typecheck && npm test)

echo "== Canvas in Chromium (smoke on the fixture registry; the full browser tests need the server: ui/e2e)"
scripts/install-browser.sh
scripts/build-ui.sh
(cd ui && npm run --silent e2e:smoke)

echo "== Canvas in Chromium against ./catalyst start --simulate (build, connect, validate, stream, resume)"
(cd ui && npm run --silent e2e)
