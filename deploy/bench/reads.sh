#!/usr/bin/env bash
# Benchmark of KhoaGiao.Api's delivery reads against a raw hand-written baseline (deploy/bench/baseline), measured in
# the same run on the same database, with correctness checks.
#
#   deploy/bench/reads.sh
#
# What it does (everything on 127.0.0.1, bounded in time, no stdin needed):
#   1. installs wrk, curl and the PostgreSQL client with apt-get when missing (as root; otherwise asks you to); needs
#      Node.js 20 or later for deploy/bench/reads.mjs, the loader (built-in modules only);
#   2. provisions the private PostgreSQL of deploy/local-postgres.sh (or uses the server of
#      ConnectionStrings__KhoaGiao), creates a fresh database khoagiao_bench_<random> on it and drops it at exit;
#   3. publishes src/KhoaGiao.Api and deploy/bench/baseline (Release; build outputs in a temporary directory, not in
#      the tree). Every server below runs alone, in the Production environment, on a free port (from BENCH_PORT), with
#      Logging__LogLevel__Default=Warning; the service also with one random bootstrap admin key and
#      Http__ManagementRequestsPerMinute=1000000;
#   4. load: starts the service (it applies the migrations), publishes 5 events and ARTICLES articles through
#      POST /api/v1/admin/articles/batch (BATCH_SIZE per request, CONCURRENCY in flight; deterministic Vietnamese
#      content: 5.5–6.5 KB bodies cut from src/KhoaGiao.Api/Data/Demo/seed-article.txt, 10 categories, 2–4 of 50 tags
#      each, every tenth reporting an event, all published and due; see reads.mjs), stops it, and runs
#      VACUUM (ANALYZE) so every server below reads the same settled tables. Every item must answer 2xx. The slugs
#      (every published article), the categories and a hot set of HOT_SLUGS slugs (by md5 of the slug) come from the
#      database: the batch answers carry ids, not slugs;
#   5. phases, each one GET of the phase's first path alone (a fresh service compiles a route's code on its first
#      request), a warm-up of WARMUP s, a second's pause and a measured wrk run of DURATION s (-tTHREADS -cCONNECTIONS,
#      deploy/bench/reads.lua: every request GETs a path picked at random from the phase's list):
#        service, restarted with Http__DeliveryCacheSeconds=0 (output cache off):
#          svc-article        GET /api/v1/articles/{slug}, any published slug
#          svc-list           GET /api/v1/articles?limit=LIST_LIMIT
#          svc-list-category  GET /api/v1/articles?limit=LIST_LIMIT&category={slug}, any category
#          svc-feed           GET /api/v1/feeds/articles.rss, alone or with category={slug} (the latest 50 articles with
#                             their bodies, as RSS 2.0; it has no baseline)
#        then the service's answers to one article, the list and one category's list are kept, it is stopped, and the
#        baseline starts on the same database; its answers to the same three URLs must equal the service's (same JSON,
#        key order aside, timestamps as instants: reads.mjs same):
#          base-article, base-list, base-list-category   the same three
#        then the service again with its default output cache (Http__DeliveryCacheSeconds unset, or as exported):
#          svc-warm           GET /api/v1/articles/{slug} over the HOT_SLUGS hot slugs (the warm-up fills the cache)
#      The first GET and every warm-up answer must be 200 (reads.lua counts them); every measured run must have no
#      answer of 400 or above (wrk's own count) and no socket error;
#      last, writes: the service again, and reads.mjs writes creates and publishes WRITES more articles as an editor
#      does (POST /api/v1/admin/articles, then POST …/publish with its If-Match; WRITE_CONCURRENCY at a time, after
#      WRITE_WARMUP untimed): articles/s, p50/p99 of one create-and-publish, CPU of the service and PostgreSQL per
#      article; every write must succeed;
#   6. per phase: req/s, latency p50/p99/max (wrk --latency), mean bytes per answer, CPU of the server (service or
#      baseline), PostgreSQL and wrk in cores (from /proc and the shell's time), and the server's RSS at the end and its
#      peak so far (VmRSS, VmHWM of /proc/<pid>/status);
#   7. prints the results and writes them to deploy/bench/results/reads-<UTC date>.md.
# The ratios judged (reported, not enforced): service uncached article req/s ÷ baseline >= 0.7; its p99 ÷ the
# baseline's <= 2; each uncached list req/s ÷ baseline >= 0.7; warm cache req/s ÷ baseline article req/s >= 3; the
# service's peak RSS in the read phases <= 250 MB.
# Exit code: 0 when every correctness check passes, 1 when one fails, 2 on a setup error.
#
# Environment:
#   ARTICLES          articles to load (default 10000)
#   DURATION          seconds of each measured wrk run (default 15)
#   WARMUP            seconds of the warm-up before each (default 5)
#   THREADS           wrk threads (default 2)
#   CONNECTIONS       wrk connections (default 32)
#   HOT_SLUGS         slugs the warm-cache phase reads (default 100)
#   LIST_LIMIT        limit of the list reads, 1–100 (default 20)
#   BATCH_SIZE        articles per batch request while loading, 1–100 (default 100)
#   CONCURRENCY       batch requests in flight while loading (default 4)
#   WRITES            articles created and published one by one in the write phase (default 1000)
#   WRITE_WARMUP      untimed ones before them (default 50)
#   WRITE_CONCURRENCY editors writing at once (default 4)
#   BENCH_PORT        first port to try for the servers (default 5399)
#   RESULTS_DIR       where the markdown report goes (default deploy/bench/results)
#   BENCH_KEEP        1: keep the temporary directory (builds, server logs, wrk outputs, answers) and the database
#   TMPDIR            where the temporary directory is made (default /tmp)
#   Http__DeliveryCacheSeconds  output-cache lifetime of the warm-cache phase (default unset: the service's 10 s); the
#                     uncached phases always run with 0
#   ConnectionStrings__KhoaGiao  a PostgreSQL server to use instead of the private cluster; its user must be
#                     allowed to create databases
#   KHOAGIAO_PG_PORT  port of the private cluster (default 55432)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd -P)"
PROJECT_DIR="$REPO_ROOT/src/KhoaGiao.Api"
BASELINE_DIR="$SCRIPT_DIR/baseline"
LOADER="$SCRIPT_DIR/reads.mjs"
LUA_SCRIPT="$SCRIPT_DIR/reads.lua"
SEED_ARTICLE="$PROJECT_DIR/Data/Demo/seed-article.txt"

ARTICLES="${ARTICLES:-10000}"
DURATION="${DURATION:-15}"
WARMUP="${WARMUP:-5}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
HOT_SLUGS="${HOT_SLUGS:-100}"
LIST_LIMIT="${LIST_LIMIT:-20}"
BATCH_SIZE="${BATCH_SIZE:-100}"
CONCURRENCY="${CONCURRENCY:-4}"
WRITES="${WRITES:-1000}"
WRITE_WARMUP="${WRITE_WARMUP:-50}"
WRITE_CONCURRENCY="${WRITE_CONCURRENCY:-4}"
BENCH_PORT="${BENCH_PORT:-5399}"
RESULTS_DIR="${RESULTS_DIR:-$SCRIPT_DIR/results}"
BENCH_KEEP="${BENCH_KEEP:-0}"
WARM_CACHE_SECONDS="${Http__DeliveryCacheSeconds:-}"
MANAGEMENT_RPM=1000000

export DOTNET_CLI_TELEMETRY_OPTOUT="${DOTNET_CLI_TELEMETRY_OPTOUT:-1}"
export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}"
export MSBUILDDISABLENODEREUSE="${MSBUILDDISABLENODEREUSE:-1}"

log() { printf '[reads.sh %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '[reads.sh] error: %s\n' "$*" >&2; exit 2; }

for var in ARTICLES DURATION WARMUP THREADS CONNECTIONS HOT_SLUGS LIST_LIMIT BATCH_SIZE CONCURRENCY WRITES WRITE_WARMUP WRITE_CONCURRENCY BENCH_PORT; do
  [[ "${!var}" =~ ^[0-9]+$ ]] || die "$var must be a whole number, got '${!var}'"
done
((ARTICLES >= 1)) || die "ARTICLES must be at least 1"
((DURATION >= 1 && WARMUP >= 1)) || die "DURATION and WARMUP must be at least 1"
((THREADS >= 1 && CONNECTIONS >= THREADS)) || die "need THREADS >= 1 and CONNECTIONS >= THREADS"
((HOT_SLUGS >= 1)) || die "HOT_SLUGS must be at least 1"
((LIST_LIMIT >= 1 && LIST_LIMIT <= 100)) || die "LIST_LIMIT must be 1..100 (the list's limit)"
((BATCH_SIZE >= 1 && BATCH_SIZE <= 100)) || die "BATCH_SIZE must be 1..100 (the batch route's limit)"
((CONCURRENCY >= 1)) || die "CONCURRENCY must be at least 1"
((WRITES >= 1 && WRITE_CONCURRENCY >= 1)) || die "WRITES and WRITE_CONCURRENCY must be at least 1"
[[ -z "$WARM_CACHE_SECONDS" || "$WARM_CACHE_SECONDS" =~ ^[1-9][0-9]*$ ]] ||
  die "Http__DeliveryCacheSeconds must be a positive whole number for the warm-cache phase, got '$WARM_CACHE_SECONDS'"
[[ -r "$SEED_ARTICLE" ]] || die "cannot read $SEED_ARTICLE"

IS_ROOT=0
[[ "$(id -u)" -eq 0 ]] && IS_ROOT=1

# --- tools ------------------------------------------------------------------------------------------

apt_install() {
  log "installing Debian package(s) $*"
  apt-get update -q </dev/null >&2 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" </dev/null >&2
}

need_tool() { # command, Debian package
  command -v "$1" >/dev/null 2>&1 && return 0
  if [[ "$IS_ROOT" -eq 1 ]] && command -v apt-get >/dev/null 2>&1; then
    apt_install "$2"
  else
    die "$1 is not installed; install it (sudo apt-get install $2) and run again"
  fi
}

need_tool wrk wrk
need_tool curl curl
need_tool psql postgresql-client
command -v dotnet >/dev/null 2>&1 || die "the .NET SDK (dotnet) is not on PATH"
# Debian's own nodejs package is older than 20, so it is not installed from here.
command -v node >/dev/null 2>&1 || die "Node.js 20 or later is not on PATH (https://nodejs.org or NodeSource packages)"
NODE_VERSION="$(node --version)"
if ! [[ "$NODE_VERSION" =~ ^v([0-9]+)\. ]] || ((BASH_REMATCH[1] < 20)); then
  die "Node.js 20 or later is needed, found $NODE_VERSION"
fi

# --- state and cleanup ------------------------------------------------------------------------------

WORK="$(mktemp -d "${TMPDIR:-/tmp}/khoagiao-reads.XXXXXX")"
SERVER_PID=""
WRK_PID=""
DB_CREATED=0
BENCH_DB=""

stop_server() {
  local pid="$SERVER_PID"
  SERVER_PID=""
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  log "stopping the $SERVER_KIND (pid $pid)"
  kill -TERM "$pid" 2>/dev/null
  for _ in $(seq 1 40); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  return 0
}

cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  # The subshell of run_wrk and its 'timeout' (which passes the signal on to wrk): only what run_wrk started.
  if [[ -n "$WRK_PID" ]] && kill -0 "$WRK_PID" 2>/dev/null; then
    pkill -TERM -P "$WRK_PID" 2>/dev/null
    kill "$WRK_PID" 2>/dev/null
  fi
  stop_server
  if [[ "$DB_CREATED" -eq 1 ]]; then
    if [[ "$BENCH_KEEP" == 1 ]]; then
      log "keeping database $BENCH_DB (BENCH_KEEP=1)"
    else
      log "dropping database $BENCH_DB"
      psql_admin -c "DROP DATABASE IF EXISTS \"$BENCH_DB\" WITH (FORCE)" >/dev/null 2>&1 ||
        log "could not drop database $BENCH_DB; drop it by hand"
    fi
  fi
  if [[ "$BENCH_KEEP" == 1 ]]; then
    log "keeping $WORK (BENCH_KEEP=1)"
  else
    rm -rf "$WORK"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- database ---------------------------------------------------------------------------------------

if [[ -n "${ConnectionStrings__KhoaGiao:-}" ]]; then
  ADMIN_CS="$ConnectionStrings__KhoaGiao"
  log "using the PostgreSQL server of ConnectionStrings__KhoaGiao"
else
  log "provisioning the private PostgreSQL cluster (deploy/local-postgres.sh)"
  ADMIN_CS="$(bash "$REPO_ROOT/deploy/local-postgres.sh" </dev/null)" || die "deploy/local-postgres.sh failed"
fi

PG_HOST=127.0.0.1 PG_PORT=5432 PG_USER="" PG_PASSWORD="" PG_DATABASE=postgres
CS_PARTS=()
IFS=';' read -r -a _parts <<<"$ADMIN_CS"
for part in "${_parts[@]}"; do
  [[ -z "${part// /}" ]] && continue
  key="$(printf '%s' "${part%%=*}" | tr '[:upper:]' '[:lower:]' | tr -d ' ')"
  value="${part#*=}"
  case "$key" in
    host|server) PG_HOST="$value" ;;
    port) PG_PORT="$value" ;;
    username|userid|user|uid) PG_USER="$value" ;;
    password|pwd) PG_PASSWORD="$value" ;;
    database|db) PG_DATABASE="$value"; continue ;;
  esac
  CS_PARTS+=("$part")
done
[[ -n "$PG_USER" ]] || die "the connection string has no Username"

psql_on() { # database, psql arguments...
  local db="$1"
  shift
  PGPASSWORD="$PG_PASSWORD" PGCONNECT_TIMEOUT=10 psql -X -q -v ON_ERROR_STOP=1 \
    -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$db" "$@" </dev/null
}
psql_admin() { psql_on "$PG_DATABASE" "$@"; }
psql_bench() { psql_on "$BENCH_DB" "$@"; }

random_hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }

BENCH_DB="khoagiao_bench_$(random_hex 4)"
log "creating database $BENCH_DB on $PG_HOST:$PG_PORT"
psql_admin -c "CREATE DATABASE \"$BENCH_DB\"" >/dev/null || die "could not create database $BENCH_DB"
DB_CREATED=1
BENCH_CS="$(IFS=';'; printf '%s' "${CS_PARTS[*]}");Database=$BENCH_DB"
PG_VERSION="$(psql_admin -At -c 'SHOW server_version')"

# --- build ------------------------------------------------------------------------------------------

# The trees measured are the ones published now: record their commit and state before the build, not at the end.
MEASURED_PATHS=(src deploy/bench/baseline)
git_state() {
  local dirty
  dirty="$(git -C "$REPO_ROOT" status --porcelain -- "${MEASURED_PATHS[@]}" 2>/dev/null | wc -l | tr -d ' ')"
  [[ "$dirty" == 0 ]] && echo "clean" ||
    echo "$dirty uncommitted path(s) under src/ or deploy/bench/baseline/ (measured as in the working tree)"
}
git_diff_sum() { git -C "$REPO_ROOT" diff HEAD -- "${MEASURED_PATHS[@]}" 2>/dev/null | cksum; }
GIT_COMMIT="$(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
GIT_STATE="$(git_state)"
GIT_DIFF_SUM="$(git_diff_sum)"

publish() { # project directory, output directory name
  log "publishing $1 (Release) into $WORK/$2"
  # UseSharedCompilation=false: no compiler server is left running after the build (only what we start is ours).
  if ! dotnet publish "$1" -c Release -o "$WORK/$2" --artifacts-path "$WORK/artifacts-$2" \
      -p:UseSharedCompilation=false -nologo -v q </dev/null >"$WORK/publish-$2.log" 2>&1; then
    tail -n 40 "$WORK/publish-$2.log" >&2
    die "dotnet publish of $1 failed (log above)"
  fi
}
publish "$PROJECT_DIR" app
publish "$BASELINE_DIR" baseline

# --- servers ----------------------------------------------------------------------------------------

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
ADMIN_KEY="bench-$(random_hex 24)"
SERVER_KIND=""
SERVER_URL=""
SERVER_LOG=""
STARTS=0
declare -A R # results, keyed "<phase>.<field>"
START_ROWS=""

# Starts a server alone and waits until it answers GET /health/ready.
#   kind: service | baseline; cache: Http__DeliveryCacheSeconds for the service ("" leaves it as exported or unset);
#   migrate: Database__MigrateOnStartup for the service; label: what it serves, for the report.
start_server() {
  local kind="$1" cache="$2" migrate="$3" label="$4" port started ready_seconds=""
  port="$(free_port "$BENCH_PORT")" || die "no free port in $BENCH_PORT..$((BENCH_PORT + 99))"
  STARTS=$((STARTS + 1))
  SERVER_KIND="$kind"
  SERVER_URL="http://127.0.0.1:$port"
  SERVER_LOG="$WORK/server-$STARTS-$kind.log"
  log "starting the $kind on $SERVER_URL (Production${cache:+, Http__DeliveryCacheSeconds=$cache})"
  (
    export ASPNETCORE_ENVIRONMENT=Production
    export ASPNETCORE_URLS="$SERVER_URL"
    export ConnectionStrings__KhoaGiao="$BENCH_CS"
    export Logging__LogLevel__Default=Warning
    if [[ "$kind" == service ]]; then
      cd "$WORK/app"
      export Database__MigrateOnStartup="$migrate"
      export Database__SeedDemoContent=false
      export Security__BootstrapAdminKey="$ADMIN_KEY"
      export Counters__VisitorHashKey=bench
      export Http__ManagementRequestsPerMinute="$MANAGEMENT_RPM"
      [[ -z "$cache" ]] || export Http__DeliveryCacheSeconds="$cache"
      exec dotnet KhoaGiao.Api.dll
    fi
    cd "$WORK/baseline"
    exec dotnet Baseline.dll
  ) </dev/null >"$SERVER_LOG" 2>&1 &
  SERVER_PID=$!
  started="$(date +%s.%N)"
  for _ in $(seq 1 240); do
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 40 "$SERVER_LOG" >&2; die "the $kind exited during start-up (log above)"; }
    if [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$SERVER_URL/health/ready" || true)" == 200 ]]; then
      ready_seconds="$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')"
      break
    fi
    sleep 0.5
  done
  [[ -n "$ready_seconds" ]] || { tail -n 40 "$SERVER_LOG" >&2; die "the $kind was not ready within 120 s"; }
  log "$kind ready in $ready_seconds s (pid $SERVER_PID)"
  if [[ "$kind" == baseline ]]; then cache="—"; fi
  START_ROWS+="| $STARTS | $kind | $label | ${cache:-${WARM_CACHE_SECONDS:-default (10)}} | $ready_seconds |"
}

# Ends the row start_server began: the server's log entries at warn or above, then stops it.
finish_server() {
  local warnings lines
  warnings="$(grep -c -E '^(warn|fail|crit):' "$SERVER_LOG" || true)"
  START_ROWS+=" ${warnings:-0} |"$'\n'
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    tail -n 40 "$SERVER_LOG" >&2
    CHECK_FAIL=1
    log "the $SERVER_KIND died during the run (log above)"
  fi
  # Distinct entries at warn or above: the "level: Category[event]" line and the first line of the message, counted.
  lines="$(awk -v start="$STARTS $SERVER_KIND" '
    function emit() { if (head != "") print start ": " head " — " msg; head = "" }
    /^(info|warn|fail|crit|dbug|trce):/ { emit(); if ($0 ~ /^(warn|fail|crit):/) { head = $0; msg = ""; n = 0 }; next }
    head != "" && n < 1 { sub(/^ +/, ""); msg = $0; n++ }
    END { emit() }' "$SERVER_LOG" | sort | uniq -c | sort -rn | head -n 10)"
  [[ -z "$lines" ]] || WARNING_LINES+="$lines"$'\n'
  stop_server
}
WARNING_LINES=""
CHECK_FAIL=0

# --- load -------------------------------------------------------------------------------------------

START_TIME="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"

start_server service "" true "load ($ARTICLES articles)"
load_rc=0
BASE_URL="$SERVER_URL" ADMIN_KEY="$ADMIN_KEY" ARTICLES="$ARTICLES" BATCH_SIZE="$BATCH_SIZE" CONCURRENCY="$CONCURRENCY" \
  SEED_ARTICLE="$SEED_ARTICLE" node "$LOADER" load </dev/null >"$WORK/load.txt" || load_rc=$?
case "$load_rc" in
  0) ;;
  1)
    # Every item answering 2xx is a correctness check; without the articles the phases cannot run.
    log "loading FAILED: not every article was written (see above)"
    exit 1
    ;;
  *) die "reads.mjs load stopped with exit code $load_rc" ;;
esac
read -r _ LOADED LOAD_SECONDS BODY_MEAN <"$WORK/load.txt"
finish_server

log "VACUUM (ANALYZE) of $BENCH_DB"
psql_bench -c 'VACUUM (ANALYZE)' >/dev/null || die "could not vacuum $BENCH_DB"

VISIBLE_SQL="status = 'Published' AND published_at <= now()"
psql_bench -At -c "SELECT '/api/v1/articles/' || slug FROM articles WHERE $VISIBLE_SQL ORDER BY slug" >"$WORK/article-paths.txt"
psql_bench -At -c "SELECT '/api/v1/articles/' || slug FROM articles WHERE $VISIBLE_SQL ORDER BY md5(slug) LIMIT $HOT_SLUGS" \
  >"$WORK/hot-paths.txt"
psql_bench -At -c "SELECT '/api/v1/articles?limit=$LIST_LIMIT&category=' || slug FROM categories ORDER BY slug" \
  >"$WORK/list-category-paths.txt"
echo "/api/v1/articles?limit=$LIST_LIMIT" >"$WORK/list-paths.txt"
VISIBLE_ARTICLES="$(wc -l <"$WORK/article-paths.txt" | tr -d ' ')"
CATEGORY_COUNT="$(wc -l <"$WORK/list-category-paths.txt" | tr -d ' ')"
TAG_COUNT="$(psql_bench -At -c 'SELECT count(*) FROM tags')"
EVENT_ARTICLES="$(psql_bench -At -c 'SELECT count(*) FROM articles WHERE event_id IS NOT NULL')"
DB_SIZE="$(psql_admin -At -c "SELECT pg_size_pretty(pg_database_size('$BENCH_DB'))")"
[[ "$VISIBLE_ARTICLES" == "$ARTICLES" ]] ||
  die "the database holds $VISIBLE_ARTICLES published, due articles; expected $ARTICLES"
((CATEGORY_COUNT > 0)) || die "the database holds no category"
log "database: $VISIBLE_ARTICLES published articles, $CATEGORY_COUNT categories, $TAG_COUNT tags, $DB_SIZE"

# --- measuring --------------------------------------------------------------------------------------

CLK_TCK="$(getconf CLK_TCK)"

# Prints: wall-seconds machine-busy-ticks machine-total-ticks server-ticks postgres-ticks
cpu_sample() {
  local wall machine server postgres
  wall="$(date +%s.%N)"
  machine="$(awk '/^cpu / { t = 0; for (i = 2; i <= 9; i++) t += $i; print t - $5 - $6, t; exit }' /proc/stat)"
  server="$(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$SERVER_PID/stat" 2>/dev/null || echo 0)"
  # Every process named postgres on the machine (the bench database's backends do the work).
  postgres="$({ cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk '$2 == "(postgres)" { sub(/^.*\) /, ""); s += $12 + $13 } END { print s + 0 }')"
  printf '%s %s %s %s\n' "$wall" "$machine" "$server" "$postgres"
}

# Field $2 of the BENCH_RESULT line in file $1.
field() {
  awk -v k="$2=" '$1 == "BENCH_RESULT" { for (i = 2; i <= NF; i++) if (index($i, k) == 1) { print substr($i, length(k) + 1); exit } }' "$1"
}

# One wrk run with reads.lua: name, paths file, seconds, check (1: reads.lua counts the answers by status).
run_wrk() {
  local name="$1" paths="$2" seconds="$3" check="$4"
  (
    export BENCH_PATHS_FILE="$paths" BENCH_CHECK="$check"
    TIMEFORMAT='%U %S'
    { time timeout "$((seconds + 60))" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --timeout 10s --latency \
        -s "$LUA_SCRIPT" "$SERVER_URL" </dev/null >"$WORK/wrk-$name.txt" 2>&1; } 2>"$WORK/time-$name.txt"
  ) &
  WRK_PID=$!
  wait "$WRK_PID" || { cat "$WORK/wrk-$name.txt" >&2; die "wrk ($name) failed (output above)"; }
  WRK_PID=""
  grep -q '^BENCH_RESULT ' "$WORK/wrk-$name.txt" || { cat "$WORK/wrk-$name.txt" >&2; die "wrk ($name) printed no BENCH_RESULT line"; }
}

PHASES=()
FAILURES=""

# A warm-up and a measured run against the running server: phase name, paths file, description.
run_phase() {
  local phase="$1" paths="$2" what="$3" before after f first code
  PHASES+=("$phase")
  R[$phase.what]="$what"
  R[$phase.server]="$SERVER_KIND"
  log "phase $phase: $what — warm-up ${WARMUP}s, then ${DURATION}s (-t$THREADS -c$CONNECTIONS)"
  # One request alone first: a fresh service compiles each method fully optimised on its first call (JIT settings,
  # docs/benchmarks.md), so the first request of a route can take seconds, which a short warm-up would spend waiting.
  first="$(head -n 1 "$paths")"
  code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 60 "$SERVER_URL$first" </dev/null || true)"
  if [[ "$code" != 200 ]]; then
    CHECK_FAIL=1
    FAILURES+="- $phase: the first GET $first answered $code"$'\n'
    log "phase $phase: the first GET $first answered $code"
  fi
  run_wrk "$phase-warmup" "$paths" "$WARMUP" 1
  R[$phase.warmup_checked]="$(field "$WORK/wrk-$phase-warmup.txt" checked)"
  R[$phase.warmup_200]="$(field "$WORK/wrk-$phase-warmup.txt" checked_200)"
  if [[ "${R[$phase.warmup_checked]:-0}" == 0 || "${R[$phase.warmup_checked]}" != "${R[$phase.warmup_200]}" ]]; then
    CHECK_FAIL=1
    FAILURES+="- $phase warm-up: ${R[$phase.warmup_200]} of ${R[$phase.warmup_checked]} answers were 200"$'\n'
    log "phase $phase: ${R[$phase.warmup_200]} of ${R[$phase.warmup_checked]} warm-up answers were 200"
  fi
  # Requests the warm-up left unanswered when wrk stopped end before the measured run begins.
  sleep 1
  before="$(cpu_sample)"
  run_wrk "$phase" "$paths" "$DURATION" 0
  after="$(cpu_sample)"
  for f in requests rate bytes non2xx err_connect err_read err_write err_timeout lat_p50_ms lat_p99_ms lat_max_ms; do
    R[$phase.$f]="$(field "$WORK/wrk-$phase.txt" "$f")"
  done
  R[$phase.socket_errors]=$((R[$phase.err_connect] + R[$phase.err_read] + R[$phase.err_write] + R[$phase.err_timeout]))
  if [[ "${R[$phase.non2xx]}" != 0 || "${R[$phase.socket_errors]}" != 0 || "${R[$phase.requests]:-0}" == 0 ]]; then
    CHECK_FAIL=1
    FAILURES+="- $phase: ${R[$phase.non2xx]} answers of 400 or above, ${R[$phase.socket_errors]} socket errors, ${R[$phase.requests]} requests"$'\n'
    log "phase $phase: ${R[$phase.non2xx]} answers of 400 or above, ${R[$phase.socket_errors]} socket errors"
  fi
  read -r w0 b0 t0 s0 p0 <<<"$before"
  read -r w1 b1 t1 s1 p1 <<<"$after"
  R[$phase.busy]="$(awk -v b="$((b1 - b0))" -v t="$((t1 - t0))" 'BEGIN { r = 0; if (t > 0) r = 100 * b / t; printf "%.0f", r }')"
  R[$phase.cpu_server]="$(awk -v d="$((s1 - s0))" -v hz="$CLK_TCK" -v w0="$w0" -v w1="$w1" 'BEGIN { printf "%.2f", d / hz / (w1 - w0) }')"
  R[$phase.cpu_postgres]="$(awk -v d="$((p1 - p0))" -v hz="$CLK_TCK" -v w0="$w0" -v w1="$w1" 'BEGIN { printf "%.2f", d / hz / (w1 - w0) }')"
  R[$phase.cpu_wrk]="$(awk -v w0="$w0" -v w1="$w1" '{ printf "%.2f", ($1 + $2) / (w1 - w0) }' "$WORK/time-$phase.txt")"
  # Server CPU per request, in ms: what one answer costs the server and PostgreSQL.
  R[$phase.ms_server]="$(awk -v d="$((s1 - s0))" -v hz="$CLK_TCK" -v n="${R[$phase.requests]}" 'BEGIN { if (n > 0) printf "%.3f", 1000 * d / hz / n }')"
  R[$phase.ms_postgres]="$(awk -v d="$((p1 - p0))" -v hz="$CLK_TCK" -v n="${R[$phase.requests]}" 'BEGIN { if (n > 0) printf "%.3f", 1000 * d / hz / n }')"
  R[$phase.rss_kb]="$(awk '/^VmRSS/ { print $2 }' "/proc/$SERVER_PID/status" 2>/dev/null || true)"
  R[$phase.hwm_kb]="$(awk '/^VmHWM/ { print $2 }' "/proc/$SERVER_PID/status" 2>/dev/null || true)"
  log "phase $phase: $(printf '%.0f' "${R[$phase.rate]}") req/s, p50 ${R[$phase.lat_p50_ms]} ms, p99 ${R[$phase.lat_p99_ms]} ms; cores: $SERVER_KIND ${R[$phase.cpu_server]}, PostgreSQL ${R[$phase.cpu_postgres]}, wrk ${R[$phase.cpu_wrk]}"
  sleep 1
}

# Saves the running server's answer to a path: name, path. Any status but 200 fails the check.
save_answer() {
  local name="$1" path="$2" code
  code="$(curl -s -o "$WORK/answer-$name.json" -w '%{http_code}' --max-time 10 "$SERVER_URL$path" </dev/null || true)"
  if [[ "$code" != 200 ]]; then
    CHECK_FAIL=1
    FAILURES+="- GET $path on the $SERVER_KIND answered $code"$'\n'
    log "GET $path on the $SERVER_KIND answered $code"
  fi
}

SAMPLE_ARTICLE="$(head -n 1 "$WORK/hot-paths.txt")"
SAMPLE_CATEGORY="$(head -n 1 "$WORK/list-category-paths.txt")"
SAMPLE_LIST="$(head -n 1 "$WORK/list-paths.txt")"

start_server service 0 false "uncached phases"
run_phase svc-article "$WORK/article-paths.txt" "GET /api/v1/articles/{slug}, $VISIBLE_ARTICLES slugs, no output cache"
run_phase svc-list "$WORK/list-paths.txt" "GET /api/v1/articles?limit=$LIST_LIMIT, no output cache"
run_phase svc-list-category "$WORK/list-category-paths.txt" "GET /api/v1/articles?limit=$LIST_LIMIT&category={slug}, $CATEGORY_COUNT categories, no output cache"
{ echo "/api/v1/feeds/articles.rss"; sed 's|^/api/v1/articles?limit=[0-9]*&|/api/v1/feeds/articles.rss?|' "$WORK/list-category-paths.txt"; } >"$WORK/feed-paths.txt"
run_phase svc-feed "$WORK/feed-paths.txt" "GET /api/v1/feeds/articles.rss, alone or of one of $CATEGORY_COUNT categories (50 articles with bodies), no output cache"
save_answer service-article "$SAMPLE_ARTICLE"
save_answer service-list "$SAMPLE_LIST"
save_answer service-list-category "$SAMPLE_CATEGORY"
finish_server

start_server baseline "" false "baseline phases"
save_answer baseline-article "$SAMPLE_ARTICLE"
save_answer baseline-list "$SAMPLE_LIST"
save_answer baseline-list-category "$SAMPLE_CATEGORY"
SAME_ROWS=""
for kind in article list list-category; do
  difference="" same_rc=0
  difference="$(node "$LOADER" same "$WORK/answer-service-$kind.json" "$WORK/answer-baseline-$kind.json" </dev/null)" || same_rc=$?
  case "$same_rc" in
    0) SAME_ROWS+="| $kind | $(wc -c <"$WORK/answer-service-$kind.json" | tr -d ' ') | $(wc -c <"$WORK/answer-baseline-$kind.json" | tr -d ' ') | same |"$'\n' ;;
    1)
      CHECK_FAIL=1
      SAME_ROWS+="| $kind | $(wc -c <"$WORK/answer-service-$kind.json" | tr -d ' ') | $(wc -c <"$WORK/answer-baseline-$kind.json" | tr -d ' ') | DIFFERENT: \`$difference\` |"$'\n'
      FAILURES+="- the baseline's $kind answer differs from the service's: $difference"$'\n'
      log "the baseline's $kind answer differs from the service's: $difference"
      ;;
    *) die "reads.mjs same stopped with exit code $same_rc" ;;
  esac
done
run_phase base-article "$WORK/article-paths.txt" "GET /api/v1/articles/{slug}, $VISIBLE_ARTICLES slugs"
run_phase base-list "$WORK/list-paths.txt" "GET /api/v1/articles?limit=$LIST_LIMIT"
run_phase base-list-category "$WORK/list-category-paths.txt" "GET /api/v1/articles?limit=$LIST_LIMIT&category={slug}, $CATEGORY_COUNT categories"
finish_server

start_server service "" false "warm-cache phase"
HOT_COUNT="$(wc -l <"$WORK/hot-paths.txt" | tr -d ' ')"
run_phase svc-warm "$WORK/hot-paths.txt" "GET /api/v1/articles/{slug}, $HOT_COUNT hot slugs, output cache (${WARM_CACHE_SECONDS:-10} s)"
finish_server

# Writes last, so the read phases saw exactly the loaded articles. CPU is sampled from the timed writes' start.
start_server service "" false "writes"
log "writes: $WRITE_WARMUP untimed, then $WRITES articles created and published, $WRITE_CONCURRENCY at a time"
writes_rc=0
BASE_URL="$SERVER_URL" ADMIN_KEY="$ADMIN_KEY" ARTICLES="$ARTICLES" WRITES="$WRITES" WRITE_WARMUP="$WRITE_WARMUP" \
  WRITE_CONCURRENCY="$WRITE_CONCURRENCY" SEED_ARTICLE="$SEED_ARTICLE" node "$LOADER" writes </dev/null >"$WORK/writes.txt" &
writes_pid=$!
until grep -q '^WRITES_START' "$WORK/writes.txt" || ! kill -0 "$writes_pid" 2>/dev/null; do sleep 0.05; done
before="$(cpu_sample)"
wait "$writes_pid" || writes_rc=$?
after="$(cpu_sample)"
case "$writes_rc" in
  0) ;;
  1)
    CHECK_FAIL=1
    FAILURES+="- writes: not every article was created and published (see the log)"$'\n'
    log "writes: not every article was created and published"
    ;;
  *) die "reads.mjs writes stopped with exit code $writes_rc" ;;
esac
read -r _ WRITTEN WRITE_SECONDS WRITE_P50 WRITE_P99 < <(grep '^WRITE_RESULT' "$WORK/writes.txt")
read -r w0 _ _ s0 p0 <<<"$before"
read -r w1 _ _ s1 p1 <<<"$after"
WRITE_RATE="$(awk -v n="$WRITTEN" -v s="$WRITE_SECONDS" 'BEGIN { if (s > 0) printf "%.0f", n / s }')"
WRITE_MS_SERVER="$(awk -v d="$((s1 - s0))" -v hz="$CLK_TCK" -v n="$WRITTEN" 'BEGIN { if (n > 0) printf "%.2f", 1000 * d / hz / n }')"
WRITE_MS_POSTGRES="$(awk -v d="$((p1 - p0))" -v hz="$CLK_TCK" -v n="$WRITTEN" 'BEGIN { if (n > 0) printf "%.2f", 1000 * d / hz / n }')"
WRITE_BUSY="$(awk -v d="$((s1 - s0 + p1 - p0))" -v hz="$CLK_TCK" -v w0="$w0" -v w1="$w1" 'BEGIN { printf "%.2f", d / hz / (w1 - w0) }')"
log "writes: $WRITE_RATE articles/s, create and publish p50 $WRITE_P50 ms, p99 $WRITE_P99 ms; CPU per article: service $WRITE_MS_SERVER ms, PostgreSQL $WRITE_MS_POSTGRES ms"
finish_server

# --- results ----------------------------------------------------------------------------------------

num() { awk -v a="$1" 'BEGIN { if (a ~ /^[0-9.]+$/) printf "%.0f", a; else printf "%s", (a == "" ? "n/a" : a) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a ~ /^[0-9.]+$/ && b + 0 > 0) printf "%.2f", a / b; else printf "n/a" }'; }
met() { awk -v a="$1" -v b="$2" 'BEGIN { r = "NOT met"; if (a ~ /^[0-9.]+$/ && a + 0 >= b + 0) r = "met"; print r }'; }
met_below() { awk -v a="$1" -v b="$2" 'BEGIN { r = "NOT met"; if (a ~ /^[0-9.]+$/ && a + 0 <= b + 0) r = "met"; print r }'; }
mib() { awk -v k="$1" 'BEGIN { if (k ~ /^[0-9]+$/) printf "%.0f MiB", k / 1024; else printf "?" }'; }

ARTICLE_RATIO="$(ratio "${R[svc-article.rate]}" "${R[base-article.rate]}")"
P99_RATIO="$(ratio "${R[svc-article.lat_p99_ms]}" "${R[base-article.lat_p99_ms]}")"
LIST_RATIO="$(ratio "${R[svc-list.rate]}" "${R[base-list.rate]}")"
CATEGORY_RATIO="$(ratio "${R[svc-list-category.rate]}" "${R[base-list-category.rate]}")"
LIST_P99_RATIO="$(ratio "${R[svc-list.lat_p99_ms]}" "${R[base-list.lat_p99_ms]}")"
CATEGORY_P99_RATIO="$(ratio "${R[svc-list-category.lat_p99_ms]}" "${R[base-list-category.lat_p99_ms]}")"
WARM_RATIO="$(ratio "${R[svc-warm.rate]}" "${R[base-article.rate]}")"
# The service's peak RSS over its read phases (each process's VmHWM at its last phase), in MB of 10^6 bytes.
PEAK_KB="$(printf '%s\n' "${R[svc-list-category.hwm_kb]:-0}" "${R[svc-warm.hwm_kb]:-0}" | sort -n | tail -n 1)"
PEAK_MB="$(awk -v k="$PEAK_KB" 'BEGIN { printf "%.0f", k * 1024 / 1e6 }')"

CPU_MODEL="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
MEM_TOTAL="$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
DOTNET_SDK="$(dotnet --version 2>/dev/null)"
ASPNET_RUNTIME="$(dotnet --list-runtimes 2>/dev/null | awk '$1 == "Microsoft.AspNetCore.App" { v = $2 } END { print v }')"
WRK_VERSION="$({ wrk -v 2>&1 || true; } | head -n 1 | awk '{ print $1, $2 }')"
GIT_COMMIT_END="$(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ "$GIT_COMMIT_END" != "$GIT_COMMIT" || "$(git_state)" != "$GIT_STATE" || "$(git_diff_sum)" != "$GIT_DIFF_SUM" ]]; then
  GIT_STATE+=" at publish time; the repository changed during the run (now commit $GIT_COMMIT_END, $(git_state))"
fi

if [[ "$CHECK_FAIL" -eq 0 ]]; then VERDICT="PASS"; else VERDICT="FAIL"; fi

REPORT="$WORK/report.md"
{
  echo "# Read benchmark — $START_TIME"
  echo
  echo "Correctness: **$VERDICT** (every warm-up answer 200, no answer of 400 or above and no socket error in the"
  echo "measured runs, the baseline's answers equal to the service's, every server alive). Produced by"
  echo "\`deploy/bench/reads.sh\`."
  if [[ -n "$FAILURES" ]]; then
    echo
    printf '%s' "$FAILURES"
  fi
  echo
  echo "## Targets"
  echo
  echo "| measure | value | target | |"
  echo "| --- | ---: | --- | --- |"
  echo "| article GET uncached, service ÷ baseline req/s | $ARTICLE_RATIO | ≥ 0.7 | $(met "$ARTICLE_RATIO" 0.7) |"
  echo "| article GET uncached, service ÷ baseline p99 | $P99_RATIO | ≤ 2 | $(met_below "$P99_RATIO" 2) |"
  echo "| list ?limit=$LIST_LIMIT uncached, service ÷ baseline req/s | $LIST_RATIO | ≥ 0.7 | $(met "$LIST_RATIO" 0.7) |"
  echo "| list ?limit=$LIST_LIMIT&category uncached, service ÷ baseline req/s | $CATEGORY_RATIO | ≥ 0.7 | $(met "$CATEGORY_RATIO" 0.7) |"
  echo "| article GET, warm output cache (hot set) ÷ baseline article req/s | $WARM_RATIO | ≥ 3 | $(met "$WARM_RATIO" 3) |"
  echo "| service's peak RSS in the read phases, MB | $PEAK_MB | ≤ 250 | $(met_below "$PEAK_MB" 250) |"
  echo
  echo "Targets are reported, not enforced. p99 ratios of the lists (not judged): $LIST_P99_RATIO without, $CATEGORY_P99_RATIO with"
  echo "a category. The peak RSS is VmHWM of the service's processes that served the uncached and the warm phases (each"
  echo "since its start, without the load), in MB of 10^6 bytes."
  echo
  echo "## Phases"
  echo
  echo "| phase | server | what | req/s | p50 ms | p99 ms | max ms | bytes/answer | non-2xx / socket errors |"
  echo "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  for p in "${PHASES[@]}"; do
    bytes="$(awk -v b="${R[$p.bytes]}" -v n="${R[$p.requests]}" 'BEGIN { if (n > 0) printf "%.0f", b / n }')"
    echo "| $p | ${R[$p.server]} | ${R[$p.what]} | $(num "${R[$p.rate]}") | ${R[$p.lat_p50_ms]} | ${R[$p.lat_p99_ms]} | ${R[$p.lat_max_ms]} | $bytes | ${R[$p.non2xx]} / ${R[$p.socket_errors]} |"
  done
  echo
  echo "Each phase: one GET of the list's first path alone, a ${WARMUP}-s warm-up (every answer counted by status; all must be"
  echo "200), a second's pause, then ${DURATION} s measured. Every request GETs a path picked at random from the phase's list"
  echo "(deploy/bench/reads.lua). req/s counts every answer; non-2xx is wrk's count of statuses of 400 or above; bytes/answer"
  echo "includes the headers."
  echo
  echo "## CPU and memory per phase"
  echo
  echo "| phase | server cores | PostgreSQL cores | wrk cores | machine busy | server / PostgreSQL CPU ms per request | server RSS at the end (peak) |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | --- |"
  for p in "${PHASES[@]}"; do
    echo "| $p (${R[$p.server]}) | ${R[$p.cpu_server]} | ${R[$p.cpu_postgres]} | ${R[$p.cpu_wrk]} | ${R[$p.busy]}% | ${R[$p.ms_server]} / ${R[$p.ms_postgres]} | $(mib "${R[$p.rss_kb]}") ($(mib "${R[$p.hwm_kb]}")) |"
  done
  echo
  echo "Averages over the measured runs, in cores (this machine has $(nproc)); PostgreSQL is every process named postgres on"
  echo "the machine, so other databases' work on the same server counts there too. CPU ms per request: the server's and"
  echo "PostgreSQL's CPU time over the run divided by its requests. RSS is VmRSS of the server when the run ends and, in"
  echo "brackets, VmHWM: its peak since it started. Load average (1, 5, 15 min) when the run started: $LOAD_START."
  echo
  echo "## Writes"
  echo
  echo "| articles created and published | articles/s | p50 ms | p99 ms | service / PostgreSQL CPU ms per article | service + PostgreSQL cores |"
  echo "| ---: | ---: | ---: | ---: | ---: | ---: |"
  echo "| $WRITTEN of $WRITES | $WRITE_RATE | $WRITE_P50 | $WRITE_P99 | $WRITE_MS_SERVER / $WRITE_MS_POSTGRES | $WRITE_BUSY |"
  echo
  echo "After the read phases, a fresh service: $WRITE_WARMUP untimed, then $WRITES articles like the loaded ones, each created"
  echo "(POST /api/v1/admin/articles, as a draft) and then published (POST …/publish with the first answer's ETag as"
  echo "If-Match), $WRITE_CONCURRENCY editors at a time. p50/p99: one article's two requests together. The database commands"
  echo "one such write sends are counted by a test (WriteRoundTripTests): four to create, five to publish, and a COMMIT each."
  echo
  echo "## Same answers"
  echo
  echo "Before its phases the baseline answered three URLs that the service had answered (no output cache), compared as"
  echo "JSON (key order aside; timestamps as instants):"
  echo
  echo "| read | service, bytes | baseline, bytes | |"
  echo "| --- | ---: | ---: | --- |"
  printf '%s' "$SAME_ROWS"
  echo
  echo "URLs: \`$SAMPLE_ARTICLE\`, \`$SAMPLE_LIST\`, \`$SAMPLE_CATEGORY\`."
  echo
  echo "## Servers"
  echo
  echo "| start | server | for | Http:DeliveryCacheSeconds | ready after, s | log entries at warn or above |"
  echo "| ---: | --- | --- | --- | ---: | ---: |"
  printf '%s' "$START_ROWS"
  if [[ -n "$WARNING_LINES" ]]; then
    echo
    echo "Distinct entries at warn or above (count, start, first lines):"
    echo
    echo '```'
    printf '%s' "$WARNING_LINES"
    echo '```'
  fi
  echo
  echo "## Setup"
  echo
  echo "- machine: $(nproc) CPUs ($CPU_MODEL), $MEM_TOTAL RAM, Linux $(uname -r); wrk, the server and PostgreSQL share it"
  echo "- .NET SDK $DOTNET_SDK, ASP.NET Core runtime $ASPNET_RUNTIME; PostgreSQL $PG_VERSION; $WRK_VERSION (-t$THREADS -c$CONNECTIONS, --timeout 10s, keep-alive HTTP/1.1, no compression)"
  echo "- commit $GIT_COMMIT, $GIT_STATE; Release publishes of src/KhoaGiao.Api and deploy/bench/baseline, one server at a"
  echo "  time on 127.0.0.1, Production environment, Logging:LogLevel:Default=Warning; the service with"
  echo "  Http:ManagementRequestsPerMinute=$MANAGEMENT_RPM, other settings at their defaults"
  echo "- baseline: deploy/bench/baseline, a minimal API over one NpgsqlDataSource (Max Auto Prepare, No Reset On Close), one"
  echo "  auto-prepared statement per read, the JSON written from the data reader with Utf8JsonWriter"
  echo "- data: $LOADED articles loaded through POST /api/v1/admin/articles/batch in $LOAD_SECONDS s (BATCH_SIZE=$BATCH_SIZE,"
  echo "  CONCURRENCY=$CONCURRENCY), bodies of $BODY_MEAN bytes on average, $CATEGORY_COUNT categories, $TAG_COUNT tags,"
  echo "  $EVENT_ARTICLES articles reporting a published event; then VACUUM (ANALYZE); database $DB_SIZE"
  echo "- ARTICLES=$ARTICLES DURATION=$DURATION WARMUP=$WARMUP THREADS=$THREADS CONNECTIONS=$CONNECTIONS HOT_SLUGS=$HOT_SLUGS LIST_LIMIT=$LIST_LIMIT"
} >"$REPORT"

mkdir -p "$RESULTS_DIR"
RESULT_FILE="$RESULTS_DIR/reads-$(date -u +%Y%m%d-%H%M%S).md"
cp "$REPORT" "$RESULT_FILE"
echo
cat "$REPORT"
echo
log "report written to $RESULT_FILE"

if [[ "$CHECK_FAIL" -ne 0 ]]; then
  log "a correctness check FAILED"
  exit 1
fi
log "correctness checks passed"
