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

echo "== Java tests (mvn verify: tests + coverage gate)"
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
mvn -B verify "$@"

echo "== examples validate"
./catalyst validate examples/*.json

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
