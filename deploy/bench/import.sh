#!/usr/bin/env bash
# Benchmark of the feed importer of KhoaGiao.Api (dotnet KhoaGiao.Api.dll import): a large RSS feed imported into an
# empty database, again unchanged, and again with a tenth of its items edited, with correctness checks.
#
#   deploy/bench/import.sh
#
# What it does (everything on 127.0.0.1, bounded in time, no stdin needed):
#   1. installs curl and the PostgreSQL client with apt-get when missing (as root; otherwise asks you to); needs
#      Node.js 20 or later for deploy/bench/import-feed.mjs, the feed generator and HTTP server (built-in modules only);
#   2. provisions the private PostgreSQL of deploy/local-postgres.sh (or uses the server of
#      ConnectionStrings__KhoaGiao), creates a fresh database khoagiao_bench_<random> on it and drops it at exit;
#   3. publishes src/KhoaGiao.Api (Release; build outputs in a temporary directory, not in src/) and applies the
#      migrations: starts the service once on that database in the Production environment with
#      Database__MigrateOnStartup=true and Database__SeedDemoContent=false on a free port (from BENCH_PORT), waits for
#      GET /health/ready and stops it (the import command migrates only where Database:MigrateOnStartup says, not in Production);
#      with ROUNDS above 1, copies the migrated, empty database to khoagiao_bench_<random>_empty (CREATE DATABASE …
#      TEMPLATE), the template of every later round's database, and drops it at exit too;
#   4. writes an RSS 2.0 feed of ITEMS items with deploy/bench/import-feed.mjs: unique Vietnamese titles, guids
#      bhn-1…, links https://baohanam.example/tin/<n>.html, pubDates 47 minutes apart going back from 2023-08-16,
#      1–3 categories, a description, 3–5 KB of HTML in content:encoded (cut from
#      src/KhoaGiao.Api/Data/Demo/seed-article.txt, with a relative <img> in a figure with a caption) and a
#      media:content image; ~5.4 KB an item, so ~53 MB for 10,000. import-feed.mjs serves it on 127.0.0.1 (a free
#      port), answering every GET 200 with the whole file (no ETag, Last-Modified or 304);
#   5. runs the importer ROUNDS + 2 times, a fresh process each, in the Production environment on that database:
#        dotnet KhoaGiao.Api.dll import --source "Báo Hà Nam" --rss http://127.0.0.1:<port>/feed.xml
#          --allow-private-address --publish --category "Tin tổng hợp" [--concurrency CONCURRENCY] [IMPORT_ARGS]
#        first   ROUNDS identical rounds (first-1, first-2, …), each into an empty database: every item created;
#                round 1 into the database just migrated, every later one into the bench database dropped and
#                created again from the template, so that each does the same work. One run says little here:
#                identical runs on this shared machine vary by a quarter
#        again   the same feed, on the database the last round left: every item unchanged
#        edited  the feed written again with every EDIT_EVERY-th item's title and body changed: those updated, the
#                rest unchanged
#      each timed twice: by the importer's own summary line
#        imported: seen=N created=N updated=N unchanged=N failed=N skipped=N seconds=S.SS rate=R items/s
#      and by the wall clock of the whole command (process start, host build and the feed's download included); with
#      its CPU time (the shell's account of its waited-for children), peak RSS (VmHWM, sampled every 0.5 s),
#      the rest of the machine's CPU (PostgreSQL above all) and the requests the feed server answered;
#   6. after each run checks the database with psql: the articles of source "Báo Hà Nam" number ITEMS, all Published,
#      each with its item's title as in the feed just imported (after edited: the edited titles, and the edited
#      bodies hold their marker);
#   7. prints the results and writes them to deploy/bench/results/import-<UTC date>.md.
# Correctness checks: every run exits 0 and prints the summary line with the expected counts (seen=ITEMS, failed=0,
# skipped=0; every first round: created=ITEMS; again: unchanged=ITEMS; edited: updated=ITEMS/EDIT_EVERY, unchanged
# the rest), and the database checks above.
# Exit code: 0 when every correctness check passes, 1 when one fails, 2 on a setup error. The performance target
# (first import >= 300 items/s on the importer's summary line, on 2 cores) is judged on the median round by that
# rate (with an even ROUNDS, the slower of the middle two), and reported, not enforced.
#
# Environment:
#   ITEMS             items in the feed (default 10000)
#   ROUNDS            times the first import runs, each into an empty database (default 3; at least 1)
#   EDIT_EVERY        the edited phase changes every EDIT_EVERY-th item (default 10: 10% updated)
#   CONCURRENCY       passed to the importer as --concurrency (default: not passed, the importer's own default)
#   IMPORT_ARGS       more arguments for every import run, split at spaces (default none; e.g. "--delay-ms 0")
#   IMPORT_TIMEOUT    most seconds one import run may take before it is stopped (default 1800)
#   BENCH_PORT        first port to try for the service that applies the migrations (default 5599)
#   RESULTS_DIR       where the markdown report goes (default deploy/bench/results)
#   BENCH_KEEP        1: keep the temporary directory (build, feeds, importer output, logs) and the databases
#   TMPDIR            where the temporary directory is made (default /tmp)
#   ConnectionStrings__KhoaGiao  a PostgreSQL server to use instead of the private cluster; its user must be
#                     allowed to create databases
#   KHOAGIAO_PG_PORT  port of the private cluster (default 55432)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd -P)"
PROJECT_DIR="$REPO_ROOT/src/KhoaGiao.Api"
FEED_TOOL="$SCRIPT_DIR/import-feed.mjs"
SEED_ARTICLE="$PROJECT_DIR/Data/Demo/seed-article.txt"

ITEMS="${ITEMS:-10000}"
EDIT_EVERY="${EDIT_EVERY:-10}"
CONCURRENCY="${CONCURRENCY:-}"
IMPORT_ARGS="${IMPORT_ARGS:-}"
IMPORT_TIMEOUT="${IMPORT_TIMEOUT:-1800}"
BENCH_PORT="${BENCH_PORT:-5599}"
RESULTS_DIR="${RESULTS_DIR:-$SCRIPT_DIR/results}"
BENCH_KEEP="${BENCH_KEEP:-0}"
ROUNDS="${ROUNDS:-3}"
SOURCE="Báo Hà Nam"
CATEGORY="Tin tổng hợp"
EDIT_TAG=v2
TARGET_RATE=300

export DOTNET_CLI_TELEMETRY_OPTOUT="${DOTNET_CLI_TELEMETRY_OPTOUT:-1}"
export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}"
export MSBUILDDISABLENODEREUSE="${MSBUILDDISABLENODEREUSE:-1}"

BENCH_NAME=import.sh
# shellcheck source=SCRIPTDIR/lib.sh
source "$SCRIPT_DIR/lib.sh"

for var in ITEMS EDIT_EVERY IMPORT_TIMEOUT BENCH_PORT; do
  [[ "${!var}" =~ ^[0-9]+$ ]] || die "$var must be a whole number, got '${!var}'"
done
((ITEMS >= 1)) || die "ITEMS must be at least 1"
((EDIT_EVERY >= 1)) || die "EDIT_EVERY must be at least 1"
((IMPORT_TIMEOUT >= 1)) || die "IMPORT_TIMEOUT must be at least 1"
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a whole number of at least 1, got '$ROUNDS'"
if [[ -n "$CONCURRENCY" ]]; then
  if ! [[ "$CONCURRENCY" =~ ^[0-9]+$ ]] || ((CONCURRENCY < 1)); then
    die "CONCURRENCY must be a whole number of at least 1, got '$CONCURRENCY'"
  fi
fi
read -r -a IMPORT_EXTRA <<<"$IMPORT_ARGS"
[[ -r "$SEED_ARTICLE" ]] || die "cannot read $SEED_ARTICLE"
EDITED=$((ITEMS / EDIT_EVERY))

IS_ROOT=0
[[ "$(id -u)" -eq 0 ]] && IS_ROOT=1

# --- tools ------------------------------------------------------------------------------------------

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

WORK="$(mktemp -d "${TMPDIR:-/tmp}/khoagiao-import.XXXXXX")"
# psql's \copy takes the expected titles' file by a quoted name.
[[ "$WORK" != *"'"* ]] || die "the temporary directory's path holds a quote: $WORK (set TMPDIR)"
PID_SERVICE=""
PID_FEED=""
PID_IMPORT=""
PID_WATCH=""
BENCH_DB=""
DATABASES=() # the databases this script created, dropped at exit

stop_process() { # what, pid
  local what="$1" pid="$2"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  log "stopping the $what (pid $pid)"
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
  # Every process this script started runs in the background: an interrupted run stops them here.
  [[ -n "$PID_WATCH" ]] && kill -TERM "$PID_WATCH" 2>/dev/null
  stop_process importer "$PID_IMPORT"
  stop_process service "$PID_SERVICE"
  stop_process "feed server" "$PID_FEED"
  # IF EXISTS: a run stopped between a round's DROP and CREATE has no bench database to drop.
  for db in "${DATABASES[@]}"; do
    if [[ "$BENCH_KEEP" == 1 ]]; then
      log "keeping database $db (BENCH_KEEP=1)"
    else
      log "dropping database $db"
      psql_admin -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1 ||
        log "could not drop database $db; drop it by hand"
    fi
  done
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

connect_postgres

BENCH_DB="khoagiao_bench_$(random_hex 4)"
log "creating database $BENCH_DB on $PG_HOST:$PG_PORT"
psql_admin -c "CREATE DATABASE \"$BENCH_DB\"" >/dev/null || die "could not create database $BENCH_DB"
DATABASES+=("$BENCH_DB")
BENCH_CS="$(IFS=';'; printf '%s' "${CS_PARTS[*]}");Database=$BENCH_DB"
PG_VERSION="$(psql_admin -At -c 'SHOW server_version')"

# --- build, and the migrations ----------------------------------------------------------------------

# The tree measured is the one published now: record its commit and state before the build, not at the end.
GIT_COMMIT="$(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
GIT_STATE="$(git_state)"
GIT_SRC_DIFF="$(git -C "$REPO_ROOT" diff HEAD -- src 2>/dev/null | cksum)"

# UseSharedCompilation=false: no compiler server is left running after the build (only what we start is ours).
log "publishing $PROJECT_DIR (Release) into $WORK/app"
if ! dotnet publish "$PROJECT_DIR" -c Release -o "$WORK/app" --artifacts-path "$WORK/artifacts" \
    -p:UseSharedCompilation=false -nologo -v q </dev/null >"$WORK/publish.log" 2>&1; then
  tail -n 40 "$WORK/publish.log" >&2
  die "dotnet publish failed (log above)"
fi

SERVICE_PORT="$(free_port "$BENCH_PORT")" || die "no free port in $BENCH_PORT..$((BENCH_PORT + 99))"
SERVICE_URL="http://127.0.0.1:$SERVICE_PORT"

# What the service and every import run get: the Production environment on the bench database.
APP_ENV=(ASPNETCORE_ENVIRONMENT=Production "ConnectionStrings__KhoaGiao=$BENCH_CS" Database__SeedDemoContent=false)

log "applying the migrations: starting the service on $SERVICE_URL (Production, Database__MigrateOnStartup=true)"
(
  cd "$WORK/app"
  exec env "${APP_ENV[@]}" ASPNETCORE_URLS="$SERVICE_URL" Database__MigrateOnStartup=true Counters__VisitorHashKey=bench \
    Logging__LogLevel__Default=Warning dotnet KhoaGiao.Api.dll
) </dev/null >"$WORK/server-migrate.log" 2>&1 &
PID_SERVICE=$!
MIGRATE_SECONDS=""
migrate_started="$(date +%s.%N)"
for _ in $(seq 1 240); do
  kill -0 "$PID_SERVICE" 2>/dev/null || { tail -n 40 "$WORK/server-migrate.log" >&2; die "the service exited during start-up (log above)"; }
  if [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$SERVICE_URL/health/ready" || true)" == 200 ]]; then
    MIGRATE_SECONDS="$(awk -v a="$migrate_started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')"
    break
  fi
  sleep 0.5
done
[[ -n "$MIGRATE_SECONDS" ]] || { tail -n 40 "$WORK/server-migrate.log" >&2; die "the service was not ready within 120 s"; }
log "migrations applied; the service was ready in $MIGRATE_SECONDS s"
stop_process service "$PID_SERVICE"
PID_SERVICE=""
MIGRATIONS="$(psql_bench -At -c 'SELECT count(*) FROM "__EFMigrationsHistory"' 2>/dev/null || echo "?")"

# Every round after the first imports into a copy of the database as the migrations left it: copying a template takes
# a fraction of a second, starting the service again to migrate a new database several.
if ((ROUNDS > 1)); then
  EMPTY_DB="${BENCH_DB}_empty"
  log "copying the migrated, empty database to $EMPTY_DB, the template of rounds 2 to $ROUNDS"
  psql_admin -c "CREATE DATABASE \"$EMPTY_DB\" TEMPLATE \"$BENCH_DB\"" >/dev/null || die "could not create database $EMPTY_DB"
  DATABASES+=("$EMPTY_DB")
fi

# --- the feed ---------------------------------------------------------------------------------------

mkdir -p "$WORK/feed"
FEED_FILE="$WORK/feed/feed.xml"
declare -A R

write_feed() { # version (first, edited), import-feed.mjs arguments...
  local version="$1" k v
  shift
  SEED_ARTICLE="$SEED_ARTICLE" node "$FEED_TOOL" --out "$FEED_FILE" --items "$ITEMS" --titles "$WORK/titles-$version.tsv" "$@" \
    </dev/null >"$WORK/feed-$version.txt" || die "import-feed.mjs could not write the feed"
  while read -r k v; do
    R[feed-$version.$k]="$v"
  done <"$WORK/feed-$version.txt"
}

log "writing the feed: $ITEMS items"
write_feed first

node "$FEED_TOOL" serve --dir "$WORK/feed" --port-file "$WORK/feed-port" \
  </dev/null >"$WORK/feed-server.log" 2>"$WORK/feed-server.err" &
PID_FEED=$!
for _ in $(seq 1 100); do
  [[ -s "$WORK/feed-port" ]] && break
  kill -0 "$PID_FEED" 2>/dev/null || { cat "$WORK/feed-server.err" >&2; die "the feed server exited during start-up (log above)"; }
  sleep 0.1
done
[[ -s "$WORK/feed-port" ]] || die "the feed server did not listen within 10 s"
FEED_URL="http://127.0.0.1:$(<"$WORK/feed-port")/feed.xml"
[[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -I "$FEED_URL" || true)" == 200 ]] ||
  die "the feed server does not answer HEAD $FEED_URL with 200"
log "serving the feed ($(awk -v b="${R[feed-first.bytes]:-0}" 'BEGIN { printf "%.1f", b / 1048576 }') MiB) at $FEED_URL"

# --- the runs ---------------------------------------------------------------------------------------

IMPORT_CMD=(dotnet KhoaGiao.Api.dll import --source "$SOURCE" --rss "$FEED_URL" --allow-private-address --publish
  --category "$CATEGORY")
[[ -n "$CONCURRENCY" ]] && IMPORT_CMD+=(--concurrency "$CONCURRENCY")
IMPORT_CMD+=("${IMPORT_EXTRA[@]}")
CLK_TCK="$(getconf CLK_TCK)"

START_TIME="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
CHECK_FAIL=0
SUMMARY_RE='imported: seen=([0-9]+) created=([0-9]+) updated=([0-9]+) unchanged=([0-9]+) failed=([0-9]+) skipped=([0-9]+) seconds=([0-9.]+) rate=([0-9.]+) items/s'

# The machine's busy and total ticks. PostgreSQL's share is what the machine was busy with besides the importer:
# the backends serving the import end with it, so counting the processes named postgres afterwards would miss them.
cpu_snapshot() {
  awk 'NR == 1 { for (i = 2; i <= 9; i++) total += $i; print total - $5 - $6, total }' /proc/stat
}

# CPU seconds (user + system) of the children this shell has waited for, from the output of the times builtin.
children_cpu() { # file written by times
  awk 'function s(t) { split(t, p, /[ms]/); return p[1] * 60 + p[2] } NR == 2 { printf "%.2f", s($1) + s($2) }' "$1"
}

# Runs alongside an import: records its peak RSS (kB) in $WORK/hwm-<phase>, and stops it after IMPORT_TIMEOUT s
# (leaving $WORK/timeout-<phase>).
watch_import() { # pid, phase
  local pid="$1" out="$WORK/hwm-$2" started=$SECONDS key value hwm=""
  while kill -0 "$pid" 2>/dev/null; do
    { while read -r key value _; do
        [[ "$key" == VmHWM: ]] && hwm="$value"
      done 2>/dev/null <"/proc/$pid/status"; } || true
    [[ ! "$hwm" =~ ^[1-9][0-9]*$ ]] || echo "$hwm" >"$out"
    if ((SECONDS - started >= IMPORT_TIMEOUT)); then
      log "the import ran for $IMPORT_TIMEOUT s (IMPORT_TIMEOUT); stopping it"
      : >"$WORK/timeout-$2"
      kill -TERM "$pid" 2>/dev/null || return 0
      for _ in $(seq 1 40); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.25
      done
      kill -KILL "$pid" 2>/dev/null || true
      return 0
    fi
    sleep 0.5
  done
}

run_import() { # phase
  local phase="$1" out="$WORK/import-$1.log" rc=0 started ended busy0 total0 busy1 total1 requests0 line
  read -r busy0 total0 <<<"$(cpu_snapshot)" # waited for here, so not counted as the import's CPU
  requests0="$(wc -l <"$WORK/feed-server.log")"
  log "phase $phase: ${IMPORT_CMD[*]}"
  started="$(date +%s.%N)"
  times >"$WORK/times-$phase-before"
  (
    cd "$WORK/app"
    exec env "${APP_ENV[@]}" Database__MigrateOnStartup=false "${IMPORT_CMD[@]}"
  ) </dev/null >"$out" 2>&1 &
  PID_IMPORT=$!
  watch_import "$PID_IMPORT" "$phase" &
  PID_WATCH=$!
  wait "$PID_IMPORT" || rc=$?
  times >"$WORK/times-$phase-after"
  ended="$(date +%s.%N)"
  PID_IMPORT=""
  kill -TERM "$PID_WATCH" 2>/dev/null || true
  wait "$PID_WATCH" 2>/dev/null || true
  PID_WATCH=""
  read -r busy1 total1 <<<"$(cpu_snapshot)"

  R[$phase.exit]="$rc"
  [[ ! -e "$WORK/timeout-$phase" ]] || R[$phase.exit]="$rc (stopped after IMPORT_TIMEOUT=$IMPORT_TIMEOUT s)"
  R[$phase.wall]="$(awk -v a="$started" -v b="$ended" 'BEGIN { printf "%.2f", b - a }')"
  R[$phase.cpu]="$(awk -v a="$(children_cpu "$WORK/times-$phase-before")" -v b="$(children_cpu "$WORK/times-$phase-after")" 'BEGIN { printf "%.2f", b - a }')"
  R[$phase.cores]="$(awk -v c="${R[$phase.cpu]}" -v w="${R[$phase.wall]}" 'BEGIN { if (w > 0) printf "%.2f", c / w; else print "n/a" }')"
  R[$phase.machine_cpu]="$(awk -v t=$((busy1 - busy0)) -v hz="$CLK_TCK" 'BEGIN { printf "%.2f", t / hz }')"
  R[$phase.pg_cores]="$(awk -v m="${R[$phase.machine_cpu]}" -v w="${R[$phase.wall]}" -v c="${R[$phase.cpu]}" 'BEGIN { if (w > 0) printf "%.2f", (m - c) / w; else print "n/a" }')"
  R[$phase.busy]="$(awk -v b=$((busy1 - busy0)) -v t=$((total1 - total0)) 'BEGIN { if (t > 0) printf "%.0f%%", 100 * b / t; else print "n/a" }')"
  R[$phase.hwm]="$(awk '{ printf "%.0f MiB", $1 / 1024 }' "$WORK/hwm-$phase" 2>/dev/null || true)"
  R[$phase.requests]="$(tail -n +$((requests0 + 1)) "$WORK/feed-server.log" |
    awk '{ n++; if ($3 == 200) b += $4 } END { printf "%d (%.1f MiB)", n, b / 1048576 }')"
  R[$phase.warnings]="$(grep -c -E '^(warn|fail|crit):' "$out" || true)"
  R[$phase.wall_rate]="$(awk -v n="$ITEMS" -v w="${R[$phase.wall]}" 'BEGIN { if (w > 0) printf "%.1f", n / w; else print "n/a" }')"

  # The last summary line, read from the output with its line breaks turned into spaces: a console library may wrap
  # a long line at 80 columns when the output is not a terminal.
  line="$(tr -s '\r\n\t ' ' ' <"$out" | { grep -a -o -E "$SUMMARY_RE" || true; } | tail -n 1)"
  if [[ "$line" =~ $SUMMARY_RE ]]; then
    R[$phase.summary]=1
    R[$phase.seen]="${BASH_REMATCH[1]}"
    R[$phase.created]="${BASH_REMATCH[2]}"
    R[$phase.updated]="${BASH_REMATCH[3]}"
    R[$phase.unchanged]="${BASH_REMATCH[4]}"
    R[$phase.failed]="${BASH_REMATCH[5]}"
    R[$phase.skipped]="${BASH_REMATCH[6]}"
    R[$phase.seconds]="${BASH_REMATCH[7]}"
    R[$phase.rate]="${BASH_REMATCH[8]}"
    log "phase $phase: exit code $rc, $line; ${R[$phase.wall]} s by the wall clock"
  else
    R[$phase.summary]=0
    log "phase $phase: exit code $rc, and no summary line (imported: seen=… rate=… items/s) in its output; its end:"
    tail -n 20 "$out" >&2
  fi
}

# Checks a run's summary line against the counts expected; marks the run failed when it differs.
check_summary() { # phase, created, updated, unchanged
  local phase="$1" expected actual
  expected="seen=$ITEMS created=$2 updated=$3 unchanged=$4 failed=0 skipped=0"
  R[$phase.expected]="$expected, exit code 0"
  actual="seen=${R[$phase.seen]:-?} created=${R[$phase.created]:-?} updated=${R[$phase.updated]:-?} unchanged=${R[$phase.unchanged]:-?} failed=${R[$phase.failed]:-?} skipped=${R[$phase.skipped]:-?}"
  if [[ "${R[$phase.exit]}" == 0 && "${R[$phase.summary]}" == 1 && "$actual" == "$expected" ]]; then
    R[$phase.summary_check]=PASS
  else
    R[$phase.summary_check]=FAIL
    CHECK_FAIL=1
    log "phase $phase: expected $expected and exit code 0; got $actual and exit code ${R[$phase.exit]}"
  fi
}

# Checks the database after a run against the titles of the feed it imported.
check_database() { # phase, feed version (first, edited)
  local phase="$1" version="$2" source_sql="${SOURCE//\'/\'\'}" row
  row="$(psql_bench -At -F ' ' \
    -c "CREATE TEMP TABLE expected (external_id text, title text, edited boolean, marker text)" \
    -c "\\copy expected FROM '$WORK/titles-$version.tsv'" \
    -c "SELECT (SELECT count(*) FROM articles WHERE source_name = '$source_sql'),
               (SELECT count(*) FROM articles WHERE source_name = '$source_sql' AND status = 'Published'),
               count(a.id),
               count(a.id) FILTER (WHERE e.edited),
               count(a.id) FILTER (WHERE e.edited AND strpos(a.body, e.marker) > 0),
               count(a.id) FILTER (WHERE a.source_external_id = e.external_id),
               (SELECT count(*) FROM articles)
        FROM expected AS e LEFT JOIN articles AS a ON a.title = e.title AND a.source_name = '$source_sql'" | tail -n 1)" ||
    die "could not query $BENCH_DB"
  read -r "R[$phase.db_count]" "R[$phase.db_published]" "R[$phase.db_titles]" "R[$phase.db_edited_titles]" \
    "R[$phase.db_edited_bodies]" "R[$phase.db_guids]" "R[$phase.db_all]" <<<"$row"
  local expected_edited=0
  [[ "$version" == edited ]] && expected_edited="$EDITED"
  if [[ "${R[$phase.db_count]}" == "$ITEMS" && "${R[$phase.db_published]}" == "$ITEMS" && "${R[$phase.db_titles]}" == "$ITEMS" &&
      "${R[$phase.db_edited_titles]}" == "$expected_edited" && "${R[$phase.db_edited_bodies]}" == "$expected_edited" ]]; then
    R[$phase.db_check]=PASS
  else
    R[$phase.db_check]=FAIL
    CHECK_FAIL=1
    log "phase $phase: the database holds ${R[$phase.db_count]} articles of the source (${R[$phase.db_published]} Published," \
      "${R[$phase.db_titles]} with the feed's titles, ${R[$phase.db_edited_titles]} edited titles," \
      "${R[$phase.db_edited_bodies]} edited bodies); expected $ITEMS, all of them, and $expected_edited edited"
  fi
  log "phase $phase: database ${R[$phase.db_check]} (${R[$phase.db_count]} articles of the source, ${R[$phase.db_titles]} with the feed's titles)"
}

# The first import, ROUNDS times: on this shared machine identical runs vary by a quarter, so the rate reported and
# judged is the median round's. Each round starts from an empty database, so each does the same work.
ROUND_PHASES=()
for ((round = 1; round <= ROUNDS; round++)); do
  phase="first-$round"
  if ((round > 1)); then
    log "round $round of $ROUNDS: creating $BENCH_DB again from $EMPTY_DB"
    psql_admin -c "DROP DATABASE \"$BENCH_DB\" WITH (FORCE)" -c "CREATE DATABASE \"$BENCH_DB\" TEMPLATE \"$EMPTY_DB\"" \
      >/dev/null || die "could not create $BENCH_DB again from $EMPTY_DB"
  fi
  R[$phase.load]="$(cut -d' ' -f1-3 /proc/loadavg)"
  run_import "$phase"
  check_summary "$phase" "$ITEMS" 0 0
  check_database "$phase" first
  ROUND_PHASES+=("$phase")
done
# The median round by the importer's rate; with an even ROUNDS the slower of the middle two, so that the target is
# never judged on a round faster than half of them. A round without a summary line counts as the slowest.
MEDIAN_PHASE="$(for p in "${ROUND_PHASES[@]}"; do echo "${R[$p.rate]:-0} $p"; done |
  LC_ALL=C sort -g -k1,1 | sed -n "$(((ROUNDS + 1) / 2))p" | cut -d' ' -f2)"
log "first import: the median of $ROUNDS round(s) is $MEDIAN_PHASE, ${R[$MEDIAN_PHASE.rate]:-no} items/s"

# again and edited run on the database the last round left.
run_import again
check_summary again 0 0 "$ITEMS"
check_database again first

log "writing the feed again with every ${EDIT_EVERY}th item edited ($EDITED items)"
write_feed edited --edit-every "$EDIT_EVERY" --edit-tag "$EDIT_TAG"
run_import edited
check_summary edited 0 "$EDITED" $((ITEMS - EDITED))
check_database edited edited

# --- results ----------------------------------------------------------------------------------------

CPU_MODEL="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
MEM_TOTAL="$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
DOTNET_SDK="$(dotnet --version 2>/dev/null)"
ASPNET_RUNTIME="$(dotnet --list-runtimes 2>/dev/null | awk '$1 == "Microsoft.AspNetCore.App" { v = $2 } END { print v }')"
DB_SIZE="$(psql_admin -At -c "SELECT pg_size_pretty(pg_database_size('$BENCH_DB'))" 2>/dev/null || echo "?")"
GIT_COMMIT_END="$(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ "$GIT_COMMIT_END" != "$GIT_COMMIT" || "$(git_state)" != "$GIT_STATE" ||
    "$(git -C "$REPO_ROOT" diff HEAD -- src 2>/dev/null | cksum)" != "$GIT_SRC_DIFF" ]]; then
  GIT_STATE+=" at publish time; the repository changed during the run (now commit $GIT_COMMIT_END, $(git_state))"
fi

num() { awk -v a="$1" 'BEGIN { if (a ~ /^[0-9.]+$/) printf "%.0f", a; else printf "%s", (a == "" ? "n/a" : a) }'; }
met() { awk -v a="$1" -v b="$2" 'BEGIN { r = "NOT met"; if (a ~ /^[0-9.]+$/ && a + 0 >= b + 0) r = "met"; print r }'; }
overhead() { awk -v w="$1" -v s="$2" 'BEGIN { if (w ~ /^[0-9.]+$/ && s ~ /^[0-9.]+$/) printf "%.2f", w - s; else print "n/a" }'; }
mib() { awk -v b="$1" 'BEGIN { if (b ~ /^[0-9]+$/) printf "%.1f", b / 1048576; else print "n/a" }'; }
per_item_ms() { awk -v s="$1" -v n="$ITEMS" 'BEGIN { if (s ~ /^[0-9.]+$/) printf "%.2f", 1000 * s / n; else print "n/a" }'; }

# Distinct entries at warn or above in an importer's output: the "level: Category[event]" line and the first two
# indented lines that follow it (the message, when not on the same line), with counts.
warning_lines() { # file
  awk '
    function emit() { if (head != "") print head (msg == "" ? "" : " — " msg); head = "" }
    /^(info|warn|fail|crit|dbug|trce):/ { emit(); if ($0 ~ /^(warn|fail|crit):/) { head = $0; msg = ""; n = 0 }; next }
    /^[ \t]/ && head != "" { if (n < 2) { sub(/^[ \t]+/, ""); msg = (n == 0 ? $0 : msg " | " $0); n++ }; next }
    { emit() }
    END { emit() }' "$1" | sort | uniq -c | sort -rn | head -n 10
}

if [[ "$CHECK_FAIL" -eq 0 ]]; then VERDICT="PASS"; else VERDICT="FAIL"; fi
PHASES=("${ROUND_PHASES[@]}" again edited)
RESULT_PHASES=("$MEDIAN_PHASE" again edited)
MEDIAN_TEXT="the median round by importer items/s"
((ROUNDS % 2 == 0)) && MEDIAN_TEXT+=" (ROUNDS is even: the slower of the two middle ones)"
declare -A PHASE_LABEL=(
  [$MEDIAN_PHASE]="first (empty database: all created), median of $ROUNDS: round ${MEDIAN_PHASE#first-}"
  [again]="again (same feed: all unchanged)"
  [edited]="edited (every ${EDIT_EVERY}th item edited: $EDITED updated)"
)
COMMAND_TEXT="dotnet KhoaGiao.Api.dll import --source \"$SOURCE\" --rss http://127.0.0.1:<port>/feed.xml --allow-private-address --publish --category \"$CATEGORY\""
[[ -n "$CONCURRENCY" ]] && COMMAND_TEXT+=" --concurrency $CONCURRENCY"
[[ ${#IMPORT_EXTRA[@]} -gt 0 ]] && COMMAND_TEXT+=" ${IMPORT_EXTRA[*]}"
CONCURRENCY_TEXT="${CONCURRENCY:-"(not set: the importer's default)"}"
TEMPLATE_TEXT=""
((ROUNDS > 1)) && TEMPLATE_TEXT=", then copied as it was to a template; before each round after the first, the database
  was dropped and created again from that template (CREATE DATABASE … TEMPLATE)"

REPORT="$WORK/report.md"
{
  echo "# Import benchmark — $START_TIME"
  echo
  echo "Correctness: **$VERDICT** (each importer run exited 0 with the expected counts, none failed or skipped; after"
  echo "each, the database held $ITEMS Published articles of source \"$SOURCE\" with the feed's titles, and after the"
  echo "edited run the edited titles and bodies). Produced by \`deploy/bench/import.sh\`."
  echo
  echo "## Results"
  echo
  echo "| phase | items/s (importer) | items/s (wall clock) | importer s | wall clock s | start-up and the rest, s | target | |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |"
  for p in "${RESULT_PHASES[@]}"; do
    target="—" verdict=""
    if [[ "$p" == "$MEDIAN_PHASE" ]]; then
      target="≥ $TARGET_RATE (importer)"
      verdict="$(met "${R[$p.rate]:-}" "$TARGET_RATE")"
    fi
    echo "| ${PHASE_LABEL[$p]} | $(num "${R[$p.rate]:-}") | $(num "${R[$p.wall_rate]:-}") | ${R[$p.seconds]:-n/a} | ${R[$p.wall]:-n/a} | $(overhead "${R[$p.wall]:-}" "${R[$p.seconds]:-}") | $target | $verdict |"
  done
  echo
  echo "Items/s (importer) and importer s are the \`rate\` and \`seconds\` of the importer's summary line. The wall clock"
  echo "runs from starting \`dotnet KhoaGiao.Api.dll import\` to its exit, process start included; items/s (wall clock)"
  echo "is $ITEMS items over it. Each run is a fresh process, so its code is compiled as it runs. The first import ran"
  echo "ROUNDS=$ROUNDS times, each into an empty database (below); its row here is $MEDIAN_TEXT,"
  echo "and the target is judged on it. The target is reported, not enforced."
  echo
  echo "### First import, round by round"
  echo
  echo "| round | items/s (importer) | items/s (wall clock) | importer s | importer CPU s | importer CPU ms per item | machine busy CPU ms per item | rest of the machine (cores) | machine busy | load average at its start |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
  for p in "${ROUND_PHASES[@]}"; do
    mark=""
    [[ "$p" == "$MEDIAN_PHASE" ]] && mark=" (median)"
    echo "| $p$mark | $(num "${R[$p.rate]:-}") | $(num "${R[$p.wall_rate]:-}") | ${R[$p.seconds]:-n/a} | ${R[$p.cpu]:-n/a} | $(per_item_ms "${R[$p.cpu]:-}") | $(per_item_ms "${R[$p.machine_cpu]:-}") | ${R[$p.pg_cores]:-n/a} | ${R[$p.busy]:-n/a} | ${R[$p.load]:-n/a} |"
  done
  echo
  echo "The rounds are identical runs: the same feed, each into an empty, freshly migrated database (round 1 the one the"
  echo "service migrated, every later one a copy of it as migrated), so the spread between them is the machine's noise."
  echo "Machine busy CPU is the busy time of all $(nproc) CPUs over the round (the importer, PostgreSQL, the feed server and"
  echo "anything else). Per item, it and the importer's CPU measure the CPU the work used, not how long it took: time spent"
  echo "waiting for a CPU counts in the rates, not in them. Load average: 1, 5 and 15 min."
  echo
  echo "## Correctness"
  echo
  echo "The importer's summary lines:"
  echo
  echo "| phase | exit code | seen | created | updated | unchanged | failed | skipped | expected | |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |"
  for p in "${PHASES[@]}"; do
    if [[ "${R[$p.summary]:-0}" == 1 ]]; then
      echo "| $p | ${R[$p.exit]} | ${R[$p.seen]} | ${R[$p.created]} | ${R[$p.updated]} | ${R[$p.unchanged]} | ${R[$p.failed]} | ${R[$p.skipped]} | ${R[$p.expected]} | ${R[$p.summary_check]} |"
    else
      echo "| $p | ${R[$p.exit]:-n/a} | no summary line | | | | | | ${R[$p.expected]:-} | FAIL |"
    fi
  done
  echo
  echo "The database after each run (articles whose source is \"$SOURCE\"; titles matched against the feed just imported):"
  echo
  echo "| after | articles of the source | Published | with their item's title | edited titles | edited bodies (marker) | external id = the item's guid | articles in all | |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
  for p in "${PHASES[@]}"; do
    echo "| $p | ${R[$p.db_count]:-n/a} | ${R[$p.db_published]:-n/a} | ${R[$p.db_titles]:-n/a} | ${R[$p.db_edited_titles]:-n/a} | ${R[$p.db_edited_bodies]:-n/a} | ${R[$p.db_guids]:-n/a} | ${R[$p.db_all]:-n/a} | ${R[$p.db_check]:-n/a} |"
  done
  echo
  echo "Expected: $ITEMS in the first four columns; edited titles and bodies 0 after each first round and again,"
  echo "$EDITED after edited. \"External id = the item's guid\" is for information, not a check."
  echo
  echo "## CPU and memory per phase"
  echo
  echo "| phase | wall clock s | importer CPU s | importer (cores) | rest of the machine (cores) | machine busy | importer peak RSS | feed requests (MiB sent) | importer log entries at warn or above |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  for p in "${PHASES[@]}"; do
    echo "| $p | ${R[$p.wall]:-n/a} | ${R[$p.cpu]:-n/a} | ${R[$p.cores]:-n/a} | ${R[$p.pg_cores]:-n/a} | ${R[$p.busy]:-n/a} | ${R[$p.hwm]:-n/a} | ${R[$p.requests]:-n/a} | ${R[$p.warnings]:-n/a} |"
  done
  echo
  echo "Importer CPU is user + system time of the process, over the wall clock for cores; its peak RSS is VmHWM as last"
  echo "sampled (every 0.5 s). The rest of the machine is its busy time besides the importer's: PostgreSQL above all,"
  echo "with the feed server and anything else running. This machine has $(nproc) CPUs, shared by the importer,"
  echo "PostgreSQL and the feed server. Load average (1, 5, 15 min) when the first round started: $LOAD_START."
  for p in "${PHASES[@]}"; do
    lines="$(warning_lines "$WORK/import-$p.log" 2>/dev/null || true)"
    if [[ -n "$lines" ]]; then
      echo
      echo "Importer, phase $p, distinct entries at warn or above (count, first lines):"
      echo
      echo '```'
      printf '%s\n' "$lines"
      echo '```'
    fi
  done
  for p in "${PHASES[@]}"; do
    if [[ "${R[$p.summary_check]:-FAIL}" != PASS ]]; then
      echo
      echo "Importer output, phase $p (last 20 lines):"
      echo
      echo '```'
      tail -n 20 "$WORK/import-$p.log" 2>/dev/null || true
      echo '```'
    fi
  done
  echo
  echo "## Feed"
  echo
  echo "RSS 2.0 written by \`deploy/bench/import-feed.mjs\` and served by it from 127.0.0.1 (every GET answered 200 with"
  echo "the whole file: no ETag, Last-Modified or 304)."
  echo
  echo "| feed | items | edited | MiB | content:encoded bytes min / mean / max |"
  echo "| --- | ---: | ---: | ---: | --- |"
  for v in first edited; do
    echo "| $v | ${R[feed-$v.items]:-n/a} | ${R[feed-$v.edited]:-n/a} | $(mib "${R[feed-$v.bytes]:-}") | ${R[feed-$v.body_bytes_min]:-n/a} / ${R[feed-$v.body_bytes_mean]:-n/a} / ${R[feed-$v.body_bytes_max]:-n/a} |"
  done
  echo
  echo "Item n: a unique Vietnamese title, link https://baohanam.example/tin/n.html, guid bhn-n (not a permalink),"
  echo "pubDate in +0700 47 minutes before item n − 1's (from 2023-08-16 18:00), a dc:creator, 1–3 categories, a"
  echo "description, HTML in content:encoded (paragraphs from src/KhoaGiao.Api/Data/Demo/seed-article.txt and a"
  echo "\`<figure>\` with \`<img src=\"/uploads/n.jpg\">\` and a caption), and media:content"
  echo "https://baohanam.example/uploads/n.jpg. The edited feed changes the title and body of every ${EDIT_EVERY}th item"
  echo "(\"(cập nhật $EDIT_TAG)\" in the title; an opening paragraph holding the marker bhn-n-$EDIT_TAG) and the channel's"
  echo "lastBuildDate; every other item is byte for byte the same."
  echo
  echo "## Setup"
  echo
  echo "- machine: $(nproc) CPUs ($CPU_MODEL), $MEM_TOTAL RAM, Linux $(uname -r); the importer, PostgreSQL and the"
  echo "  feed server share it"
  echo "- .NET SDK $DOTNET_SDK, ASP.NET Core runtime $ASPNET_RUNTIME; PostgreSQL $PG_VERSION; Node.js $NODE_VERSION (feed"
  echo "  generator and server: deploy/bench/import-feed.mjs)"
  echo "- service: commit $GIT_COMMIT, $GIT_STATE; Release publish"
  echo "- database: a fresh one, its $MIGRATIONS migrations applied by starting the service once (ready after $MIGRATE_SECONDS s)"
  echo "  and stopping it$TEMPLATE_TEXT; again and edited on the database the last round left ($DB_SIZE after the run)"
  echo "- each run: \`$COMMAND_TEXT\`"
  echo "  in the Production environment, other settings at their defaults"
  echo "- ITEMS=$ITEMS ROUNDS=$ROUNDS EDIT_EVERY=$EDIT_EVERY CONCURRENCY=$CONCURRENCY_TEXT IMPORT_TIMEOUT=$IMPORT_TIMEOUT"
} >"$REPORT"

mkdir -p "$RESULTS_DIR"
RESULT_FILE="$RESULTS_DIR/import-$(date -u +%Y%m%d-%H%M%S).md"
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
