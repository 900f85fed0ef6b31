#!/usr/bin/env bash
# Provisions a private PostgreSQL cluster for developing and testing KhoaGiao.Api
# and prints its connection string.
#
#   deploy/local-postgres.sh          create/start the cluster (idempotent) and print
#                                     the connection string on stdout (one line)
#   deploy/local-postgres.sh stop     stop the cluster if it is running
#
# Environment:
#   KHOAGIAO_PG_PORT   TCP port on 127.0.0.1 (default 55432)
#
# All progress output goes to stderr; stdout carries only the connection string:
#   Host=127.0.0.1;Port=55432;Username=khoagiao;Password=khoagiao;Database=khoagiao
#
# The cluster is private to this clone:
#   - data directory  <repo>/.local/postgres/data
#   - server log      <repo>/.local/postgres/postgres.log
#   - unix socket     <repo>/.local/postgres (or /tmp if that path is too long)
#   - listens on 127.0.0.1 only.
# A default cluster that Debian's postgresql package may create on port 5432 is left alone.
#
# Running as root: PostgreSQL refuses to run as root, so initdb/pg_ctl run as the
# 'postgres' system user (created by Debian's package, or here if missing).
# If that user cannot reach <repo>/.local/postgres (for example the clone lives
# under /root, which is mode 700), the cluster lives instead in
#   /var/lib/postgresql/khoagiao-<first 12 hex digits of sha256(repo path)>
# owned by postgres (data/, postgres.log and the socket inside it). The choice is
# a pure function of the repo path and permissions, so 'stop' finds the same place.
#
# DEVELOPMENT/TEST ONLY: superuser 'khoagiao' with password 'khoagiao', and
# durability switched off (fsync, synchronous_commit, full_page_writes) for speed.
# A crash can corrupt this cluster; it holds nothing worth keeping. Delete the
# directory to start afresh.
set -euo pipefail

readonly PG_USER=khoagiao
readonly PG_PASSWORD=khoagiao
readonly PG_DATABASE=khoagiao
readonly PG_HOST=127.0.0.1
PG_PORT="${KHOAGIAO_PG_PORT:-55432}"

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd -P)"

log() { printf 'local-postgres: %s\n' "$*" >&2; }
die() { printf 'local-postgres: error: %s\n' "$*" >&2; exit 1; }

case "$PG_PORT" in
  ''|*[!0-9]*) die "KHOAGIAO_PG_PORT must be a port number, got '$PG_PORT'" ;;
esac

IS_ROOT=0
[[ "$(id -u)" -eq 0 ]] && IS_ROOT=1

# --- running commands as the cluster owner ------------------------------------

# Runs a command as the cluster owner: 'postgres' when we are root, else ourselves.
# cd / first so the server tools never start in a directory postgres cannot read.
# stdin is whatever the caller gives (never a TTY requirement).
as_owner() {
  if [[ "$IS_ROOT" -eq 1 ]]; then
    if command -v runuser >/dev/null 2>&1; then
      (cd / && runuser -u postgres -- "$@")
    else
      local cmd
      cmd="$(printf '%q ' "$@")"
      (cd / && su -s /bin/sh postgres -c "$cmd")
    fi
  else
    "$@"
  fi
}

ensure_postgres_user() {
  [[ "$IS_ROOT" -eq 1 ]] || return 0
  if ! getent passwd postgres >/dev/null; then
    log "creating system user 'postgres'"
    useradd --system --user-group --home-dir /var/lib/postgresql --no-create-home \
      --shell /usr/sbin/nologin postgres
  fi
}

# --- locating the server binaries ----------------------------------------------

PGBIN=""
# Sets PGBIN to a directory holding initdb and pg_ctl, preferring the version the
# existing cluster was created with ($1, may be empty), else the newest installed.
find_pgbin() {
  local want_version="${1:-}" candidate newest
  if [[ -n "$want_version" && -x "/usr/lib/postgresql/$want_version/bin/initdb" ]]; then
    PGBIN="/usr/lib/postgresql/$want_version/bin"
    return 0
  fi
  newest="$(printf '%s\n' /usr/lib/postgresql/*/bin/initdb | grep -v '\*' | sort -V | tail -n 1 || true)"
  if [[ -n "$newest" && -x "$newest" && -x "$(dirname "$newest")/pg_ctl" ]]; then
    PGBIN="$(dirname "$newest")"
    return 0
  fi
  if candidate="$(readlink -f "$(command -v initdb 2>/dev/null)")" && [[ -x "$(dirname "$candidate")/pg_ctl" ]]; then
    PGBIN="$(dirname "$candidate")"
    return 0
  fi
  if candidate="$(readlink -f "$(command -v pg_ctl 2>/dev/null)")" && [[ -x "$(dirname "$candidate")/initdb" ]]; then
    PGBIN="$(dirname "$candidate")"
    return 0
  fi
  return 1
}

install_postgres() {
  if [[ "$IS_ROOT" -ne 1 ]]; then
    die "PostgreSQL server is not installed. Install the Debian package 'postgresql' (sudo apt-get install postgresql) or set ConnectionStrings__KhoaGiao to an existing database."
  fi
  log "PostgreSQL server not found; installing Debian package 'postgresql'"
  apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql </dev/null >&2
}

# Client tools: the server's own directory first, then PATH.
tool() {
  if [[ -x "$PGBIN/$1" ]]; then
    printf '%s\n' "$PGBIN/$1"
  elif command -v "$1" >/dev/null 2>&1; then
    command -v "$1"
  else
    die "cannot find the PostgreSQL tool '$1' (install the Debian package 'postgresql-client')"
  fi
}

# --- where the cluster lives ------------------------------------------------------

REPO_BASE="$REPO_ROOT/.local/postgres"
FALLBACK_BASE="/var/lib/postgresql/khoagiao-$(printf '%s' "$REPO_ROOT" | sha256sum | cut -c1-12)"
BASE=""

# Sets BASE (the directory holding data/, postgres.log and maybe the socket).
# With create=1 it also creates the directory with the right owner.
choose_base() {
  local create="$1"
  if [[ "$IS_ROOT" -ne 1 ]]; then
    BASE="$REPO_BASE"
    [[ "$create" -eq 1 ]] && mkdir -p "$BASE"
    return 0
  fi
  # Root: the server runs as 'postgres', which must traverse every directory down
  # to the repo. If it can, keep the cluster inside the repo; otherwise use the
  # per-repo directory under /var/lib/postgresql (see header).
  if as_owner test -x "$REPO_ROOT" 2>/dev/null; then
    if [[ "$create" -eq 1 ]]; then
      { mkdir -p "$REPO_BASE" && chmod go+x "$REPO_ROOT/.local" &&
        chown postgres: "$REPO_BASE" && chmod 0755 "$REPO_BASE"; } 2>/dev/null || true
    fi
    if as_owner test -w "$REPO_BASE" 2>/dev/null; then
      BASE="$REPO_BASE"
      return 0
    fi
  fi
  BASE="$FALLBACK_BASE"
  if [[ "$create" -eq 1 ]]; then
    if [[ ! -d /var/lib/postgresql ]]; then
      mkdir -p /var/lib/postgresql
      chown postgres: /var/lib/postgresql
      chmod 0755 /var/lib/postgresql
    fi
    mkdir -p "$BASE"
    chown postgres: "$BASE"
    chmod 0700 "$BASE"
  fi
}

# --- stop ----------------------------------------------------------------------------

cmd_stop() {
  choose_base 0
  local data="$BASE/data"
  if [[ ! -f "$data/PG_VERSION" ]]; then
    log "no cluster at $data; nothing to stop"
    return 0
  fi
  find_pgbin "$(cat "$data/PG_VERSION")" || die "PostgreSQL server binaries not found; cannot stop $data"
  if as_owner "$PGBIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    log "stopping cluster at $data"
    as_owner "$PGBIN/pg_ctl" -D "$data" -m fast -w -t 60 stop </dev/null >&2
  else
    log "cluster at $data is not running"
  fi
}

# --- start ---------------------------------------------------------------------------

# Escapes a value for a single-quoted postgresql.conf string.
conf_quote() { printf "'%s'" "${1//\'/\'\'}"; }

# True if something already accepts TCP connections on 127.0.0.1:$PG_PORT.
port_in_use() { (exec 3<>"/dev/tcp/$PG_HOST/$PG_PORT") 2>/dev/null; }

cmd_start() {
  if ! find_pgbin ""; then
    install_postgres
    find_pgbin "" || die "PostgreSQL server binaries still not found after installing 'postgresql'"
  fi
  ensure_postgres_user
  choose_base 1
  local data="$BASE/data" logfile="$BASE/postgres.log" existing_version=""
  if [[ -f "$data/PG_VERSION" ]]; then
    existing_version="$(cat "$data/PG_VERSION")"
    find_pgbin "$existing_version"
  fi
  if [[ -n "$existing_version" && "$PGBIN" != "/usr/lib/postgresql/$existing_version/bin" ]]; then
    local bin_version
    bin_version="$("$PGBIN/pg_ctl" --version | grep -oE '[0-9]+' | head -n 1)"
    [[ "$bin_version" == "$existing_version" ]] ||
      die "the cluster at $data was created by PostgreSQL $existing_version but only PostgreSQL $bin_version is installed; delete $BASE to re-create it"
  fi
  log "using PostgreSQL binaries in $PGBIN"

  # Unix socket: next to the data, unless the socket path would exceed the
  # ~107-byte limit on unix socket paths.
  local sockdir="$BASE"
  if (( ${#sockdir} + ${#PG_PORT} + 10 > 100 )); then
    sockdir=/tmp
  fi

  if [[ ! -f "$data/PG_VERSION" ]]; then
    if [[ -e "$data" ]]; then
      log "removing incomplete data directory $data"
      rm -rf "$data"
    fi
    local locale_args=(--locale=C)
    if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then
      locale_args=(--locale=C.UTF-8)
    fi
    local pwfile="$BASE/.initdb-pwfile"
    printf '%s\n' "$PG_PASSWORD" | as_owner tee "$pwfile" >/dev/null
    log "initialising cluster in $data"
    if ! as_owner "$PGBIN/initdb" -D "$data" --auth=scram-sha-256 --username="$PG_USER" \
        --pwfile="$pwfile" --no-sync --encoding=UTF8 "${locale_args[@]}" </dev/null >&2; then
      rm -f "$pwfile"
      die "initdb failed"
    fi
    rm -f "$pwfile"
    printf "\n# Settings for the KhoaGiao development cluster.\ninclude 'khoagiao.conf'\n" |
      as_owner tee -a "$data/postgresql.conf" >/dev/null
  fi

  # Rewritten on every run so a changed port or repo location takes effect.
  # fsync/synchronous_commit/full_page_writes off: acceptable ONLY because this is
  # a private, throw-away dev/test cluster (a crash may corrupt it).
  as_owner tee "$data/khoagiao.conf" >/dev/null <<EOF
# Written by deploy/local-postgres.sh; changes are overwritten.
listen_addresses = '$PG_HOST'
port = $PG_PORT
unix_socket_directories = $(conf_quote "$sockdir")
max_connections = 200
shared_buffers = 128MB
password_encryption = 'scram-sha-256'
fsync = off
synchronous_commit = off
full_page_writes = off
EOF

  local pg_ctl="$PGBIN/pg_ctl"
  if as_owner "$pg_ctl" -D "$data" status >/dev/null 2>&1; then
    local running_port
    running_port="$(sed -n 4p "$data/postmaster.pid" 2>/dev/null || true)"
    if [[ "$running_port" == "$PG_PORT" ]]; then
      log "cluster at $data is already running on port $PG_PORT"
    else
      if port_in_use; then
        die "the cluster at $data runs on port ${running_port:-?}, and the requested port $PG_PORT on $PG_HOST is used by another server. Set KHOAGIAO_PG_PORT=${running_port:-?}, or free port $PG_PORT."
      fi
      log "cluster at $data is running on port ${running_port:-?}; restarting it on port $PG_PORT"
      as_owner "$pg_ctl" -D "$data" -l "$logfile" -m fast -w -t 60 restart </dev/null >&2 ||
        die "could not restart the cluster; see $logfile"
    fi
  else
    if port_in_use; then
      die "port $PG_PORT on $PG_HOST is already used by another server (another clone's cluster?). Stop it, or set KHOAGIAO_PG_PORT to a free port."
    fi
    if [[ -f "$data/postmaster.pid" ]]; then
      log "removing stale $data/postmaster.pid"
      rm -f "$data/postmaster.pid"
    fi
    log "starting cluster at $data on $PG_HOST:$PG_PORT (log: $logfile)"
    if ! as_owner "$pg_ctl" -D "$data" -l "$logfile" -w -t 60 start </dev/null >&2; then
      tail -n 20 "$logfile" >&2 2>/dev/null || true
      die "could not start the cluster; see $logfile"
    fi
  fi

  local pg_isready psql i
  pg_isready="$(tool pg_isready)"
  psql="$(tool psql)"
  for ((i = 0; i < 60; i++)); do
    if "$pg_isready" -q -h "$PG_HOST" -p "$PG_PORT" </dev/null; then
      break
    fi
    sleep 0.5
  done
  "$pg_isready" -q -h "$PG_HOST" -p "$PG_PORT" </dev/null ||
    die "the cluster does not accept connections on $PG_HOST:$PG_PORT; see $logfile"

  local psql_args=(-X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres)
  if [[ -z "$(PGPASSWORD="$PG_PASSWORD" "$psql" "${psql_args[@]}" -At \
      -c "SELECT 1 FROM pg_database WHERE datname = '$PG_DATABASE'" </dev/null)" ]]; then
    log "creating database $PG_DATABASE"
    PGPASSWORD="$PG_PASSWORD" "$psql" "${psql_args[@]}" -c "CREATE DATABASE $PG_DATABASE" </dev/null >&2
  fi

  log "ready; stop it with: deploy/local-postgres.sh stop"
  printf 'Host=%s;Port=%s;Username=%s;Password=%s;Database=%s\n' \
    "$PG_HOST" "$PG_PORT" "$PG_USER" "$PG_PASSWORD" "$PG_DATABASE"
}

case "${1:-start}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  -h|--help|help)
    sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2 ;;
  *)
    log "usage: deploy/local-postgres.sh [start|stop]"
    exit 2 ;;
esac
