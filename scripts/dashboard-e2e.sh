#!/usr/bin/env bash
# The dashboard end to end in a real browser: the image's loombusd with the dashboard on a free
# loopback port (behind a token and access rules), real clients publishing through the image's
# loombus tool, and headless Chromium driven by Playwright (jlink/src/check/dashboard-e2e.mjs)
# checking what the page shows. Installs what it needs when missing: Debian's chromium and
# nodejs/npm with apt-get when root, playwright-core with npm into WORK. Skips (status 0, with a
# line saying why) only when chromium is missing and cannot be installed.
#
# Usage: scripts/dashboard-e2e.sh IMAGE_DIR WORK_DIR      (run by the jlink module's verify phase)
set -euo pipefail
IMAGE=$(cd "${1:?usage: dashboard-e2e.sh IMAGE_DIR WORK_DIR}" && pwd)
WORK=${2:?usage: dashboard-e2e.sh IMAGE_DIR WORK_DIR}
HERE=$(cd "$(dirname "$0")/.." && pwd)
PLAYWRIGHT_VERSION=1.65.2
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)

can_apt() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; }
apt_install() {
  echo "dashboard e2e: installing $* with apt-get"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

CHROMIUM=$(command -v chromium || true)
if [ -z "$CHROMIUM" ]; then
  if can_apt && apt_install chromium; then
    CHROMIUM=$(command -v chromium)
  else
    echo "dashboard e2e: SKIPPED: chromium is not installed and cannot be (needs root and apt-get: apt-get install chromium)"
    exit 0
  fi
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  can_apt || { echo "dashboard e2e: node and npm are missing; install nodejs and npm" >&2; exit 1; }
  apt_install nodejs npm
fi
NODE_DIR="$WORK/node"
if [ ! -f "$NODE_DIR/node_modules/playwright-core/package.json" ]; then
  echo "dashboard e2e: installing playwright-core $PLAYWRIGHT_VERSION into $NODE_DIR"
  mkdir -p "$NODE_DIR"
  npm install --prefix "$NODE_DIR" --no-audit --no-fund --loglevel=error \
    "playwright-core@$PLAYWRIGHT_VERSION" >/dev/null
fi

RUN=$(mktemp -d "$WORK/run.XXXXXX")
DAEMON_PID=
cleanup() {
  [ -n "$DAEMON_PID" ] && kill "$DAEMON_PID" 2>/dev/null && wait "$DAEMON_PID" 2>/dev/null
  rm -rf "$RUN"
}
trap cleanup EXIT

SOCK="$RUN/bus.sock"
TOKEN="e2e-$RANDOM$RANDOM$RANDOM"
(umask 077 && echo "$TOKEN" > "$RUN/token")
cat > "$RUN/aaa.properties" <<'RULES'
# the e2e clients may do everything; the dashboard may tail e2e/# only
client.e2e.listener = allow
client.e2e.pub = allow
client.loombus.dashboard.subscribe = e2e/#
RULES
"$IMAGE/bin/loombusd" -B "$SOCK" --aaa "$RUN/aaa.properties" --metrics 127.0.0.1:0 --dashboard \
  --http-token "$RUN/token" > "$RUN/daemon.log" 2>&1 &
DAEMON_PID=$!
URL=
for _ in $(seq 1 100); do
  URL=$(grep -o 'dashboard on http://[^ ]*' "$RUN/daemon.log" | sed 's/^dashboard on //' || true)
  [ -n "$URL" ] && [ -S "$SOCK" ] && break
  kill -0 "$DAEMON_PID" 2>/dev/null || { cat "$RUN/daemon.log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$URL" ] || { echo "dashboard e2e: loombusd did not start:" >&2; cat "$RUN/daemon.log" >&2; exit 1; }

echo "dashboard e2e: loombusd at $URL, chromium $("$CHROMIUM" --version 2>/dev/null | head -1)"
status=0
E2E_NODE_MODULES="$NODE_DIR/node_modules" CHROMIUM="$CHROMIUM" LOOMBUS="$IMAGE/bin/loombus" \
  SOCK="$SOCK" URL="$URL" TOKEN="$TOKEN" SHOT="$WORK/dashboard.png" \
  timeout 90 node "$HERE/jlink/src/check/dashboard-e2e.mjs" || status=$?
if [ "$status" != 0 ]; then
  echo "dashboard e2e: FAILED (status $status); the daemon's log:" >&2
  cat "$RUN/daemon.log" >&2
fi
exit "$status"
