#!/usr/bin/env bash
# Benchmark of syncing through KhoaGiao.Api: batch import, delta feed reads, and how fast an edit made on one
# instance shows on another, with correctness checks.
#
#   deploy/bench/sync.sh
#
# What it does (everything on 127.0.0.1, bounded in time, no stdin needed):
#   1. installs curl and the PostgreSQL client with apt-get when missing (as root; otherwise asks you to); needs
#      Node.js 20 or later for deploy/bench/sync.mjs, the HTTP client (built-in modules only);
#   2. provisions the private PostgreSQL of deploy/local-postgres.sh (or uses the server of
#      ConnectionStrings__KhoaGiao), creates a fresh database khoagiao_bench_<random> on it and drops it at exit;
#   3. publishes src/KhoaGiao.Api (Release; build outputs in a temporary directory, not in src/) and starts two
#      instances of it on that database in the Production environment, A and B, on free ports (from BENCH_PORT),
#      with one random bootstrap admin key and Http__ManagementRequestsPerMinute=1000000; A applies the migrations,
#      B starts once A is ready; both must answer GET /health/ready;
#   4. import: first WARMUP articles, untimed, from source "Bench warm-up" (a fresh instance compiles its write path
#      meanwhile), then ARTICLES articles of 3–5 KB of Vietnamese HTML (cut from
#      src/KhoaGiao.Api/Data/Demo/seed-article.txt) through POST /api/v1/admin/articles/batch on A, BATCH_SIZE per
#      request, CONCURRENCY requests in flight, source "Báo Hà Nam", external ids bhn-1…, published; every item must
#      answer 2xx;
#   5. waits until PostgreSQL serves the last import transaction in the feed (no older transaction still running
#      on the server: the feed's pg_snapshot_xmin rule), then reads B's GET /api/v1/changes from the start, FEED_LIMIT
#      per page, following nextCursor to the first empty page, three times:
#        cold    the first read through B (after one untimed page of another size when WARMUP > 0, so B has
#                compiled its feed path but holds none of the timed pages)
#        warm    the same URLs again at once (B's output cache answers the pages it still holds)
#        uncached  again with an extra query parameter, so every page is computed (warm database, no output cache)
#      every pass must hold an article upsert for every imported id;
#   6. edits: EDITS title changes through A (PUT /api/v1/admin/articles/by-source/Báo Hà Nam/bhn-<i>, no If-Match),
#      one at a time. Before each, B's output cache is primed as a polling client would have it (GET the article on B,
#      and B's feed from the current cursor down to its empty page). After the PUT's 200, two loops poll B at once,
#      back to back (POLL_INTERVAL_MS apart): the feed from the cursor until it holds the article with the new title,
#      and GET /api/v1/articles/{id} until it shows the new title. Each must see it within POLL_TIMEOUT s;
#   7. prints the results and writes them to deploy/bench/results/sync-<UTC date>.md.
# Exit code: 0 when every correctness check passes, 1 when one fails, 2 on a setup error. The performance targets
# (import >= 500 articles/s, feed read >= 5,000 changes/s) are reported, not enforced.
#
# Environment:
#   ARTICLES          articles to import (default 10000)
#   WARMUP            articles imported untimed before them (default 500; 0: time a fresh instance from its first
#                     request, and read the feed cold without the warm-up page)
#   BATCH_SIZE        articles per batch request, 1–100 (default 100)
#   CONCURRENCY       batch requests in flight (default 4)
#   FEED_LIMIT        page size of the feed reads, 1–1000 (default 1000, the largest the feed accepts)
#   EDITS             edits to time (default 1000; 0 skips the phase)
#   POLL_TIMEOUT      most seconds an edit may take to show on B (default 30)
#   POLL_INTERVAL_MS  pause between two polls of the same loop (default 0: the next request as soon as the answer
#                     is read)
#   SETTLE_TIMEOUT    most seconds to wait for the import to become readable in the feed (default 60)
#   BENCH_PORT        first port to try for the two instances (default 5199)
#   RESULTS_DIR       where the markdown report goes (default deploy/bench/results)
#   BENCH_KEEP        1: keep the temporary directory (build, server logs, client state) and the database
#   TMPDIR            where the temporary directory is made (default /tmp)
#   ConnectionStrings__KhoaGiao  a PostgreSQL server to use instead of the private cluster; its user must be
#                     allowed to create databases
#   KHOAGIAO_PG_PORT  port of the private cluster (default 55432)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd -P)"
PROJECT_DIR="$REPO_ROOT/src/KhoaGiao.Api"
CLIENT="$SCRIPT_DIR/sync.mjs"
SEED_ARTICLE="$PROJECT_DIR/Data/Demo/seed-article.txt"

ARTICLES="${ARTICLES:-10000}"
WARMUP="${WARMUP:-500}"
BATCH_SIZE="${BATCH_SIZE:-100}"
CONCURRENCY="${CONCURRENCY:-4}"
FEED_LIMIT="${FEED_LIMIT:-1000}"
EDITS="${EDITS:-1000}"
POLL_TIMEOUT="${POLL_TIMEOUT:-30}"
POLL_INTERVAL_MS="${POLL_INTERVAL_MS:-0}"
SETTLE_TIMEOUT="${SETTLE_TIMEOUT:-60}"
BENCH_PORT="${BENCH_PORT:-5199}"
RESULTS_DIR="${RESULTS_DIR:-$SCRIPT_DIR/results}"
BENCH_KEEP="${BENCH_KEEP:-0}"
MANAGEMENT_RPM=1000000

export DOTNET_CLI_TELEMETRY_OPTOUT="${DOTNET_CLI_TELEMETRY_OPTOUT:-1}"
export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}"
export MSBUILDDISABLENODEREUSE="${MSBUILDDISABLENODEREUSE:-1}"

BENCH_NAME=sync.sh
# shellcheck source=SCRIPTDIR/lib.sh
source "$SCRIPT_DIR/lib.sh"

for var in ARTICLES WARMUP BATCH_SIZE CONCURRENCY FEED_LIMIT EDITS POLL_TIMEOUT POLL_INTERVAL_MS SETTLE_TIMEOUT BENCH_PORT; do
  [[ "${!var}" =~ ^[0-9]+$ ]] || die "$var must be a whole number, got '${!var}'"
done
((ARTICLES >= 1)) || die "ARTICLES must be at least 1"
((BATCH_SIZE >= 1 && BATCH_SIZE <= 100)) || die "BATCH_SIZE must be 1..100 (the batch route's limit)"
((CONCURRENCY >= 1)) || die "CONCURRENCY must be at least 1"
((FEED_LIMIT >= 1 && FEED_LIMIT <= 1000)) || die "FEED_LIMIT must be 1..1000 (the feed's limit)"
((POLL_TIMEOUT >= 1)) || die "POLL_TIMEOUT must be at least 1"
[[ -r "$SEED_ARTICLE" ]] || die "cannot read $SEED_ARTICLE"

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

WORK="$(mktemp -d "${TMPDIR:-/tmp}/khoagiao-sync.XXXXXX")"
PID_A=""
PID_B=""
DB_CREATED=0
BENCH_DB=""

stop_service() { # pid
  local pid="$1"
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
  local rc=$?
  set +e
  trap - EXIT INT TERM
  # The client runs in the foreground and gets the terminal's signal itself; only the services are ours to stop.
  stop_service "$PID_B"
  stop_service "$PID_A"
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

connect_postgres

BENCH_DB="khoagiao_bench_$(random_hex 4)"
log "creating database $BENCH_DB on $PG_HOST:$PG_PORT"
psql_admin -c "CREATE DATABASE \"$BENCH_DB\"" >/dev/null || die "could not create database $BENCH_DB"
DB_CREATED=1
BENCH_CS="$(IFS=';'; printf '%s' "${CS_PARTS[*]}");Database=$BENCH_DB"
PG_VERSION="$(psql_admin -At -c 'SHOW server_version')"

# --- build and start the services -------------------------------------------------------------------

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

PORT_A="$(free_port "$BENCH_PORT")" || die "no free port in $BENCH_PORT..$((BENCH_PORT + 99))"
PORT_B="$(free_port $((PORT_A + 1)))" || die "no free port in $((PORT_A + 1))..$((PORT_A + 100))"
BASE_A="http://127.0.0.1:$PORT_A"
BASE_B="http://127.0.0.1:$PORT_B"
ADMIN_KEY="bench-$(random_hex 24)"

start_service() { # name, base URL, migrate (true/false); sets LAST_PID
  local name="$1" url="$2" migrate="$3"
  log "starting instance $name on $url (Production, Database__MigrateOnStartup=$migrate)"
  (
    cd "$WORK/app"
    export ASPNETCORE_ENVIRONMENT=Production
    export ASPNETCORE_URLS="$url"
    export ConnectionStrings__KhoaGiao="$BENCH_CS"
    export Database__MigrateOnStartup="$migrate"
    export Database__SeedDemoContent=false
    export Security__BootstrapAdminKey="$ADMIN_KEY"
    export Counters__VisitorHashKey=bench
    export Logging__LogLevel__Default=Warning
    export Http__ManagementRequestsPerMinute="$MANAGEMENT_RPM"
    exec dotnet KhoaGiao.Api.dll
  ) </dev/null >"$WORK/server-$name.log" 2>&1 &
  LAST_PID=$!
}

wait_ready() { # name, pid, base URL; sets READY_SECONDS
  local name="$1" pid="$2" url="$3" started
  started="$(date +%s.%N)"
  for _ in $(seq 1 240); do
    kill -0 "$pid" 2>/dev/null || { tail -n 40 "$WORK/server-$name.log" >&2; die "instance $name exited during start-up (log above)"; }
    if [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url/health/ready" || true)" == 200 ]]; then
      READY_SECONDS="$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')"
      log "instance $name ready in $READY_SECONDS s (pid $pid)"
      return 0
    fi
    sleep 0.5
  done
  tail -n 40 "$WORK/server-$name.log" >&2
  die "instance $name was not ready within 120 s"
}

start_service A "$BASE_A" true
PID_A="$LAST_PID"
wait_ready A "$PID_A" "$BASE_A"
READY_A="$READY_SECONDS"
start_service B "$BASE_B" false
PID_B="$LAST_PID"
wait_ready B "$PID_B" "$BASE_B"
READY_B="$READY_SECONDS"

# --- the run ----------------------------------------------------------------------------------------

START_TIME="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
RESULTS_FILE="$WORK/results.txt"
: >"$RESULTS_FILE"
CHECK_FAIL=0

# Runs one phase of sync.mjs; a failed check marks the run failed and the run goes on, a setup error stops it.
# Once an instance has died the remaining phases are skipped and the run fails.
SERVICE_DIED=""
client() {
  local rc=0
  [[ -z "$SERVICE_DIED" ]] || { log "skipping phase '$*': $SERVICE_DIED"; return 0; }
  BASE_A="$BASE_A" BASE_B="$BASE_B" ADMIN_KEY="$ADMIN_KEY" ARTICLES="$ARTICLES" WARMUP="$WARMUP" BATCH_SIZE="$BATCH_SIZE" \
    CONCURRENCY="$CONCURRENCY" FEED_LIMIT="$FEED_LIMIT" EDITS="$EDITS" POLL_TIMEOUT="$POLL_TIMEOUT" \
    POLL_INTERVAL_MS="$POLL_INTERVAL_MS" SEED_ARTICLE="$SEED_ARTICLE" STATE_DIR="$WORK" RESULTS_FILE="$RESULTS_FILE" \
    PID_A="$PID_A" PID_B="$PID_B" CLK_TCK="$(getconf CLK_TCK)" \
    node "$CLIENT" "$@" </dev/null || rc=$?
  case "$rc" in
    0) ;;
    1) CHECK_FAIL=1; log "check failed in phase '$*' (continuing to the report)" ;;
    *) die "sync.mjs $* stopped with exit code $rc" ;;
  esac
  local name pid_var
  for name in A B; do
    pid_var="PID_$name"
    if ! kill -0 "${!pid_var}" 2>/dev/null; then
      tail -n 40 "$WORK/server-$name.log" >&2
      SERVICE_DIED="instance $name died during phase '$*'"
      CHECK_FAIL=1
      log "$SERVICE_DIED (log above)"
    fi
  done
}

client import
ARTICLES_IN_DB="$(psql_bench -At -c 'SELECT count(*) FROM articles')" || die "could not query $BENCH_DB"
CHANGES_IN_DB="$(psql_bench -At -c "SELECT count(*) FROM changes WHERE type = 'Article'")" || die "could not query $BENCH_DB"
log "database: $ARTICLES_IN_DB articles, $CHANGES_IN_DB article rows in the change log"

# The feed serves a transaction only once every older transaction on the server has ended (pg_snapshot_xmin is
# server-wide), so one left open by another database's client would hold the import back; wait for it first.
SETTLE_SQL="SELECT coalesce(max(xid), 0) < pg_snapshot_xmin(pg_current_snapshot())::text::bigint FROM changes"
# What held it back, for the report: the server's transactions that have an xid, oldest first.
HOLDERS_SQL="SELECT datname || ' (' || coalesce(nullif(application_name, ''), '?') || ', ' || state || ', xid ' || backend_xid
  || ', ' || round(extract(epoch FROM clock_timestamp() - xact_start) * 1000) || ' ms): ' || left(regexp_replace(query, '\s+', ' ', 'g'), 100)
  FROM pg_stat_activity WHERE backend_xid IS NOT NULL ORDER BY age(backend_xid) DESC LIMIT 5"
SETTLE_HOLDERS=""
settle_start="$(date +%s.%N)"
while :; do
  settled="$(psql_bench -At -c "$SETTLE_SQL")" || die "could not query $BENCH_DB"
  [[ "$settled" == t ]] && break
  [[ -n "$SETTLE_HOLDERS" ]] || SETTLE_HOLDERS="$(psql_bench -At -c "$HOLDERS_SQL" || true)"
  if awk -v s="$settle_start" -v n="$(date +%s.%N)" -v max="$SETTLE_TIMEOUT" 'BEGIN { exit !(n - s >= max) }'; then
    log "the import is still not readable in the feed after $SETTLE_TIMEOUT s (a transaction older than it is open on the server)"
    break
  fi
  sleep 0.2
done
SETTLE_SECONDS="$(awk -v a="$settle_start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')"
[[ -z "$SETTLE_HOLDERS" ]] || log "waited $SETTLE_SECONDS s for the feed; open transactions at the first check: $SETTLE_HOLDERS"

client feed cold
client feed warm
client feed uncached "pass-$(random_hex 4)"
if ((EDITS > 0)); then
  client edits
fi

# --- results ----------------------------------------------------------------------------------------

declare -A R
while read -r k v; do
  R[$k]="$v"
done <"$RESULTS_FILE"

[[ "$ARTICLES_IN_DB" == "$((ARTICLES + WARMUP))" ]] ||
  { CHECK_FAIL=1; log "the database holds $ARTICLES_IN_DB articles, expected $((ARTICLES + WARMUP)) (ARTICLES + WARMUP)"; }

server_stats() { # name, pid; sets RSS, HWM, WARNINGS, WARNING_LINES
  local name="$1" pid="$2"
  RSS="$(awk '/^VmRSS/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$pid/status" 2>/dev/null || true)"
  HWM="$(awk '/^VmHWM/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$pid/status" 2>/dev/null || true)"
  WARNINGS="$(grep -c -E '^(warn|fail|crit):' "$WORK/server-$name.log" || true)"
  # Distinct warnings: the "level: Category[event]" line and the first two lines of the message, with counts.
  WARNING_LINES="$(awk '
    function emit() { if (head != "") print head " — " msg; head = "" }
    /^(info|warn|fail|crit|dbug|trce):/ { emit(); if ($0 ~ /^(warn|fail|crit):/) { head = $0; msg = ""; n = 0 }; next }
    head != "" && n < 2 { sub(/^ +/, ""); if (n == 0) msg = $0; else msg = msg " | " $0; n++ }
    END { emit() }' "$WORK/server-$name.log" | sort | uniq -c | sort -rn | head -n 10)"
}
server_stats A "$PID_A"
RSS_A="$RSS" HWM_A="$HWM" WARNINGS_A="$WARNINGS" WARNING_LINES_A="$WARNING_LINES"
server_stats B "$PID_B"
RSS_B="$RSS" HWM_B="$HWM" WARNINGS_B="$WARNINGS" WARNING_LINES_B="$WARNING_LINES"

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
met_below() { awk -v a="$1" -v b="$2" 'BEGIN { r = "NOT met"; if (a ~ /^[0-9.]+$/ && a + 0 <= b + 0) r = "met"; print r }'; }
yes_no() { [[ "$1" == yes ]] && echo PASS || echo FAIL; }
lat() { # prefix: "p50 / p95 / p99 / max"
  printf '%s / %s / %s / %s' "${R[$1.p50_ms]:-n/a}" "${R[$1.p95_ms]:-n/a}" "${R[$1.p99_ms]:-n/a}" "${R[$1.max_ms]:-n/a}"
}

if [[ "$CHECK_FAIL" -eq 0 ]]; then VERDICT="PASS"; else VERDICT="FAIL"; fi

REPORT="$WORK/report.md"
{
  echo "# Sync benchmark — $START_TIME"
  echo
  echo "Correctness: **$VERDICT** (every imported item 2xx, every imported article in each feed read, every edit"
  echo "seen on instance B within $POLL_TIMEOUT s). Produced by \`deploy/bench/sync.sh\`."
  if [[ -n "$SERVICE_DIED" ]]; then
    echo
    echo "**The run stopped early: $SERVICE_DIED.** Phases after it did not run."
  fi
  echo
  echo "## Results"
  echo
  echo "| measure | value | target | |"
  echo "| --- | ---: | --- | --- |"
  echo "| import through A, articles/s | $(num "${R[import.rate]}") | ≥ 500 | $(met "${R[import.rate]}" 500) |"
  echo "| feed read from B, cold, changes/s | $(num "${R[feed-cold.rate]}") | ≥ 5,000 | $(met "${R[feed-cold.rate]}" 5000) |"
  echo "| feed read from B, warm, changes/s | $(num "${R[feed-warm.rate]}") | ≥ 5,000 | $(met "${R[feed-warm.rate]}" 5000) |"
  echo "| feed read from B, warm, past the output cache, changes/s | $(num "${R[feed-uncached.rate]}") | ≥ 5,000 | $(met "${R[feed-uncached.rate]}" 5000) |"
  if ((EDITS > 0)); then
    echo "| edit through A → in B's feed, ms p50 / p95 / p99 / max | $(lat edits.feed) | p99 ≤ 1,000 (docs/sync.md: within 1 s) | $(met_below "${R[edits.feed.p99_ms]}" 1000) |"
    echo "| edit through A → B's GET /api/v1/articles/{id}, ms p50 / p95 / p99 / max | $(lat edits.delivery) | p99 ≤ 1,000 (docs/sync.md: within 1 s) | $(met_below "${R[edits.delivery.p99_ms]}" 1000) |"
  fi
  echo
  echo "Targets are reported, not enforced. Edit times run from the PUT's 200 on A to the first answer from B"
  echo "that shows the new title."
  echo
  echo "## Import"
  echo
  echo "| measure | value |"
  echo "| --- | ---: |"
  echo "| warm-up before the timed import (untimed) | $(num "$WARMUP") articles$( [[ -n "${R[import.warmup_seconds]:-}" ]] && echo " in ${R[import.warmup_seconds]} s ($(num "${R[import.warmup_rate]}")/s)") |"
  echo "| articles | $(num "${R[import.articles]}") in $(num "${R[import.batches]}") batches of up to $BATCH_SIZE, $CONCURRENCY in flight |"
  echo "| item statuses | ${R[import.statuses]} |"
  echo "| articles in the database / article rows in the change log (warm-up included) | $ARTICLES_IN_DB / $CHANGES_IN_DB |"
  echo "| wall time, s | ${R[import.seconds]} |"
  echo "| batch request, ms p50 / p95 / p99 / max | $(lat import.batch) |"
  echo "| article body, bytes (mean) / batch request body, bytes (mean) | $(num "${R[import.body_bytes_mean]}") / $(num "${R[import.request_bytes_mean]}") |"
  for n in 1 2 3 4 5; do
    if [[ -n "${R[import.problem$n]:-}" ]]; then echo "| failed item $n | \`${R[import.problem$n]}\` |"; fi
  done
  echo
  echo "## Feed reads"
  echo
  echo "Each pass reads B's \`GET /api/v1/changes?limit=$FEED_LIMIT\` from the start and follows \`nextCursor\` to the"
  echo "first empty page. Waited $SETTLE_SECONDS s before the first pass for PostgreSQL to serve the last import"
  echo "transaction in the feed. Warm repeats the cold URLs at once: B's output cache (Http:DeliveryCacheSeconds,"
  echo "${Http__DeliveryCacheSeconds:-10} s) answers the pages it still holds. Past the output cache adds \`bench=<random>\` to"
  echo "every URL, so B computes every page again on a warm database."
  if ((WARMUP > 0)); then
    echo "The feed holds the warm-up articles too. Before the cold pass B served one untimed page of 100 entries: its"
    echo "feed path is compiled, and none of the timed pages is in its cache."
  fi
  if [[ -n "$SETTLE_HOLDERS" ]]; then
    echo
    echo "Transactions with an xid open on the server when the wait began (database, application, state, age):"
    echo
    echo '```'
    printf '%s\n' "$SETTLE_HOLDERS"
    echo '```'
  fi
  echo
  echo "| pass | pages | entries | article upserts | imported ids seen | missing | s | changes/s | page ms p50 / p95 / p99 / max | MiB read (decoded) | Content-Encoding | check |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |"
  for pass in cold warm uncached; do
    p="feed-$pass"
    echo "| $pass | ${R[$p.pages]:-} | $(num "${R[$p.entries]:-}") | $(num "${R[$p.article_upserts]:-}") | $(num "${R[$p.seen]:-}") | ${R[$p.missing]:-} | ${R[$p.seconds]:-} | $(num "${R[$p.rate]:-}") | $(lat "$p.page") | ${R[$p.mib]:-} | ${R[$p.encoding]:-} | $(yes_no "${R[$p.ok]:-}") |"
  done
  for pass in cold warm uncached; do
    if [[ -n "${R[feed-$pass.failure]:-}" ]]; then printf '\nFeed %s failed: %s\n' "$pass" "\`${R[feed-$pass.failure]}\`"; fi
  done
  if ((EDITS > 0)); then
    echo
    echo "## Edits"
    echo
    echo "$(num "${R[edits.count]}") title changes through A's \`PUT /api/v1/admin/articles/by-source/B%C3%A1o%20H%C3%A0%20Nam/bhn-<i>\`, one at a"
    echo "time (${R[edits.seconds]} s in all). Before each, B's output cache holds what a polling client leaves there: the"
    echo "article (GET on B) and the feed's empty page at the current cursor. After the 200, two loops poll B at once,"
    echo "each sending its next request as soon as it has read the answer (POLL_INTERVAL_MS=$POLL_INTERVAL_MS)."
    echo
    echo "| measure | p50 ms | p95 ms | p99 ms | max ms | mean ms | over 1 s | polls per edit (mean) | seen on the first poll | not seen |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    echo "| PUT on A (request to 200) | ${R[edits.put.p50_ms]} | ${R[edits.put.p95_ms]} | ${R[edits.put.p99_ms]} | ${R[edits.put.max_ms]} | ${R[edits.put.mean_ms]} | | | | |"
    echo "| 200 → entry with the new title in B's feed | ${R[edits.feed.p50_ms]} | ${R[edits.feed.p95_ms]} | ${R[edits.feed.p99_ms]} | ${R[edits.feed.max_ms]} | ${R[edits.feed.mean_ms]} | ${R[edits.feed_over_1s]} | ${R[edits.feed_polls_mean]} | ${R[edits.feed_first_poll]} | ${R[edits.feed_missed]} |"
    echo "| 200 → new title from B's GET /api/v1/articles/{id} | ${R[edits.delivery.p50_ms]} | ${R[edits.delivery.p95_ms]} | ${R[edits.delivery.p99_ms]} | ${R[edits.delivery.max_ms]} | ${R[edits.delivery.mean_ms]} | ${R[edits.delivery_over_1s]} | ${R[edits.delivery_polls_mean]} | ${R[edits.delivery_first_poll]} | ${R[edits.delivery_missed]} |"
    for n in 1 2 3 4 5; do
      if [[ -n "${R[edits.problem$n]:-}" ]]; then printf '\nFailed edit %s: %s\n' "$n" "\`${R[edits.problem$n]}\`"; fi
    done
  fi
  echo
  echo "## CPU per phase"
  echo
  echo "| phase | s | A (cores) | B (cores) | PostgreSQL (cores) | client (cores) | machine busy |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  for p in import feed-cold feed-warm feed-uncached edits; do
    if [[ -n "${R[$p.cpu_seconds]:-}" ]]; then
      echo "| $p | ${R[$p.cpu_seconds]} | ${R[$p.cpu_a]} | ${R[$p.cpu_b]} | ${R[$p.cpu_postgres]} | ${R[$p.cpu_client]} | ${R[$p.busy]}% |"
    fi
  done
  echo
  echo "This machine has $(nproc) CPUs, shared by both instances, PostgreSQL and the client. PostgreSQL is every"
  echo "process named postgres on the machine, so other databases' work on the same server counts there too."
  echo "Load average (1, 5, 15 min) when the run started: $LOAD_START."
  echo
  echo "## Services"
  echo
  echo "| instance | ready after, s | RSS after the run (peak) | log entries at warn or above |"
  echo "| --- | ---: | --- | ---: |"
  echo "| A (migrates; import and edits) | $READY_A | ${RSS_A:-?} (${HWM_A:-?}) | ${WARNINGS_A:-0} |"
  echo "| B (feed reads and delivery GETs) | $READY_B | ${RSS_B:-?} (${HWM_B:-?}) | ${WARNINGS_B:-0} |"
  warning_block() { # name, lines
    [[ -n "$2" ]] || return 0
    echo
    echo "Instance $1, distinct entries at warn or above (count, first lines):"
    echo
    echo '```'
    printf '%s\n' "$2"
    echo '```'
  }
  warning_block A "$WARNING_LINES_A"
  warning_block B "$WARNING_LINES_B"
  echo
  echo "## Setup"
  echo
  echo "- machine: $(nproc) CPUs ($CPU_MODEL), $MEM_TOTAL RAM, Linux $(uname -r); the client, both instances and PostgreSQL share it"
  echo "- .NET SDK $DOTNET_SDK, ASP.NET Core runtime $ASPNET_RUNTIME; PostgreSQL $PG_VERSION; Node.js $NODE_VERSION (client: deploy/bench/sync.mjs, built-in fetch, keep-alive)"
  echo "- service: commit $GIT_COMMIT, $GIT_STATE; Release publish, two instances on 127.0.0.1 in the Production environment"
  echo "  on one fresh database ($DB_SIZE after the run); Http:ManagementRequestsPerMinute=$MANAGEMENT_RPM,"
  echo "  Logging:LogLevel:Default=Warning, other settings at their defaults"
  echo "- ARTICLES=$ARTICLES WARMUP=$WARMUP BATCH_SIZE=$BATCH_SIZE CONCURRENCY=$CONCURRENCY FEED_LIMIT=$FEED_LIMIT EDITS=$EDITS"
  echo "  POLL_TIMEOUT=$POLL_TIMEOUT POLL_INTERVAL_MS=$POLL_INTERVAL_MS"
  echo "- articles: source \"Báo Hà Nam\", external ids bhn-1…bhn-$ARTICLES, category \"Hoạt động khoa giáo\", tag \"Khoa giáo\","
  echo "  published 2023-08-16T18:00:00+07:00; bodies are 3–5 KB of paragraphs from src/KhoaGiao.Api/Data/Demo/seed-article.txt"
} >"$REPORT"

mkdir -p "$RESULTS_DIR"
RESULT_FILE="$RESULTS_DIR/sync-$(date -u +%Y%m%d-%H%M%S).md"
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
