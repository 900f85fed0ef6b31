#!/usr/bin/env bash
# Chaos test of KhoaGiao.Api: PostgreSQL dies (immediate shutdown) under load, stays down for OUTAGE seconds and
# comes back. Checks what the service promises about a database outage.
#
#   deploy/chaos/db-outage.sh
#
# Promises checked (the report says which hold, with numbers):
#   - while the database is down, requests that need it (article writes) answer 503 application/problem+json with
#     Retry-After, within 2 s; no request overlapping the outage takes more than 2 s, no 5xx other than 503 is ever
#     answered, and every 503 of the API carries Retry-After;
#   - GET /health/ready answers 503 and GET /health/live 200 while the database is down (each polled every 200 ms);
#   - the first article write to succeed after `pg_ctl start` returns comes within 5 s;
#   - no acknowledged write is lost: every external id whose PUT got a 2xx is in the articles table afterwards;
#   - no acknowledged view is lost or counted twice: after the last flush, sum(article_view_totals.views) equals the
#     number of hit beacons answered 202 (and visits, visitor days and activity, one per hit, agree as well).
#
# What it does (everything on 127.0.0.1, bounded in time, no stdin needed):
#   1. finds the PostgreSQL server binaries as deploy/local-postgres.sh does (installing Debian's postgresql package
#      with apt-get when missing and running as root; otherwise it asks you to); needs Node.js 20 or later for
#      deploy/chaos/db-outage.mjs, the HTTP client (built-in modules only), and the .NET SDK;
#   2. initialises its OWN temporary cluster (initdb) in a temporary directory, on a free port (from CHAOS_PG_PORT),
#      with production durability: fsync, synchronous_commit and full_page_writes on (the defaults; the private
#      cluster of deploy/local-postgres.sh turns them off and is not used). As root the cluster runs as the
#      'postgres' system user, like deploy/local-postgres.sh;
#   3. publishes src/KhoaGiao.Api (Release; build outputs in the temporary directory) and starts it in the
#      Production environment on a free port (from CHAOS_PORT) with a random bootstrap admin key, migrating the
#      empty database at start-up; waits for GET /health/ready;
#   4. the client creates and publishes ARTICLES articles (POST /api/v1/admin/articles, then …/publish with the
#      ETag as If-Match), then runs the load: CONCURRENCY writers back to back (PUT
#      /api/v1/admin/articles/by-source/{source}/{externalId}, a new external id each), HIT_SENDERS beacon senders
#      at full speed (POST /api/v1/hits, a new visitor id each, round robin over the published articles), and
#      /health/ready and /health/live polled every 200 ms. After LOAD_BEFORE s it stops PostgreSQL with
#      `pg_ctl stop -m immediate`, waits OUTAGE s, starts it again (`pg_ctl start -w`: crash recovery, then
#      connections), and keeps the load on for LOAD_AFTER s;
#   5. checks with psql that every acknowledged external id is in the articles table, waits for the counters'
#      flush (at most FLUSH_TIMEOUT s) and compares them with the 202s;
#   6. prints the results and writes them to deploy/chaos/results/db-outage-<UTC date>.md.
# At exit it stops the service and the cluster and deletes the temporary directory (cluster included).
# Exit code: 0 when every promise holds, 1 when one fails, 2 on a setup error.
#
# Environment:
#   OUTAGE          seconds PostgreSQL stays down, from `pg_ctl stop` returning to `pg_ctl start` (default 10)
#   LOAD_BEFORE     seconds of load before the outage (default 10)
#   LOAD_AFTER      seconds of load after `pg_ctl start` returns (default 15)
#   CONCURRENCY     article writers, each sending its next write as soon as it has the answer (default 8)
#   HIT_SENDERS     beacon senders, likewise (default 4)
#   ARTICLES        published articles the beacons view (default 5)
#   FLUSH_TIMEOUT   most seconds to wait for the counters to reach the database after the load (default 60)
#   CHAOS_PORT      first port to try for the service (default 5299)
#   CHAOS_PG_PORT   first port to try for the temporary cluster (default 55532)
#   RESULTS_DIR     where the markdown report goes (default deploy/chaos/results)
#   CHAOS_KEEP      1: keep the temporary directory (build, server and PostgreSQL logs, client state); the cluster
#                   is stopped all the same
#   TMPDIR          where the temporary directory is made (default /tmp)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd -P)"
PROJECT_DIR="$REPO_ROOT/src/KhoaGiao.Api"
CLIENT="$SCRIPT_DIR/db-outage.mjs"

OUTAGE="${OUTAGE:-10}"
LOAD_BEFORE="${LOAD_BEFORE:-10}"
LOAD_AFTER="${LOAD_AFTER:-15}"
CONCURRENCY="${CONCURRENCY:-8}"
HIT_SENDERS="${HIT_SENDERS:-4}"
ARTICLES="${ARTICLES:-5}"
FLUSH_TIMEOUT="${FLUSH_TIMEOUT:-60}"
CHAOS_PORT="${CHAOS_PORT:-5299}"
CHAOS_PG_PORT="${CHAOS_PG_PORT:-55532}"
RESULTS_DIR="${RESULTS_DIR:-$SCRIPT_DIR/results}"
CHAOS_KEEP="${CHAOS_KEEP:-0}"
MANAGEMENT_RPM=1000000

readonly PG_HOST=127.0.0.1
readonly PG_USER=khoagiao
readonly PG_DATABASE=khoagiao

export DOTNET_CLI_TELEMETRY_OPTOUT="${DOTNET_CLI_TELEMETRY_OPTOUT:-1}"
export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}"
export MSBUILDDISABLENODEREUSE="${MSBUILDDISABLENODEREUSE:-1}"

log() { printf '[db-outage.sh %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '[db-outage.sh] error: %s\n' "$*" >&2; exit 2; }

for var in OUTAGE LOAD_BEFORE LOAD_AFTER CONCURRENCY HIT_SENDERS ARTICLES FLUSH_TIMEOUT CHAOS_PORT CHAOS_PG_PORT; do
  [[ "${!var}" =~ ^[0-9]+$ ]] || die "$var must be a whole number, got '${!var}'"
done
((OUTAGE >= 1)) || die "OUTAGE must be at least 1"
((LOAD_BEFORE >= 1 && LOAD_AFTER >= 1)) || die "LOAD_BEFORE and LOAD_AFTER must be at least 1"
((CONCURRENCY >= 1)) || die "CONCURRENCY must be at least 1"
((HIT_SENDERS >= 1)) || die "HIT_SENDERS must be at least 1"
((ARTICLES >= 1)) || die "ARTICLES must be at least 1"

IS_ROOT=0
[[ "$(id -u)" -eq 0 ]] && IS_ROOT=1

# --- PostgreSQL binaries and the cluster owner (as in deploy/local-postgres.sh; keep the two in step) ----------

# Runs a command as the cluster owner: 'postgres' when we are root, else ourselves.
# cd / first so the server tools never start in a directory postgres cannot read.
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

PGBIN=""
# Sets PGBIN to a directory holding initdb and pg_ctl: the newest under /usr/lib/postgresql, else from PATH.
find_pgbin() {
  local candidate newest
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

apt_install() {
  log "installing Debian package(s) $*"
  apt-get update -q </dev/null >&2 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" </dev/null >&2
}

install_postgres() {
  if [[ "$IS_ROOT" -ne 1 ]] || ! command -v apt-get >/dev/null 2>&1; then
    die "PostgreSQL server is not installed. Install the Debian package 'postgresql' (sudo apt-get install postgresql) and run again."
  fi
  log "PostgreSQL server not found; installing Debian package 'postgresql'"
  apt_install postgresql || die "could not install the Debian package 'postgresql'"
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

# --- tools ---------------------------------------------------------------------------------------------------

if ! find_pgbin; then
  install_postgres
  find_pgbin || die "PostgreSQL server binaries still not found after installing 'postgresql'"
fi
ensure_postgres_user
PSQL="$(tool psql)"
PG_CTL="$PGBIN/pg_ctl"
if ! command -v curl >/dev/null 2>&1; then
  if [[ "$IS_ROOT" -eq 1 ]] && command -v apt-get >/dev/null 2>&1; then
    apt_install curl || die "could not install curl"
  else
    die "curl is not installed; install it (sudo apt-get install curl) and run again"
  fi
fi
command -v dotnet >/dev/null 2>&1 || die "the .NET SDK (dotnet) is not on PATH"
# Debian's own nodejs package is older than 20, so it is not installed from here.
command -v node >/dev/null 2>&1 || die "Node.js 20 or later is not on PATH (https://nodejs.org or NodeSource packages)"
NODE_VERSION="$(node --version)"
if ! [[ "$NODE_VERSION" =~ ^v([0-9]+)\. ]] || ((BASH_REMATCH[1] < 20)); then
  die "Node.js 20 or later is needed, found $NODE_VERSION"
fi

# --- state and cleanup ---------------------------------------------------------------------------------------

WORK="$(mktemp -d "${TMPDIR:-/tmp}/khoagiao-chaos.XXXXXX")"
PG_BASE=""          # holds data/ and postgres.log; owned by the cluster owner
PG_BASE_OUTSIDE=0   # 1: PG_BASE is not inside WORK (root fallback under /var/lib/postgresql)
PG_DATA=""
PG_LOG=""
SERVER_PID=""

stop_service() {
  [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null || return 0
  log "stopping the service (pid $SERVER_PID)"
  kill -TERM "$SERVER_PID" 2>/dev/null
  for _ in $(seq 1 40); do
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.25
  done
  kill -0 "$SERVER_PID" 2>/dev/null && kill -KILL "$SERVER_PID" 2>/dev/null
  wait "$SERVER_PID" 2>/dev/null
  return 0
}

stop_cluster() {
  [[ -n "$PG_DATA" && -f "$PG_DATA/PG_VERSION" ]] || return 0
  if as_owner "$PG_CTL" -D "$PG_DATA" status >/dev/null 2>&1; then
    log "stopping the temporary cluster"
    as_owner "$PG_CTL" -D "$PG_DATA" -m fast -w -t 60 stop </dev/null >/dev/null 2>&1 ||
      as_owner "$PG_CTL" -D "$PG_DATA" -m immediate -w -t 30 stop </dev/null >/dev/null 2>&1 ||
      log "could not stop the cluster at $PG_DATA"
  fi
}

cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  # The client runs in the foreground and gets the terminal's signal itself; the service and the cluster are ours.
  stop_service
  stop_cluster
  if [[ "$CHAOS_KEEP" == 1 ]]; then
    if [[ "$PG_BASE_OUTSIDE" -eq 1 ]]; then
      log "keeping $WORK and the cluster files in $PG_BASE (CHAOS_KEEP=1)"
    else
      log "keeping $WORK (CHAOS_KEEP=1)"
    fi
  else
    [[ "$PG_BASE_OUTSIDE" -eq 1 && -n "$PG_BASE" ]] && rm -rf "$PG_BASE"
    rm -rf "$WORK"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

random_hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { # first port to try; prints the first free one up to 99 above
  local p
  for ((p = $1; p < $1 + 100; p++)); do
    if port_free "$p"; then
      echo "$p"
      return 0
    fi
  done
  return 1
}

# --- the temporary cluster -----------------------------------------------------------------------------------

# Where the cluster lives: inside WORK when the owner can reach it; as root, when 'postgres' cannot traverse
# TMPDIR, in a fresh directory under /var/lib/postgresql instead.
if [[ "$IS_ROOT" -eq 1 ]]; then
  chmod 0755 "$WORK"
  mkdir -p "$WORK/pg"
  chown postgres: "$WORK/pg"
  chmod 0700 "$WORK/pg"
  if as_owner test -w "$WORK/pg" 2>/dev/null; then
    PG_BASE="$WORK/pg"
  else
    if [[ ! -d /var/lib/postgresql ]]; then
      mkdir -p /var/lib/postgresql
      chown postgres: /var/lib/postgresql
      chmod 0755 /var/lib/postgresql
    fi
    PG_BASE="$(mktemp -d /var/lib/postgresql/khoagiao-chaos.XXXXXX)"
    PG_BASE_OUTSIDE=1
    chown postgres: "$PG_BASE"
    chmod 0700 "$PG_BASE"
  fi
else
  mkdir -p "$WORK/pg"
  chmod 0700 "$WORK/pg"
  PG_BASE="$WORK/pg"
fi
PG_DATA="$PG_BASE/data"
PG_LOG="$PG_BASE/postgres.log"
PG_PASSWORD="chaos-$(random_hex 12)"
PG_PORT="$(free_port "$CHAOS_PG_PORT")" || die "no free port in $CHAOS_PG_PORT..$((CHAOS_PG_PORT + 99))"

log "using PostgreSQL binaries in $PGBIN"
locale_args=(--locale=C)
if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then
  locale_args=(--locale=C.UTF-8)
fi
pwfile="$PG_BASE/.initdb-pwfile"
printf '%s\n' "$PG_PASSWORD" | as_owner tee "$pwfile" >/dev/null
log "initialising a temporary cluster in $PG_DATA (fsync, synchronous_commit and full_page_writes on)"
# No --no-sync: the cluster is made as a production one would be.
if ! as_owner "$PGBIN/initdb" -D "$PG_DATA" --auth=scram-sha-256 --username="$PG_USER" \
    --pwfile="$pwfile" --encoding=UTF8 "${locale_args[@]}" </dev/null >"$WORK/initdb.log" 2>&1; then
  rm -f "$pwfile"
  tail -n 20 "$WORK/initdb.log" >&2
  die "initdb failed (log above)"
fi
rm -f "$pwfile"
# Durability settings written out although they are the defaults, so the report's SHOW proves what ran. No unix
# socket: everything connects over TCP to 127.0.0.1, and the temporary path may be too long for one.
printf "\n# Settings of the db-outage chaos test.\ninclude 'chaos.conf'\n" | as_owner tee -a "$PG_DATA/postgresql.conf" >/dev/null
as_owner tee "$PG_DATA/chaos.conf" >/dev/null <<EOF
listen_addresses = '$PG_HOST'
port = $PG_PORT
unix_socket_directories = ''
max_connections = 200
password_encryption = 'scram-sha-256'
fsync = on
synchronous_commit = on
full_page_writes = on
EOF

log "starting the temporary cluster on $PG_HOST:$PG_PORT"
if ! as_owner "$PG_CTL" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 start </dev/null >/dev/null 2>&1; then
  as_owner tail -n 20 "$PG_LOG" >&2 || true
  die "could not start the temporary cluster (log above)"
fi

psql_on() { # database, psql arguments... (stdin is the caller's)
  local db="$1"
  shift
  PGPASSWORD="$PG_PASSWORD" PGCONNECT_TIMEOUT=10 "$PSQL" -X -q -v ON_ERROR_STOP=1 \
    -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$db" "$@"
}
psql_db() { psql_on "$PG_DATABASE" "$@" </dev/null; }

psql_on postgres -c "CREATE DATABASE $PG_DATABASE" </dev/null >/dev/null || die "could not create database $PG_DATABASE"
PG_VERSION="$(psql_db -At -c 'SHOW server_version')"
PG_DURABILITY="$(psql_db -At -F' ' -c "SELECT current_setting('fsync'), current_setting('synchronous_commit'), current_setting('full_page_writes')")"
[[ "$PG_DURABILITY" == "on on on" ]] || die "the temporary cluster runs with fsync/synchronous_commit/full_page_writes = $PG_DURABILITY, expected on on on"
CS="Host=$PG_HOST;Port=$PG_PORT;Username=$PG_USER;Password=$PG_PASSWORD;Database=$PG_DATABASE"

# The client stops and starts the cluster itself, so it knows to the millisecond when each returned. These two
# scripts carry the exact commands (as the cluster owner when we are root).
write_pg_script() { # file, pg_ctl arguments...
  local file="$1"
  shift
  {
    echo '#!/usr/bin/env bash'
    echo 'set -euo pipefail'
    echo "IS_ROOT=$IS_ROOT"
    declare -f as_owner
    printf 'as_owner %q' "$PG_CTL"
    printf ' %q' "$@"
    echo ' </dev/null'
  } >"$file"
  chmod 0755 "$file"
}
write_pg_script "$WORK/pg-stop.sh" -D "$PG_DATA" -m immediate -w -t 60 stop
write_pg_script "$WORK/pg-start.sh" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 start

# --- build and start the service -----------------------------------------------------------------------------

# The tree tested is the one published now: record its commit and state before the build.
git_state() {
  local dirty
  dirty="$(git -C "$REPO_ROOT" status --porcelain -- src 2>/dev/null | wc -l | tr -d ' ')"
  [[ "$dirty" == 0 ]] && echo "clean" || echo "$dirty uncommitted path(s) under src/ (tested as in the working tree)"
}
GIT_COMMIT="$(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
GIT_STATE="$(git_state)"

# UseSharedCompilation=false: no compiler server is left running after the build (only what we start is ours).
log "publishing $PROJECT_DIR (Release) into $WORK/app"
if ! dotnet publish "$PROJECT_DIR" -c Release -o "$WORK/app" --artifacts-path "$WORK/artifacts" \
    -p:UseSharedCompilation=false -nologo -v q </dev/null >"$WORK/publish.log" 2>&1; then
  tail -n 40 "$WORK/publish.log" >&2
  die "dotnet publish failed (log above)"
fi

PORT="$(free_port "$CHAOS_PORT")" || die "no free port in $CHAOS_PORT..$((CHAOS_PORT + 99))"
BASE_URL="http://127.0.0.1:$PORT"
ADMIN_KEY="chaos-$(random_hex 24)"
SERVER_LOG="$WORK/server.log"

log "starting the service on $BASE_URL (Production, migrating the empty database)"
(
  cd "$WORK/app"
  export ASPNETCORE_ENVIRONMENT=Production
  export ASPNETCORE_URLS="$BASE_URL"
  export ConnectionStrings__KhoaGiao="$CS"
  export Database__MigrateOnStartup=true
  export Database__SeedDemoContent=false
  export Security__BootstrapAdminKey="$ADMIN_KEY"
  export Counters__VisitorHashKey=chaos
  export Logging__LogLevel__Default=Warning
  export Http__ManagementRequestsPerMinute="$MANAGEMENT_RPM"
  exec dotnet KhoaGiao.Api.dll
) </dev/null >"$SERVER_LOG" 2>&1 &
SERVER_PID=$!

ready=0
for _ in $(seq 1 240); do
  kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 40 "$SERVER_LOG" >&2; die "the service exited during start-up (log above)"; }
  if [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE_URL/health/ready" || true)" == 200 ]]; then
    ready=1
    break
  fi
  sleep 0.5
done
[[ "$ready" -eq 1 ]] || { tail -n 40 "$SERVER_LOG" >&2; die "the service was not ready within 120 s"; }
log "service ready (pid $SERVER_PID)"
# Lines the service logged before the load, so the report shows only what the load and the outage caused.
SERVER_LOG_START=$(($(wc -l <"$SERVER_LOG") + 1))

# --- the run -------------------------------------------------------------------------------------------------

START_TIME="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
RUN_ID="$(random_hex 4)"
SOURCE_NAME="Kiểm thử sự cố cơ sở dữ liệu"

client() { # phase
  BASE_URL="$BASE_URL" ADMIN_KEY="$ADMIN_KEY" RUN_ID="$RUN_ID" SOURCE_NAME="$SOURCE_NAME" ARTICLES="$ARTICLES" \
    CONCURRENCY="$CONCURRENCY" HIT_SENDERS="$HIT_SENDERS" LOAD_BEFORE="$LOAD_BEFORE" OUTAGE="$OUTAGE" \
    LOAD_AFTER="$LOAD_AFTER" PG_STOP_CMD="$WORK/pg-stop.sh" PG_START_CMD="$WORK/pg-start.sh" STATE_DIR="$WORK" \
    node "$CLIENT" "$@" </dev/null
}

rc=0
client load || rc=$?
case "$rc" in
  0) ;;
  *) tail -n 40 "$SERVER_LOG" >&2; die "db-outage.mjs load stopped with exit code $rc" ;;
esac
kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 40 "$SERVER_LOG" >&2; die "the service died during the run (log above)"; }

# --- checks against the database ------------------------------------------------------------------------------

DB_FILE="$WORK/db.txt"
: >"$DB_FILE"
db() { printf '%s %s\n' "$1" "$2" >>"$DB_FILE"; }

# Every acknowledged external id must be in the articles table. The ids go to the server through psql's \copy.
ACKED_FILE="$WORK/acked-ids.txt"
[[ -f "$ACKED_FILE" ]] || die "the client left no $ACKED_FILE"
log "checking $(wc -l <"$ACKED_FILE" | tr -d ' ') acknowledged writes against the articles table"
ACK_CHECK="$(psql_on "$PG_DATABASE" -At -F' ' <<SQL
CREATE TEMP TABLE acked (external_id text);
\\copy acked FROM '$ACKED_FILE'
SELECT (SELECT count(DISTINCT external_id) FROM acked),
       (SELECT count(*) FROM acked a WHERE NOT EXISTS (SELECT 1 FROM articles x WHERE x.source_external_id = a.external_id)),
       (SELECT count(*) FROM articles x WHERE x.source_external_id LIKE 'outage-$RUN_ID-%'),
       (SELECT count(*) FROM articles x WHERE x.source_external_id LIKE 'outage-$RUN_ID-%'
          AND NOT EXISTS (SELECT 1 FROM acked a WHERE a.external_id = x.source_external_id));
SQL
)" || die "could not check the acknowledged writes against the database"
read -r ACKED ACKED_MISSING RUN_ARTICLES UNACKED_PRESENT <<<"$ACK_CHECK"
db acked "$ACKED"
db acked_missing "$ACKED_MISSING"
db run_articles "$RUN_ARTICLES"
db unacked_present "$UNACKED_PRESENT"
if ((ACKED_MISSING > 0)); then
  MISSING_LIST="$(psql_on "$PG_DATABASE" -At <<SQL
CREATE TEMP TABLE acked (external_id text);
\\copy acked FROM '$ACKED_FILE'
SELECT string_agg(external_id, ' ' ORDER BY external_id) FROM (SELECT external_id FROM acked a
  WHERE NOT EXISTS (SELECT 1 FROM articles x WHERE x.source_external_id = a.external_id) ORDER BY 1 LIMIT 20) m;
SQL
)" || true
  db acked_missing_list "$MISSING_LIST"
fi
log "acknowledged writes: $ACKED, missing from the database: $ACKED_MISSING; writes of this run in the database: $RUN_ARTICLES ($UNACKED_PRESENT without a 2xx)"

# Counters: wait until they equal the 202s and stay so for 3 s, or until FLUSH_TIMEOUT s have passed.
HITS_ACKED="$(node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(r.hitsAccepted)' "$WORK/load.json")"
TOTALS_SQL="SELECT
  (SELECT coalesce(sum(views), 0) FROM article_view_totals),
  (SELECT coalesce(sum(views), 0) FROM article_view_days),
  (SELECT coalesce(sum(visits), 0) FROM daily_visits),
  (SELECT count(*) FROM visitor_days),
  (SELECT count(*) FROM visitor_activity),
  (SELECT count(*) FROM counter_flushes)"
log "waiting for the counters to reach the database ($HITS_ACKED hits answered 202; at most $FLUSH_TIMEOUT s)"
flush_start="$(date +%s.%N)"
equal_since=""
while :; do
  totals="$(psql_db -At -F' ' -c "$TOTALS_SQL")" || die "could not read the counters"
  read -r -a values <<<"$totals"
  now="$(date +%s.%N)"
  if [[ "${values[0]} ${values[1]} ${values[2]} ${values[3]} ${values[4]}" == "$HITS_ACKED $HITS_ACKED $HITS_ACKED $HITS_ACKED $HITS_ACKED" ]]; then
    [[ -n "$equal_since" ]] || equal_since="$now"
    awk -v a="$equal_since" -v n="$now" 'BEGIN { exit !(n - a >= 3) }' && break
  else
    equal_since=""
  fi
  awk -v s="$flush_start" -v n="$now" -v max="$FLUSH_TIMEOUT" 'BEGIN { exit !(n - s >= max) }' && break
  sleep 0.5
done
FLUSH_WAIT="$(awk -v a="$flush_start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')"
log "counters after $FLUSH_WAIT s: $totals (views by totals, views by day, visits, visitor days, visitor activity, flush batches)"
db views_total "${values[0]}"
db views_days "${values[1]}"
db visits "${values[2]}"
db visitor_days "${values[3]}"
db visitor_activity "${values[4]}"
db counter_flushes "${values[5]}"
db flush_wait "$FLUSH_WAIT"

# --- the report ----------------------------------------------------------------------------------------------

# Service log entries from the load on at warn or above: the "level: Category[event]" line and the first two
# lines of the message, with counts (as deploy/bench/sync.sh does), the paths and ids of this run's writes folded
# into placeholders so one kind of entry counts as one.
tail -n "+$SERVER_LOG_START" "$SERVER_LOG" >"$WORK/server-run.log"
awk '
  function emit() { if (head != "") print head " — " msg; head = "" }
  /^(info|warn|fail|crit|dbug|trce):/ { emit(); if ($0 ~ /^(warn|fail|crit):/) { head = $0; msg = ""; n = 0 }; next }
  head != "" && n < 2 {
    sub(/^ +/, "")
    gsub(/\/by-source\/[^ \/]+\/[^ ]+/, "/by-source/{source}/{externalId}")
    if (n == 0) msg = $0; else msg = msg " | " $0
    n++
  }
  END { emit() }' "$WORK/server-run.log" | sort | uniq -c | sort -rn | head -n 15 >"$WORK/server-warnings.txt" || true
{ grep -c -E '^(warn|fail|crit):' "$WORK/server-run.log" || true; } >"$WORK/server-warning-count.txt"
{ grep -c -E '^(fail|crit):' "$WORK/server-run.log" || true; } >"$WORK/server-error-count.txt"
wc -c <"$WORK/server-run.log" | tr -d ' ' >"$WORK/server-log-bytes.txt"
# What PostgreSQL logged from the immediate stop on: shutdown, crash recovery, ready again; and how many
# connections it turned away meanwhile (FATAL lines, counted by message).
as_owner cat "$PG_LOG" 2>/dev/null | awk '/received immediate shutdown request/ { on = 1 } on' >"$WORK/pg-outage.log" || true
{
  grep -E 'immediate shutdown|shut down|interrupted|automatic recovery|redo (starts|done)|invalid record length|end-of-recovery|ready to accept connections|PANIC' \
    "$WORK/pg-outage.log" | sed -E 's/^[0-9-]+ ([0-9:.]+) [A-Z+0-9]+ \[[0-9]+\] /\1 /' | head -n 20
  sed -n -E 's/^.*FATAL: +//p' "$WORK/pg-outage.log" | sort | uniq -c | sort -rn | head -n 5 | sed -E 's/^ *([0-9]+) /\1 × FATAL: /'
} >"$WORK/pg-recovery.txt" 2>/dev/null || true
RSS="$(awk '/^VmRSS/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$SERVER_PID/status" 2>/dev/null || true)"
HWM="$(awk '/^VmHWM/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$SERVER_PID/status" 2>/dev/null || true)"

CPU_MODEL="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
MEM_TOTAL="$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
DOTNET_SDK="$(dotnet --version 2>/dev/null)"
ASPNET_RUNTIME="$(dotnet --list-runtimes 2>/dev/null | awk '$1 == "Microsoft.AspNetCore.App" { v = $2 } END { print v }')"
GIT_COMMIT_END="$(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ "$GIT_COMMIT_END" != "$GIT_COMMIT" ]]; then
  GIT_STATE+=" at publish time; HEAD moved to $GIT_COMMIT_END during the run"
fi

mkdir -p "$RESULTS_DIR"
RESULT_FILE="$RESULTS_DIR/db-outage-$(date -u +%Y%m%d-%H%M%S).md"
rc=0
START_TIME="$START_TIME" LOAD_START="$LOAD_START" DB_FILE="$DB_FILE" STATE_DIR="$WORK" REPORT_FILE="$WORK/report.md" \
  MACHINE="$(nproc) CPUs ($CPU_MODEL), $MEM_TOTAL RAM, Linux $(uname -r)" \
  SOFTWARE=".NET SDK $DOTNET_SDK, ASP.NET Core runtime $ASPNET_RUNTIME; PostgreSQL $PG_VERSION; Node.js $NODE_VERSION" \
  PG_SETTINGS="fsync=on, synchronous_commit=on, full_page_writes=on (SHOW: $PG_DURABILITY); $(basename "$(dirname "$PGBIN")") binaries, initdb'd for this run" \
  SERVICE="commit $GIT_COMMIT, $GIT_STATE; Release publish, Production environment, Logging:LogLevel:Default=Warning, Http:ManagementRequestsPerMinute=$MANAGEMENT_RPM, other settings at their defaults (Npgsql Timeout=2, Command Timeout=10; counters flushed every 1000 ms)" \
  SERVER_RSS="${RSS:-?} (peak ${HWM:-?})" \
  ARTICLES="$ARTICLES" CONCURRENCY="$CONCURRENCY" HIT_SENDERS="$HIT_SENDERS" LOAD_BEFORE="$LOAD_BEFORE" OUTAGE="$OUTAGE" \
  LOAD_AFTER="$LOAD_AFTER" FLUSH_TIMEOUT="$FLUSH_TIMEOUT" SOURCE_NAME="$SOURCE_NAME" \
  node "$CLIENT" report </dev/null || rc=$?
case "$rc" in
  0 | 1) ;;
  *) die "db-outage.mjs report stopped with exit code $rc" ;;
esac
cp "$WORK/report.md" "$RESULT_FILE"
echo
cat "$WORK/report.md"
echo
log "report written to $RESULT_FILE"
if [[ "$rc" -ne 0 ]]; then
  log "a promise FAILED"
  exit 1
fi
log "every promise held"
