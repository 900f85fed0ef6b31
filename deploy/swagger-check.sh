#!/usr/bin/env bash
# Checks the Swagger UI of KhoaGiao.Api in a real browser: in headless Chromium it opens /swagger and, through the
# page's own "Try it out" and "Execute" buttons, reads the demo article (GET /api/v1/articles/{idOrSlug}) and signs in
# with the request body the page offers (POST /api/v1/auth/login, the document's example). Both must show 200, and
# the browser console must show no error. deploy/swagger/check.mjs drives the browser.
#
#   deploy/swagger-check.sh               starts the service as deploy/run.sh does (Development, demo content) on a
#                                         free 127.0.0.1 port, checks it and stops it
#   deploy/swagger-check.sh <base URL>    checks a service already running there (Development, with the demo content)
#
# Needs Node.js 20 or later with npm (puppeteer-core, pinned in deploy/swagger/package-lock.json, is installed with
# npm ci when missing) and Debian's chromium package: when it is missing and the script runs as root it is installed
# with apt-get; otherwise the script asks you to. Starting the service needs what deploy/run.sh needs.
#
# Environment:
#   CHROMIUM                     the browser binary (default: chromium on PATH)
#   SWAGGER_CHECK_PORT           first port tried for the service it starts (default 5180)
#   READY_TIMEOUT                seconds to wait for that service to be ready, a build included (default 600)
#   ConnectionStrings__KhoaGiao  as for deploy/run.sh (default: the private cluster of deploy/local-postgres.sh)
#
# It stops only the service it started, by the process id (and process group) of that start.
# Exit code: 0 when the checks passed, 1 when one failed, 2 on a setup error. Needs no TTY and no stdin.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
CHECK_DIR="$SCRIPT_DIR/swagger"
SWAGGER_CHECK_PORT="${SWAGGER_CHECK_PORT:-5180}"
READY_TIMEOUT="${READY_TIMEOUT:-600}"
readonly EXIT_SETUP=2

log() { echo "swagger-check.sh: $*" >&2; }
die() { log "$*"; exit "$EXIT_SETUP"; }

node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null </dev/null || true)"
if ! command -v npm >/dev/null 2>&1 || [[ ! "$node_major" =~ ^[0-9]+$ ]] || (( node_major < 20 )); then
  die "needs Node.js 20 or later with npm on PATH (found: node ${node_major:-none}); install them, then run this again."
fi

if [[ -z "${CHROMIUM:-}" ]]; then
  CHROMIUM="$(command -v chromium || true)"
  if [[ -z "$CHROMIUM" ]]; then
    if [[ "$(id -u)" -ne 0 ]]; then
      die "Chromium is not installed. Install the Debian package 'chromium' (sudo apt-get install chromium), or set CHROMIUM to a Chromium or Chrome binary."
    fi
    log "Chromium not found; installing Debian package 'chromium'"
    apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium </dev/null >&2
    CHROMIUM="$(command -v chromium)" || die "the chromium package is installed but no chromium is on PATH."
  fi
fi
[[ -x "$CHROMIUM" ]] || die "CHROMIUM=$CHROMIUM is not an executable file."
export CHROMIUM

if [[ ! -f "$CHECK_DIR/node_modules/.package-lock.json" \
      || "$CHECK_DIR/package-lock.json" -nt "$CHECK_DIR/node_modules/.package-lock.json" ]]; then
  (cd "$CHECK_DIR" && npm ci --ignore-scripts --no-audit --no-fund </dev/null >&2) \
    || die "npm ci in deploy/swagger failed (see above); it needs the npm registry."
fi

started_pid=""
work_dir=""
stop_service() {
  if [[ -n "$started_pid" ]] && kill -0 "$started_pid" 2>/dev/null; then
    log "stopping the service it started (process $started_pid)"
    # The start leads its own process group: a build still running goes with it.
    kill -TERM -- "-$started_pid" 2>/dev/null || kill -TERM "$started_pid" 2>/dev/null || true
    for _ in $(seq 1 30); do
      kill -0 "$started_pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -KILL -- "-$started_pid" 2>/dev/null || true
    wait "$started_pid" 2>/dev/null || true
  fi
  [[ -n "$work_dir" ]] && rm -rf "$work_dir"
  return 0
}
trap stop_service EXIT
trap 'exit 130' INT TERM

if [[ $# -ge 1 ]]; then
  BASE_URL="${1%/}"
  [[ "$BASE_URL" =~ ^https?:// ]] || die "usage: deploy/swagger-check.sh [base URL, e.g. http://127.0.0.1:5080]"
else
  port="$SWAGGER_CHECK_PORT"
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    port=$(( port + 1 ))
    (( port < SWAGGER_CHECK_PORT + 100 )) || die "no free port from $SWAGGER_CHECK_PORT to $port; set SWAGGER_CHECK_PORT."
  done
  BASE_URL="http://127.0.0.1:$port"
  work_dir="$(mktemp -d)"
  log "starting the service with deploy/run.sh on $BASE_URL (log: $work_dir/service.log)"
  KHOAGIAO_URLS="$BASE_URL" MSBUILDDISABLENODEREUSE=1 setsid bash "$SCRIPT_DIR/run.sh" </dev/null >"$work_dir/service.log" 2>&1 &
  started_pid=$!
  deadline=$(( SECONDS + READY_TIMEOUT ))
  until curl -fsS -o /dev/null --max-time 5 "$BASE_URL/health/ready" 2>/dev/null; do
    if ! kill -0 "$started_pid" 2>/dev/null; then
      tail -n 40 "$work_dir/service.log" >&2 || true
      die "the service stopped before it was ready (its log is above)."
    fi
    if (( SECONDS >= deadline )); then
      tail -n 40 "$work_dir/service.log" >&2 || true
      die "the service was not ready within $READY_TIMEOUT s (its log is above)."
    fi
    sleep 1
  done
  log "service ready"
fi

set +e
node "$CHECK_DIR/check.mjs" "$BASE_URL" </dev/null
rc=$?
set -e
if [[ "$rc" -eq 0 ]]; then
  log "passed"
else
  log "failed (exit code $rc)"
fi
exit "$rc"
