#!/usr/bin/env bash
# Benchmark of KhoaGiao.Api's article search (GET /api/v1/search and GET /api/v1/articles?q=) over many 6 KB
# Vietnamese articles: latency per class of query, and the size and build time of the text index.
#
#   deploy/bench/search.sh                        1,000,000 articles
#   ARTICLES=10000 deploy/bench/search.sh         the same queries' classes at 10,000
#   BENCH_KEEP=1 …, then BENCH_DB=<name> deploy/bench/search.sh   measure again on a loaded database
#
# What it does (everything on 127.0.0.1, bounded in time, no stdin needed):
#   1. installs curl and the PostgreSQL client with apt-get when missing (as root; otherwise asks you to); needs
#      Node.js 20 or later for deploy/bench/search.mjs, the content generator and HTTP client (built-in modules only);
#   2. provisions the private PostgreSQL of deploy/local-postgres.sh (or uses the server of
#      ConnectionStrings__KhoaGiao), creates a fresh database khoagiao_bench_<random> on it and drops it at exit
#      (BENCH_DB instead: an existing database a BENCH_KEEP=1 run loaded; steps 4 and 5 are skipped and it is kept);
#   3. publishes src/KhoaGiao.Api (Release; build outputs in a temporary directory, not in the tree). The service runs
#      alone, in the Production environment, on a free port (from BENCH_PORT), with Logging__LogLevel__Default=Warning,
#      one random bootstrap admin key, Database__SeedDemoContent=false;
#   4. schema: starts the service once with Database__MigrateOnStartup=true, waits for GET /health/ready, stops it;
#   5. load, in SQL (not through the API): search.mjs content writes deterministic Vietnamese pieces cut from
#      src/KhoaGiao.Api/Data/Demo/seed-article.txt (4,000 paragraphs, 2,000 titles, 2,000 summaries, ~3,000 rare
#      syllables with marks that the seed text does not hold, 5,000 person names; see search.mjs), copied into tables
#      of a schema "bench" in the database. ix_articles_search is dropped and autovacuum is off for articles; then
#      LOAD_JOBS psql sessions at once (default: one per core) each INSERT … SELECT over generate_series a disjoint
#      share of ARTICLES rows, BATCH_ROWS per statement, printing progress (rows, rows/s, ETA). Article n
#      (slug bench-<n>) is published, at one of ARTICLES distinct instants over the last five years (n = ARTICLES the
#      newest); its title is one of the titles (one in 20 with a rare syllable added), its summary one of the
#      summaries, its body four of the paragraphs as <p>…</p> with a sentence naming one person and three rare
#      syllables; every choice is a hash of n. The search columns are filled by the table's own trigger
#      (articles_search). Then, timed: CREATE INDEX ix_articles_search (maintenance_work_mem=512MB) and
#      VACUUM (ANALYZE) articles; autovacuum is set back. Checked: ARTICLES rows, mean body 5.5–6.5 KB;
#   6. queries, chosen from the data, 15 per class (fewer when the data has fewer):
#        common-1        one of the 60 words commonest in 2,000 articles (ts_stat), every fourth, with marks
#        common-1-ascii  the same words without marks
#        common-5        five consecutive words of a seed sentence
#        rare-1          one rare syllable that is in some article (and starts no other), with marks; one tone
#                        variant of each form without marks
#        rare-1-ascii    the same without marks
#        rare-2          two rare syllables of the same article
#        name            the full name of a person in some article (three words, each common alone)
#        miss-1          a word in no article, nor the start of one: five foreign words, then rare-like syllables
#        miss-5          common-1 words around two rare syllables that no article has together
#        prefix          two words of a seed sentence and the first letter of the third ("chuyển đổi s")
#        prefix-3        the first three letters of a rare syllable of five letters or more
#   7. measures: the service again with Http__DeliveryCacheSeconds=0 (no output cache: every request reaches the
#      database); for each class on GET /api/v1/search?q=, then common-1 and rare-1 on GET /api/v1/articles?q=
#      (relevance) and on GET /api/v1/articles?sort=newest&q=. First every query of every class once (the answers are
#      checked and counted; the service compiles every route's code meanwhile), then per class a warm-up (each query
#      once more) and CONCURRENCY clients for DURATION s, each sending the class's next query when its previous answer
#      has come; per class: requests, req/s, latency p50/p95/p99/max, mean items of an answer, queries that found
#      nothing, the query slowest at the median, CPU of the service and PostgreSQL per request;
#   8. prints the results and writes them to deploy/bench/results/search-<UTC date>.md.
# Checks: every answer 200; every miss found nothing (suggestions are allowed) and every other query something; the
# first result of each rare-1 query on /api/v1/search holds the syllable in its title or snippet.
# Target (reported, not enforced): p95 <= 50 ms for every class; at ARTICLES=10000 each class's p95 within 2x of
# the ARTICLES=1000000 run's (compare the two reports).
# Time: the load inserts about 1,100–1,400 articles/s with 2 cores (the search trigger costs ~1.1 ms of CPU per body),
# so 1,000,000 take about 14 minutes, then the index and ANALYZE; the measures take about 15 × (DURATION + 2) s.
# Exit code: 0 when every check passes, 1 when one fails, 2 on a setup error.
#
# Environment:
#   ARTICLES          articles to load (default 1000000; taken from the database with BENCH_DB)
#   DURATION          seconds of each class's measured run (default 10)
#   CONCURRENCY       clients sending requests at once (default 1)
#   LOAD_JOBS         psql sessions loading at once (default: nproc)
#   BATCH_ROWS        rows per INSERT statement (default 10000; fewer for a small ARTICLES, so progress shows)
#   BENCH_PORT        first port to try for the service (default 5499)
#   BENCH_DB          an existing database loaded by a BENCH_KEEP=1 run of this script: no schema, load or index step,
#                     only the queries and measures; the database is kept
#   BENCH_KEEP        1: keep the temporary directory (build, server logs, content, queries) and the database, and
#                     print how to measure again on it
#   RESULTS_DIR       where the markdown report goes (default deploy/bench/results)
#   TMPDIR            where the temporary directory is made (default /tmp)
#   ConnectionStrings__KhoaGiao  a PostgreSQL server to use instead of the private cluster; its user must be
#                     allowed to create databases
#   KHOAGIAO_PG_PORT  port of the private cluster (default 55432)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd -P)"
PROJECT_DIR="$REPO_ROOT/src/KhoaGiao.Api"
CLIENT="$SCRIPT_DIR/search.mjs"
SEED_ARTICLE="$PROJECT_DIR/Data/Demo/seed-article.txt"

ARTICLES="${ARTICLES:-1000000}"
DURATION="${DURATION:-10}"
CONCURRENCY="${CONCURRENCY:-1}"
LOAD_JOBS="${LOAD_JOBS:-$(nproc)}"
BATCH_ROWS="${BATCH_ROWS:-10000}"
BENCH_PORT="${BENCH_PORT:-5499}"
REUSE_DB="${BENCH_DB:-}"
RESULTS_DIR="${RESULTS_DIR:-$SCRIPT_DIR/results}"
BENCH_KEEP="${BENCH_KEEP:-0}"
PER_CLASS=15
INDEX_MEMORY=512MB

export DOTNET_CLI_TELEMETRY_OPTOUT="${DOTNET_CLI_TELEMETRY_OPTOUT:-1}"
export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}"
export MSBUILDDISABLENODEREUSE="${MSBUILDDISABLENODEREUSE:-1}"

log() { printf '[search.sh %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '[search.sh] error: %s\n' "$*" >&2; exit 2; }

for var in ARTICLES DURATION CONCURRENCY LOAD_JOBS BATCH_ROWS BENCH_PORT; do
  [[ "${!var}" =~ ^[0-9]+$ ]] || die "$var must be a whole number, got '${!var}'"
done
((ARTICLES >= 100)) || die "ARTICLES must be at least 100"
((DURATION >= 1 && CONCURRENCY >= 1)) || die "DURATION and CONCURRENCY must be at least 1"
((LOAD_JOBS >= 1 && BATCH_ROWS >= 1)) || die "LOAD_JOBS and BATCH_ROWS must be at least 1"
[[ -z "$REUSE_DB" || "$REUSE_DB" =~ ^[a-z0-9_]+$ ]] || die "BENCH_DB must be a database name of a-z, 0-9 and _, got '$REUSE_DB'"
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

WORK="$(mktemp -d "${TMPDIR:-/tmp}/khoagiao-search.XXXXXX")"
SERVER_PID=""
CLIENT_PID=""
LOAD_PIDS=()
DB_CREATED=0
BENCH_DB=""

stop_server() {
  local pid="$SERVER_PID"
  SERVER_PID=""
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  log "stopping the service (pid $pid)"
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
  local rc=$? pid
  set +e
  trap - EXIT INT TERM
  # Only what this script started: the loading psql sessions and the client, by their ids.
  for pid in "${LOAD_PIDS[@]}" "$CLIENT_PID"; do
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && kill -TERM "$pid" 2>/dev/null
  done
  stop_server
  if [[ "$DB_CREATED" -eq 1 ]]; then
    if [[ "$BENCH_KEEP" == 1 ]]; then
      log "keeping database $BENCH_DB (BENCH_KEEP=1)"
      if [[ "$rc" -eq 0 || "$rc" -eq 1 ]]; then
        log "to measure again on it (no load): BENCH_DB=$BENCH_DB deploy/bench/search.sh, with the same" \
          "ConnectionStrings__KhoaGiao$([[ -n "${ConnectionStrings__KhoaGiao:-}" ]] || echo ' (unset)'); drop it with:" \
          "psql -h $PG_HOST -p $PG_PORT -U $PG_USER -d $PG_DATABASE -c 'DROP DATABASE $BENCH_DB WITH (FORCE)'"
      fi
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

if [[ -n "$REUSE_DB" ]]; then
  BENCH_DB="$REUSE_DB"
  [[ "$(psql_admin -At -c "SELECT count(*) FROM pg_database WHERE datname = '$BENCH_DB'")" == 1 ]] ||
    die "database $BENCH_DB (BENCH_DB) does not exist on $PG_HOST:$PG_PORT"
  [[ "$(psql_bench -At -c "SELECT to_regclass('bench.info') IS NOT NULL")" == t ]] ||
    die "database $BENCH_DB has no table bench.info: it was not loaded by deploy/bench/search.sh"
  ARTICLES="$(psql_bench -At -c "SELECT value FROM bench.info WHERE key = 'articles'")"
  [[ "$ARTICLES" =~ ^[0-9]+$ ]] || die "database $BENCH_DB: its load did not finish (no article count in bench.info)"
  log "reusing database $BENCH_DB on $PG_HOST:$PG_PORT ($ARTICLES articles; it is kept)"
else
  BENCH_DB="khoagiao_bench_$(random_hex 4)"
  log "creating database $BENCH_DB on $PG_HOST:$PG_PORT"
  psql_admin -c "CREATE DATABASE \"$BENCH_DB\"" >/dev/null || die "could not create database $BENCH_DB"
  DB_CREATED=1
fi
BENCH_CS="$(IFS=';'; printf '%s' "${CS_PARTS[*]}");Database=$BENCH_DB"
PG_VERSION="$(psql_admin -At -c 'SHOW server_version')"

# --- build ------------------------------------------------------------------------------------------

# The tree measured is the one published now: record its commit and state before the build, not at the end.
MEASURED_PATHS=(src)
git_state() {
  local dirty
  dirty="$(git -C "$REPO_ROOT" status --porcelain -- "${MEASURED_PATHS[@]}" 2>/dev/null | wc -l | tr -d ' ')"
  [[ "$dirty" == 0 ]] && echo "clean" || echo "$dirty uncommitted path(s) under src/ (measured as in the working tree)"
}
git_diff_sum() { git -C "$REPO_ROOT" diff HEAD -- "${MEASURED_PATHS[@]}" 2>/dev/null | cksum; }
GIT_COMMIT="$(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
GIT_STATE="$(git_state)"
GIT_DIFF_SUM="$(git_diff_sum)"

log "publishing $PROJECT_DIR (Release) into $WORK/app"
# UseSharedCompilation=false: no compiler server is left running after the build (only what we start is ours).
if ! dotnet publish "$PROJECT_DIR" -c Release -o "$WORK/app" --artifacts-path "$WORK/artifacts" \
    -p:UseSharedCompilation=false -nologo -v q </dev/null >"$WORK/publish.log" 2>&1; then
  tail -n 40 "$WORK/publish.log" >&2
  die "dotnet publish of $PROJECT_DIR failed (log above)"
fi

# --- the service ------------------------------------------------------------------------------------

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
SERVER_URL=""
SERVER_LOG=""
STARTS=0
WARNING_LINES=""
SERVER_DIED=0

# Starts the service alone and waits until it answers GET /health/ready: migrate (Database__MigrateOnStartup),
# cache (Http__DeliveryCacheSeconds, "" for the default).
start_server() {
  local migrate="$1" cache="$2" port started ready_seconds=""
  port="$(free_port "$BENCH_PORT")" || die "no free port in $BENCH_PORT..$((BENCH_PORT + 99))"
  STARTS=$((STARTS + 1))
  SERVER_URL="http://127.0.0.1:$port"
  SERVER_LOG="$WORK/server-$STARTS.log"
  log "starting the service on $SERVER_URL (Production, Database__MigrateOnStartup=$migrate${cache:+, Http__DeliveryCacheSeconds=$cache})"
  (
    cd "$WORK/app"
    export ASPNETCORE_ENVIRONMENT=Production
    export ASPNETCORE_URLS="$SERVER_URL"
    export ConnectionStrings__KhoaGiao="$BENCH_CS"
    export Logging__LogLevel__Default=Warning
    export Database__MigrateOnStartup="$migrate"
    export Database__SeedDemoContent=false
    export Security__BootstrapAdminKey="$ADMIN_KEY"
    export Counters__VisitorHashKey=bench
    [[ -z "$cache" ]] || export Http__DeliveryCacheSeconds="$cache"
    exec dotnet KhoaGiao.Api.dll
  ) </dev/null >"$SERVER_LOG" 2>&1 &
  SERVER_PID=$!
  started="$(date +%s.%N)"
  for _ in $(seq 1 600); do
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 40 "$SERVER_LOG" >&2; die "the service exited during start-up (log above)"; }
    if [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$SERVER_URL/health/ready" || true)" == 200 ]]; then
      ready_seconds="$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')"
      break
    fi
    sleep 0.5
  done
  [[ -n "$ready_seconds" ]] || { tail -n 40 "$SERVER_LOG" >&2; die "the service was not ready within 300 s"; }
  log "service ready in $ready_seconds s (pid $SERVER_PID)"
}

# Notes the service's log entries at warn or above, then stops it.
finish_server() {
  local lines
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    tail -n 40 "$SERVER_LOG" >&2
    SERVER_DIED=1
    log "the service died during the run (log above)"
  fi
  # Distinct entries at warn or above: the "level: Category[event]" line and the first line of the message, counted.
  lines="$(awk -v start="$STARTS" '
    function emit() { if (head != "") print "start " start ": " head " — " msg; head = "" }
    /^(info|warn|fail|crit|dbug|trce):/ { emit(); if ($0 ~ /^(warn|fail|crit):/) { head = $0; msg = ""; n = 0 }; next }
    head != "" && n < 1 { sub(/^ +/, ""); msg = $0; n++ }
    END { emit() }' "$SERVER_LOG" | sort | uniq -c | sort -rn | head -n 10)"
  [[ -z "$lines" ]] || WARNING_LINES+="$lines"$'\n'
  stop_server
}

START_TIME="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
info() { psql_bench -At -c "SELECT value FROM bench.info WHERE key = '$1'"; }

# --- schema and load --------------------------------------------------------------------------------

if [[ -z "$REUSE_DB" ]]; then
  start_server true ""
  finish_server

  log "generating the content (search.mjs content)"
  SEED_ARTICLE="$SEED_ARTICLE" node "$CLIENT" content "$WORK/content" </dev/null ||
    die "search.mjs content failed"
  # The bench schema: the pieces, the hash that picks them for article n, and what the run measured.
  cat >"$WORK/content.sql" <<SQL
CREATE SCHEMA bench;
CREATE TABLE bench.paragraphs (id int PRIMARY KEY, text text NOT NULL);
CREATE TABLE bench.titles (id int PRIMARY KEY, text text NOT NULL);
CREATE TABLE bench.summaries (id int PRIMARY KEY, text text NOT NULL);
CREATE TABLE bench.rare (id int PRIMARY KEY, word text NOT NULL, folded text NOT NULL, prefix boolean NOT NULL);
CREATE TABLE bench.names (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE bench.misses (id int PRIMARY KEY, word text NOT NULL);
CREATE TABLE bench.phrases (id int PRIMARY KEY, phrase text NOT NULL);
CREATE TABLE bench.words (id int PRIMARY KEY, word text NOT NULL, folded text NOT NULL, count int NOT NULL);
CREATE TABLE bench.info (key text PRIMARY KEY, value text NOT NULL);
\copy bench.paragraphs FROM '$WORK/content/paragraphs.tsv'
\copy bench.titles FROM '$WORK/content/titles.tsv'
\copy bench.summaries FROM '$WORK/content/summaries.tsv'
\copy bench.rare FROM '$WORK/content/rare.tsv'
\copy bench.names FROM '$WORK/content/names.tsv'
\copy bench.misses FROM '$WORK/content/misses.tsv'
\copy bench.phrases FROM '$WORK/content/phrases.tsv'
\copy bench.words FROM '$WORK/content/words.tsv'
-- A 32-bit mix of (n, k): which piece k article n takes.
CREATE FUNCTION bench.h(n bigint, k int) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS \$\$
  SELECT x # (x >> 16) FROM (SELECT ((y # (y >> 16)) * 73244475) % 4294967296 AS x
  FROM (SELECT (((n * 2654435761 + k * 40503) % 4294967296 # ((n * 2654435761 + k * 40503) % 4294967296 >> 16))
               * 73244475) % 4294967296 AS y) a) b
\$\$;
SQL
  psql_bench -f "$WORK/content.sql" >/dev/null || die "could not load the content into schema bench"
  read -r N_PARAGRAPHS N_TITLES N_SUMMARIES N_RARE N_NAMES < <(psql_bench -At -F' ' -c "SELECT
    (SELECT count(*) FROM bench.paragraphs), (SELECT count(*) FROM bench.titles), (SELECT count(*) FROM bench.summaries),
    (SELECT count(*) FROM bench.rare), (SELECT count(*) FROM bench.names)")
  # Published at distinct instants, evenly over the five years before the start of this minute; n = ARTICLES newest.
  ANCHOR="$(psql_bench -At -c "SELECT date_trunc('minute', now()) - interval '1 minute'")"
  STEP_US=$((157788000000000 / ARTICLES))
  # shellcheck disable=SC1111 # the typographic quotes are the article's text
  cat >"$WORK/procedure.sql" <<SQL
-- Articles lo..hi. The title takes rare syllable 1 in one of 20; the body's sentence names person 7 and rare 8–10.
CREATE PROCEDURE bench.load(lo bigint, hi bigint) LANGUAGE sql AS \$\$
INSERT INTO articles (id, slug, title, summary, body, status, published_at, created_at, updated_at, featured)
SELECT gen_random_uuid(), 'bench-' || g.n,
       CASE WHEN bench.h(g.n, 11) % 20 = 0 THEN t.text || ' ' || r1.word ELSE t.text END,
       s.text,
       '<p>' || p1.text || '</p><p>' || p2.text || ' Đồng chí ' || nm.name || ' đã trao đổi về mô hình “' || r1.word
         || ' ' || r2.word || '” tại ' || initcap(r3.word) || '.</p><p>' || p3.text || '</p><p>' || p4.text || '</p>',
       'Published', g.at, g.at, g.at, false
FROM (SELECT n, timestamptz '$ANCHOR' - ($ARTICLES - n) * $STEP_US * interval '1 microsecond' AS at
      FROM generate_series(lo, hi) n) g
JOIN bench.paragraphs p1 ON p1.id = bench.h(g.n, 1) % $N_PARAGRAPHS + 1
JOIN bench.paragraphs p2 ON p2.id = bench.h(g.n, 2) % $N_PARAGRAPHS + 1
JOIN bench.paragraphs p3 ON p3.id = bench.h(g.n, 3) % $N_PARAGRAPHS + 1
JOIN bench.paragraphs p4 ON p4.id = bench.h(g.n, 4) % $N_PARAGRAPHS + 1
JOIN bench.titles t ON t.id = bench.h(g.n, 5) % $N_TITLES + 1
JOIN bench.summaries s ON s.id = bench.h(g.n, 6) % $N_SUMMARIES + 1
JOIN bench.names nm ON nm.id = bench.h(g.n, 7) % $N_NAMES + 1
JOIN bench.rare r1 ON r1.id = bench.h(g.n, 8) % $N_RARE + 1
JOIN bench.rare r2 ON r2.id = bench.h(g.n, 9) % $N_RARE + 1
JOIN bench.rare r3 ON r3.id = bench.h(g.n, 10) % $N_RARE + 1
\$\$;
INSERT INTO bench.info VALUES ('anchor', '$ANCHOR'), ('rare', '$N_RARE'), ('names', '$N_NAMES');
DROP INDEX ix_articles_search;
ALTER TABLE articles SET (autovacuum_enabled = false, toast.autovacuum_enabled = false);
SQL
  psql_bench -f "$WORK/procedure.sql" >/dev/null || die "could not create the loading procedure"

  # Batches of BATCH_ROWS (at most an eighth of each session's share, so progress shows), dealt out in turn.
  BATCH=$(((ARTICLES + LOAD_JOBS * 8 - 1) / (LOAD_JOBS * 8)))
  ((BATCH > BATCH_ROWS)) && BATCH=$BATCH_ROWS
  ((BATCH < 1)) && BATCH=1
  BATCHES=$(((ARTICLES + BATCH - 1) / BATCH))
  for ((job = 0; job < LOAD_JOBS; job++)); do
    : >"$WORK/load-$job.sql"
    for ((b = job; b < BATCHES; b += LOAD_JOBS)); do
      lo=$((b * BATCH + 1))
      hi=$(((b + 1) * BATCH))
      ((hi > ARTICLES)) && hi=$ARTICLES
      printf 'CALL bench.load(%d, %d);\n\\echo %d\n' "$lo" "$hi" "$((hi - lo + 1))" >>"$WORK/load-$job.sql"
    done
  done
  log "loading $ARTICLES articles: $LOAD_JOBS psql sessions, $BATCH rows per statement ($BATCHES statements)"
  LOAD_STARTED="$(now)"
  for ((job = 0; job < LOAD_JOBS; job++)); do
    PGPASSWORD="$PG_PASSWORD" PGCONNECT_TIMEOUT=10 psql -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" \
      -U "$PG_USER" -d "$BENCH_DB" -f "$WORK/load-$job.sql" </dev/null >"$WORK/load-$job.out" 2>"$WORK/load-$job.err" &
    LOAD_PIDS+=($!)
  done
  loaded_rows() { cat "$WORK"/load-*.out 2>/dev/null | awk '{ s += $1 } END { print s + 0 }'; }
  # A line at most every 10 s, when a statement has finished since the last.
  last_report=0
  last_rows=0
  while true; do
    running=0
    for pid in "${LOAD_PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && running=$((running + 1)); done
    ((running == 0)) && break
    sleep 1
    elapsed="$(since "$LOAD_STARTED")"
    rows="$(loaded_rows)"
    if ((rows != last_rows)) && awk -v e="$elapsed" -v l="$last_report" 'BEGIN { exit !(e - l >= 10) }'; then
      last_report="$elapsed"
      last_rows="$rows"
      log "$(awk -v d="$rows" -v n="$ARTICLES" -v e="$elapsed" 'BEGIN {
        r = d / e; eta = r > 0 ? (n - d) / r : 0
        printf "load: %d of %d rows (%.1f%%) in %.0f s, %.0f rows/s, ETA %dm%02ds", d, n, 100 * d / n, e, r, eta / 60, eta % 60 }')"
    fi
  done
  for ((job = 0; job < LOAD_JOBS; job++)); do
    wait "${LOAD_PIDS[$job]}" || { cat "$WORK/load-$job.err" >&2; die "loading session $job failed (above)"; }
  done
  LOAD_PIDS=()
  LOAD_SECONDS="$(since "$LOAD_STARTED")"
  LOAD_RATE="$(awk -v n="$ARTICLES" -v s="$LOAD_SECONDS" 'BEGIN { printf "%.0f", n / s }')"
  log "loaded $(loaded_rows) rows in $LOAD_SECONDS s ($LOAD_RATE rows/s)"

  log "CREATE INDEX ix_articles_search (maintenance_work_mem=$INDEX_MEMORY)"
  started="$(now)"
  psql_bench -c "SET maintenance_work_mem = '$INDEX_MEMORY'" \
    -c 'CREATE INDEX ix_articles_search ON articles USING gin (search_vector)' || die "CREATE INDEX failed"
  INDEX_SECONDS="$(since "$started")"
  log "index built in $INDEX_SECONDS s; VACUUM (ANALYZE) articles"
  started="$(now)"
  psql_bench -c 'VACUUM (ANALYZE) articles' || die "VACUUM (ANALYZE) failed"
  ANALYZE_SECONDS="$(since "$started")"
  log "VACUUM (ANALYZE) took $ANALYZE_SECONDS s"
  psql_bench -c 'ALTER TABLE articles RESET (autovacuum_enabled, toast.autovacuum_enabled)' ||
    die "could not set autovacuum back"

  read -r COUNTED BODY_MEAN BODY_MIN BODY_MAX < <(psql_bench -At -F' ' -c \
    "SELECT count(*), round(avg(octet_length(body))), min(octet_length(body)), max(octet_length(body)) FROM articles")
  log "articles: $COUNTED; body bytes: mean $BODY_MEAN, min $BODY_MIN, max $BODY_MAX"
  [[ "$COUNTED" == "$ARTICLES" ]] || die "the database holds $COUNTED articles; expected $ARTICLES"
  ((BODY_MEAN >= 5500 && BODY_MEAN <= 6500)) || die "the mean body is $BODY_MEAN bytes; expected 5.5–6.5 KB"
  psql_bench -c "INSERT INTO bench.info VALUES ('load_seconds', '$LOAD_SECONDS'), ('load_rate', '$LOAD_RATE'),
    ('load_jobs', '$LOAD_JOBS'), ('batch', '$BATCH'), ('index_seconds', '$INDEX_SECONDS'),
    ('analyze_seconds', '$ANALYZE_SECONDS'), ('body_mean', '$BODY_MEAN'), ('body_min', '$BODY_MIN'),
    ('body_max', '$BODY_MAX'), ('loaded_at', '$START_TIME'), ('articles', '$ARTICLES')" >/dev/null ||
    die "could not record the load in bench.info"
fi

LOAD_SECONDS="$(info load_seconds)" LOAD_RATE="$(info load_rate)" LOAD_JOBS_USED="$(info load_jobs)"
BATCH="$(info batch)" INDEX_SECONDS="$(info index_seconds)" ANALYZE_SECONDS="$(info analyze_seconds)"
BODY_MEAN="$(info body_mean)" BODY_MIN="$(info body_min)" BODY_MAX="$(info body_max)" LOADED_AT="$(info loaded_at)"
N_RARE="$(info rare)" N_NAMES="$(info names)"
IFS=$'\t' read -r INDEX_SIZE TABLE_SIZE HEAP_SIZE DB_SIZE < <(psql_bench -At -F $'\t' -c "SELECT
  pg_size_pretty(pg_relation_size('ix_articles_search')), pg_size_pretty(pg_total_relation_size('articles')),
  pg_size_pretty(pg_table_size('articles')), pg_size_pretty(pg_database_size(current_database()))")
N_FORMS="$(psql_bench -At -c 'SELECT count(DISTINCT folded) FROM bench.rare')"

# --- queries ----------------------------------------------------------------------------------------

log "choosing the queries from the data"
# Article n's rare syllable k (8–10) or person (7), as bench.load picked them.
cat >"$WORK/queries.sql" <<SQL
\set per $PER_CLASS
CREATE TEMP TABLE q (class text, ord int, query text);
CREATE FUNCTION pg_temp.unmarked(text) RETURNS text LANGUAGE sql IMMUTABLE AS
  \$\$ SELECT translate(regexp_replace(normalize(\$1, NFD), '[\u0300-\u036f]+', '', 'g'), 'đĐ', 'dD') \$\$;
CREATE FUNCTION pg_temp.found(text) RETURNS boolean LANGUAGE sql STABLE AS
  \$\$ SELECT EXISTS (SELECT 1 FROM articles WHERE search_vector @@ (quote_literal(khoagiao_fold(\$1)) || ':*')::tsquery) \$\$;
-- Articles spread over the whole range, whose injected words the classes take.
CREATE TEMP TABLE spread AS
  SELECT i AS ord, 1 + ((i - 1) * $ARTICLES::bigint) / :per + 7 AS n FROM generate_series(1, :per) i;

-- Every fourth of the words in most of 2,000 articles (ts_stat of the index column, folded), as the seed text
-- writes them most often, of those written with marks.
INSERT INTO q SELECT 'common-1', row_number() OVER (ORDER BY r), word FROM (
  SELECT w.word, row_number() OVER (ORDER BY s.ndoc DESC, s.word) AS r
  FROM ts_stat('SELECT search_vector FROM articles ORDER BY id LIMIT 2000') s
  JOIN LATERAL (SELECT word FROM bench.words w WHERE w.folded = s.word ORDER BY count DESC, word LIMIT 1) w ON true
  WHERE octet_length(w.word) > char_length(w.word)) s
WHERE r % 4 = 1 AND r <= 4 * :per;
INSERT INTO q SELECT 'common-1-ascii', ord, pg_temp.unmarked(query) FROM q WHERE class = 'common-1';
INSERT INTO q SELECT 'common-5', id, phrase FROM bench.phrases WHERE id <= :per;
-- One tone variant of each form (the first in the list), so that no two queries fold alike.
INSERT INTO q SELECT 'rare-1', row_number() OVER (ORDER BY id), word FROM (
  SELECT id, word FROM bench.rare r
  WHERE NOT prefix AND id = (SELECT min(id) FROM bench.rare o WHERE o.folded = r.folded) AND pg_temp.found(word)
  ORDER BY id LIMIT :per) s;
INSERT INTO q SELECT 'rare-1-ascii', ord, pg_temp.unmarked(query) FROM q WHERE class = 'rare-1';
INSERT INTO q SELECT 'rare-2', s.ord, r2.word || ' ' || r3.word FROM spread s
  JOIN bench.rare r2 ON r2.id = bench.h(s.n, 9) % $N_RARE + 1
  JOIN bench.rare r3 ON r3.id = bench.h(s.n, 10) % $N_RARE + 1;
INSERT INTO q SELECT 'name', s.ord, nm.name FROM spread s JOIN bench.names nm ON nm.id = bench.h(s.n, 7) % $N_NAMES + 1;
INSERT INTO q SELECT 'miss-1', row_number() OVER (ORDER BY id), word FROM (
  SELECT id, word FROM bench.misses WHERE NOT pg_temp.found(word) ORDER BY id LIMIT :per) s;
-- Two rare syllables in some articles but in none together, between three common words.
INSERT INTO q
SELECT 'miss-5', x.ord, c1.query || ' ' || x.query || ' ' || c2.query || ' ' || y.word || ' ' || c3.query
FROM q x
JOIN q c1 ON c1.class = 'common-1' AND c1.ord = x.ord
JOIN q c2 ON c2.class = 'common-1' AND c2.ord = (SELECT x.ord % count(*) + 1 FROM q WHERE class = 'common-1')
JOIN q c3 ON c3.class = 'common-1' AND c3.ord = (SELECT (x.ord + 1) % count(*) + 1 FROM q WHERE class = 'common-1')
CROSS JOIN LATERAL (SELECT min(id) AS id FROM bench.rare WHERE word = x.query) xr
CROSS JOIN LATERAL (
  -- The first rare syllable 100 places after x's (round the end of the list) that some article holds, but none with x.
  SELECT c.word FROM (
    (SELECT 1 AS part, r.word FROM bench.rare r WHERE r.id > xr.id + 100 AND NOT r.prefix AND r.folded <> khoagiao_fold(x.query) AND pg_temp.found(r.word)
      AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.search_vector @@
        (quote_literal(r.folded)::tsquery && quote_literal(khoagiao_fold(x.query))::tsquery))
     ORDER BY r.id LIMIT 1)
    UNION ALL
    (SELECT 2, r.word FROM bench.rare r WHERE r.id <= xr.id + 100 AND NOT r.prefix AND r.folded <> khoagiao_fold(x.query) AND pg_temp.found(r.word)
      AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.search_vector @@
        (quote_literal(r.folded)::tsquery && quote_literal(khoagiao_fold(x.query))::tsquery))
     ORDER BY r.id LIMIT 1)) c
  ORDER BY c.part LIMIT 1) y
WHERE x.class = 'rare-1';
INSERT INTO q SELECT 'prefix', id - :per, split_part(phrase, ' ', 1) || ' ' || split_part(phrase, ' ', 2) || ' '
  || left(split_part(phrase, ' ', 3), 1) FROM bench.phrases WHERE id > :per AND id <= 2 * :per;
-- The first three letters of rare syllables of five letters or more, one for each three letters without marks.
INSERT INTO q SELECT 'prefix-3', row_number() OVER (ORDER BY id), left(word, 3) FROM (
  SELECT id, word FROM bench.rare r
  WHERE NOT prefix AND char_length(word) >= 5 AND pg_temp.found(word)
    AND id = (SELECT min(id) FROM bench.rare o WHERE left(o.folded, 3) = left(r.folded, 3) AND char_length(o.word) >= 5)
  ORDER BY id LIMIT :per) s;

SELECT class, query FROM q ORDER BY class, ord;
SQL
psql_bench -At -F $'\t' -f "$WORK/queries.sql" >"$WORK/queries.tsv" || die "could not choose the queries"
CLASSES=(common-1 common-1-ascii common-5 rare-1 rare-1-ascii rare-2 name miss-1 miss-5 prefix prefix-3)
for class in "${CLASSES[@]}"; do
  count="$(awk -F'\t' -v c="$class" '$1 == c' "$WORK/queries.tsv" | wc -l | tr -d ' ')"
  ((count > 0)) || die "no query of class $class could be chosen from the data"
  ((count == PER_CLASS)) || log "class $class: $count queries (not $PER_CLASS)"
done
# Articles each rare-1 and name query matches, as the index counts them (the service reads the same).
cat >"$WORK/matches.sql" <<SQL
CREATE TEMP TABLE q (class text, query text);
\copy q FROM '$WORK/queries.tsv'
SELECT (SELECT round(avg((SELECT count(*) FROM articles WHERE search_vector @@ (quote_literal(khoagiao_fold(query)) || ':*')::tsquery)))
        FROM q WHERE class = 'rare-1'),
       (SELECT round(avg((SELECT count(*) FROM articles WHERE search_vector @@ to_tsquery('simple',
          array_to_string(string_to_array(khoagiao_fold(query), ' '), ' & ') || ':*')))) FROM q WHERE class = 'name');
SQL
read -r RARE_MATCHES NAME_MATCHES < <(psql_bench -At -F' ' -f "$WORK/matches.sql")
log "a rare-1 query matches $RARE_MATCHES articles on average, a name query $NAME_MATCHES"

# --- measuring --------------------------------------------------------------------------------------

CLK_TCK="$(getconf CLK_TCK)"
start_server false 0
log "measuring: $DURATION s per class, $CONCURRENCY client(s)"
run_rc=0
BASE_URL="$SERVER_URL" DURATION="$DURATION" CONCURRENCY="$CONCURRENCY" SERVER_PID="$SERVER_PID" CLK_TCK="$CLK_TCK" \
  node "$CLIENT" run "$WORK/queries.tsv" </dev/null >"$WORK/results.txt" &
CLIENT_PID=$!
wait "$CLIENT_PID" || run_rc=$?
CLIENT_PID=""
finish_server
CHECK_FAIL=0
case "$run_rc" in
  0) ;;
  1) CHECK_FAIL=1 ;;
  *) die "search.mjs run stopped with exit code $run_rc" ;;
esac
((SERVER_DIED == 0)) || CHECK_FAIL=1

# --- results ----------------------------------------------------------------------------------------

# The client's RESULT lines as tab-separated fields, in its order (JSON decoded by node, not by the shell).
node -e '
  const lines = require("fs").readFileSync(process.argv[1], "utf8").split("\n").filter((l) => l.startsWith("RESULT "));
  for (const line of lines) {
    const r = JSON.parse(line.slice(7));
    console.log([r.phase, r.endpoint, r.queries, r.requests, r.rate, r.p50, r.p95, r.p99, r.max, r.items, r.zero,
      r.suggestions, r.failures, r.cpuServer, r.cpuPostgres, r.slowest, r.problems.join(" · ")].join("\t"));
  }' "$WORK/results.txt" >"$WORK/results.tsv"

CPU_MODEL="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
MEM_TOTAL="$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
DOTNET_SDK="$(dotnet --version 2>/dev/null)"
ASPNET_RUNTIME="$(dotnet --list-runtimes 2>/dev/null | awk '$1 == "Microsoft.AspNetCore.App" { v = $2 } END { print v }')"
PG_SETTINGS="$(psql_bench -At -c "SELECT string_agg(name || '=' || current_setting(name), ', ' ORDER BY name) FROM pg_settings
  WHERE name IN ('shared_buffers', 'work_mem', 'effective_cache_size', 'max_parallel_workers_per_gather', 'jit')")"
GIT_COMMIT_END="$(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ "$GIT_COMMIT_END" != "$GIT_COMMIT" || "$(git_state)" != "$GIT_STATE" || "$(git_diff_sum)" != "$GIT_DIFF_SUM" ]]; then
  GIT_STATE+=" at publish time; the repository changed during the run (now commit $GIT_COMMIT_END, $(git_state))"
fi
FAILURES="$(awk -F'\t' '$13 > 0 || $17 != "" { printf "- %s (%s): %s failed answers; %s\n", $1, $2, $13, ($17 == "" ? "—" : $17) }' "$WORK/results.tsv")"
((SERVER_DIED == 0)) || FAILURES+=$'\n'"- the service died during the run"
if [[ "$CHECK_FAIL" -eq 0 ]]; then VERDICT="PASS"; else VERDICT="FAIL"; fi
# 1000000 as 1,000,000.
pretty() { printf '%s' "$1" | rev | sed 's/[0-9]\{3\}/&,/g' | rev | sed 's/^,//'; }

REPORT="$WORK/report.md"
{
  echo "# Search benchmark — $START_TIME, $(pretty "$ARTICLES") articles"
  echo
  echo "Checks: **$VERDICT** (every answer 200; every miss found nothing, every other query something; each rare-1"
  echo "query's first result on /api/v1/search holds the syllable in its title or snippet). Produced by"
  echo "\`deploy/bench/search.sh\`."
  if [[ -n "$FAILURES" ]]; then
    echo
    printf '%s\n' "$FAILURES"
  fi
  echo
  echo "## Latency per class"
  echo
  echo "| class | endpoint | queries | req/s | p50 ms | p95 ms | p99 ms | max ms | mean items | found nothing | p95 ≤ 50 ms | svc / pg CPU ms per req | slowest query (its median) |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |"
  while IFS=$'\t' read -r phase endpoint queries _requests rate p50 p95 p99 max items zero suggestions _failures cpu_s cpu_p slowest _; do
    met="$(awk -v a="$p95" 'BEGIN { print (a ~ /^[0-9.]+$/ && a + 0 <= 50) ? "met" : "NOT met" }')"
    extra=""
    [[ "$phase" == miss-* ]] && extra=" (+$suggestions suggested)"
    echo "| $phase | $endpoint | $queries | $rate | $p50 | $p95 | $p99 | $max | $items$extra | $zero | $met | $cpu_s / $cpu_p | \`$slowest\` |"
  done <"$WORK/results.tsv"
  echo
  echo "Target (reported, not enforced): p95 ≤ 50 ms for every class, and at 10,000 articles each class's p95 within 2×"
  echo "of the 1,000,000-article run's (compare the two reports)."
  echo
  echo "First every query of every class once (answers checked; mean items and \"found nothing\" are from these). Then per"
  echo "class each query once more, untimed, and $CONCURRENCY client(s) for $DURATION s sending the class's queries in turn,"
  echo "each when its previous answer came (keep-alive HTTP/1.1, no output cache). Endpoints: search = \`/api/v1/search?q=\` (articles, events and people; a"
  echo "miss's suggestions are the closest common words' articles), articles = \`/api/v1/articles?q=\` (relevance),"
  echo "articles newest = \`/api/v1/articles?sort=newest&q=\`; 20 items a page. CPU: the service's and every postgres"
  echo "process's CPU time over the run divided by its requests. Load average (1, 5, 15 min) at the start: $LOAD_START."
  echo
  echo "## Data and index"
  echo
  echo "| measure | value |"
  echo "| --- | ---: |"
  echo "| published articles | $(pretty "$ARTICLES") |"
  echo "| body bytes, mean (min–max) | $BODY_MEAN ($BODY_MIN–$BODY_MAX) |"
  echo "| load: INSERT … SELECT, $LOAD_JOBS_USED psql sessions, $BATCH rows a statement, search trigger included | $LOAD_SECONDS s, $LOAD_RATE rows/s |"
  echo "| CREATE INDEX ix_articles_search (GIN, maintenance_work_mem=$INDEX_MEMORY) | $INDEX_SECONDS s |"
  echo "| VACUUM (ANALYZE) articles | $ANALYZE_SECONDS s |"
  echo "| ix_articles_search size | $INDEX_SIZE |"
  echo "| articles with its indexes (heap and TOAST alone) | $TABLE_SIZE ($HEAP_SIZE) |"
  echo "| database | $DB_SIZE |"
  echo
  echo "Loaded $LOADED_AT. Text from \`src/KhoaGiao.Api/Data/Demo/seed-article.txt\` (search.mjs content): each body is four"
  echo "of 4,000 paragraphs of its sentences and one sentence naming one of $(pretty "$N_NAMES") people and three of $(pretty "$N_RARE") rare"
  echo "syllables ($N_FORMS forms without marks); one title in 20 has a rare syllable. A rare-1 query matches $RARE_MATCHES"
  echo "articles on average, a name $NAME_MATCHES (SQL count through the index)."
  echo
  echo "Queries, the first three of each class (all of them: queries.tsv in the directory a BENCH_KEEP=1 run keeps):"
  echo
  for class in "${CLASSES[@]}"; do
    awk -F'\t' -v c="$class" '$1 == c && n++ < 3 { q = q (n > 1 ? ", " : "") "`" $2 "`" } END { print "- " c ": " q }' \
      "$WORK/queries.tsv"
  done
  if [[ -n "$WARNING_LINES" ]]; then
    echo
    echo "Service log entries at warn or above (count, start, first lines):"
    echo
    echo '```'
    printf '%s' "$WARNING_LINES"
    echo '```'
  fi
  echo
  echo "## Setup"
  echo
  echo "- machine: $(nproc) CPUs ($CPU_MODEL), $MEM_TOTAL RAM, Linux $(uname -r); client, service and PostgreSQL share it"
  echo "- PostgreSQL $PG_VERSION ($PG_SETTINGS); .NET SDK $DOTNET_SDK, ASP.NET Core runtime $ASPNET_RUNTIME; Node $NODE_VERSION"
  echo "- commit $GIT_COMMIT, $GIT_STATE; Release publish of src/KhoaGiao.Api on 127.0.0.1, Production environment,"
  echo "  Logging:LogLevel:Default=Warning, Http:DeliveryCacheSeconds=0, other settings at their defaults"
  echo "- ARTICLES=$ARTICLES DURATION=$DURATION CONCURRENCY=$CONCURRENCY${REUSE_DB:+ BENCH_DB=$REUSE_DB (loaded earlier)}"
} >"$REPORT"

mkdir -p "$RESULTS_DIR"
RESULT_FILE="$RESULTS_DIR/search-$(date -u +%Y%m%d-%H%M%S).md"
cp "$REPORT" "$RESULT_FILE"
echo
cat "$REPORT"
echo
log "report written to $RESULT_FILE"

if [[ "$CHECK_FAIL" -ne 0 ]]; then
  log "a check FAILED"
  exit 1
fi
log "checks passed"
