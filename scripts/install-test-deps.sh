#!/usr/bin/env bash
# Installs and starts what the tests need beyond the JDK and Maven. Idempotent: safe to run twice.
set -euo pipefail

SUDO=""
if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null; then SUDO="sudo"; fi

# nginx: the runtime tests put it in front of the server to show SSE events pass unbuffered.
if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
  echo "== installing nginx"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nginx >/dev/null
  # the package starts a system nginx on port 80; the tests run their own on a free port
  $SUDO service nginx stop >/dev/null 2>&1 || true
fi

# A Secret Service for the keychain tests: GNOME Keyring, run headless under dbus-run-session by scripts/test.sh.
if ! command -v gnome-keyring-daemon >/dev/null || ! command -v dbus-run-session >/dev/null; then
  echo "== installing gnome-keyring (the keychain tests' Secret Service)"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq gnome-keyring dbus-x11 libsecret-tools >/dev/null
fi

# PostgreSQL at 127.0.0.1:5432 (db `test`, trust auth): the persistence tests run against it too.
pg_up() { (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; }
if ! pg_up; then
  if [ -d /etc/postgresql ]; then
    echo "== starting PostgreSQL"
    for version in $(ls /etc/postgresql); do
      $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    done
    for _ in $(seq 1 30); do pg_up && break; sleep 1; done
  fi
  pg_up || echo "warning: no PostgreSQL on 127.0.0.1:5432; the PostgreSQL tests will fail" >&2
fi
