#!/usr/bin/env bash
# Benchmark of webhook delivery through KhoaGiao.Api: how many deliveries per second two instances send, and how long
# a change takes from its commit to a receiver, with correctness checks.
#
#   deploy/bench/webhooks.sh
#
# What it does (everything on 127.0.0.1, bounded in time, no stdin needed):
#   1. installs curl and the PostgreSQL client with apt-get when missing (as root; otherwise asks you to); needs
#      Node.js 20 or later for deploy/bench/webhooks.mjs, the HTTP client and webhook receiver (built-in modules only);
#   2. provisions the private PostgreSQL of deploy/local-postgres.sh (or uses the server of
#      ConnectionStrings__KhoaGiao), creates a fresh database khoagiao_bench_<random> on it and drops it at exit;
#   3. publishes src/KhoaGiao.Api (Release; build outputs in a temporary directory, not in src/) and starts two
#      instances of it on that database in the Production environment, A and B, on free ports (from BENCH_PORT),
#      with one random bootstrap admin key, Http__ManagementRequestsPerMinute=1000000, Webhooks__AllowHttp=true and
#      Webhooks__AllowedHosts__0=127.0.0.1 (so a receiver on loopback may be subscribed); A applies the migrations,
#      B starts once A is ready; both must answer GET /health/ready. Both send webhooks (every instance dispatches);
#   4. the client starts a receiver on 127.0.0.1 (a free port) that answers every request 204 at once, then records
#      its receipt time, webhook-id, the body's timestamp and data.id and the instance that sent it, and verifies its
#      Standard Webhooks signature (HMAC-SHA256 of id.timestamp.body under the subscription's secret);
#   5. subscribes http://127.0.0.1:<port>/hook to article.published through A (POST /api/v1/admin/webhooks);
#   6. warm-up, untimed: WARMUP published articles of source "Bench warm-up" through POST /api/v1/admin/articles/batch,
#      batches alternately on A and B (at least one on each), and waits until each has been delivered (both instances
#      have then compiled their write and dispatch paths);
#   7. timed: CHANGES published articles of 3–5 KB of Vietnamese HTML (cut from
#      src/KhoaGiao.Api/Data/Demo/seed-article.txt), source "Báo Hà Nam", external ids bhn-1…, through the same route,
#      BATCH_SIZE per request, batches alternately on A and B, CONCURRENCY requests in flight; every item must answer
#      2xx. Waits until every one has been delivered (at most DELIVERY_TIMEOUT s after the last batch's answer), then
#      until the subscription's delivery log (GET …/deliveries?status=pending) is empty, then one more second for a
#      late second copy of any delivery;
#   8. reads the outbox: SELECT status, count(*) FROM webhook_deliveries GROUP BY status, and the attempts;
#   9. prints the results and writes them to deploy/bench/results/webhooks-<UTC date>.md.
# Measures: deliveries/s (timed deliveries received ÷ seconds from the first timed batch request sent to the last of
# them received), and per delivery the delay from commit to receipt: receipt time minus the body's timestamp, which is
# when the change log recorded the change (the service's clock, on this machine, a few ms before the commit).
# Correctness checks: every imported article delivered at least once; no webhook-id received twice (no delivery may be
# sent by two instances); every signature valid; every webhook_deliveries row Succeeded.
# Exit code: 0 when every correctness check passes, 1 when one fails, 2 on a setup error. The performance target
# (delay p99 under 2 s) is reported, not enforced.
#
# Environment:
#   CHANGES           articles to publish in the timed part (default 1000)
#   WARMUP            articles published and delivered untimed before them (default 100; 0: time fresh instances)
#   BATCH_SIZE        articles per batch request, 1–100 (default 50)
#   CONCURRENCY       batch requests in flight (default 2)
#   DELIVERY_TIMEOUT  most seconds, after the last batch's answer, for every delivery to arrive (default 120; the
#                     warm-up has the same)
#   BENCH_PORT        first port to try for the two instances (default 5299; the receiver takes any free port)
#   RESULTS_DIR       where the markdown report goes (default deploy/bench/results)
#   BENCH_KEEP        1: keep the temporary directory (build, server logs, every receipt) and the database
#   TMPDIR            where the temporary directory is made (default /tmp)
#   Webhooks__*       other webhook settings (Webhooks__Concurrency, Webhooks__PollMilliseconds, …) reach both
#                     instances and are listed in the report
#   ConnectionStrings__KhoaGiao  a PostgreSQL server to use instead of the private cluster; its user must be
#                     allowed to create databases
#   KHOAGIAO_PG_PORT  port of the private cluster (default 55432)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd -P)"
PROJECT_DIR="$REPO_ROOT/src/KhoaGiao.Api"
CLIENT="$SCRIPT_DIR/webhooks.mjs"
SEED_ARTICLE="$PROJECT_DIR/Data/Demo/seed-article.txt"

CHANGES="${CHANGES:-1000}"
WARMUP="${WARMUP:-100}"
BATCH_SIZE="${BATCH_SIZE:-50}"
CONCURRENCY="${CONCURRENCY:-2}"
DELIVERY_TIMEOUT="${DELIVERY_TIMEOUT:-120}"
BENCH_PORT="${BENCH_PORT:-5299}"
RESULTS_DIR="${RESULTS_DIR:-$SCRIPT_DIR/results}"
BENCH_KEEP="${BENCH_KEEP:-0}"
MANAGEMENT_RPM=1000000
TARGET_P99_MS=2000

export DOTNET_CLI_TELEMETRY_OPTOUT="${DOTNET_CLI_TELEMETRY_OPTOUT:-1}"
export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}"
export MSBUILDDISABLENODEREUSE="${MSBUILDDISABLENODEREUSE:-1}"

BENCH_NAME=webhooks.sh
# shellcheck source=SCRIPTDIR/lib.sh
source "$SCRIPT_DIR/lib.sh"

for var in CHANGES WARMUP BATCH_SIZE CONCURRENCY DELIVERY_TIMEOUT BENCH_PORT; do
  [[ "${!var}" =~ ^[0-9]+$ ]] || die "$var must be a whole number, got '${!var}'"
done
((CHANGES >= 1)) || die "CHANGES must be at least 1"
((BATCH_SIZE >= 1 && BATCH_SIZE <= 100)) || die "BATCH_SIZE must be 1..100 (the batch route's limit)"
((CONCURRENCY >= 1)) || die "CONCURRENCY must be at least 1"
((DELIVERY_TIMEOUT >= 1)) || die "DELIVERY_TIMEOUT must be at least 1"
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

WORK="$(mktemp -d "${TMPDIR:-/tmp}/khoagiao-webhooks.XXXXXX")"
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
    export Webhooks__AllowHttp=true
    export Webhooks__AllowedHosts__0=127.0.0.1
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
SERVICE_DIED=""

# One client process for the whole run: its receiver must listen from the subscription to the last delivery.
rc=0
BASE_A="$BASE_A" BASE_B="$BASE_B" ADMIN_KEY="$ADMIN_KEY" CHANGES="$CHANGES" WARMUP="$WARMUP" BATCH_SIZE="$BATCH_SIZE" \
  CONCURRENCY="$CONCURRENCY" DELIVERY_TIMEOUT="$DELIVERY_TIMEOUT" SEED_ARTICLE="$SEED_ARTICLE" STATE_DIR="$WORK" \
  RESULTS_FILE="$RESULTS_FILE" PID_A="$PID_A" PID_B="$PID_B" CLK_TCK="$(getconf CLK_TCK)" \
  node "$CLIENT" run </dev/null || rc=$?
case "$rc" in
  0) ;;
  1) CHECK_FAIL=1; log "a check failed in the client (continuing to the report)" ;;
  *) die "webhooks.mjs stopped with exit code $rc" ;;
esac
for name in A B; do
  pid_var="PID_$name"
  if ! kill -0 "${!pid_var}" 2>/dev/null; then
    tail -n 40 "$WORK/server-$name.log" >&2
    SERVICE_DIED+="${SERVICE_DIED:+; }instance $name died during the run"
    CHECK_FAIL=1
    log "instance $name died during the run (log above)"
  fi
done

declare -A R
while read -r k v; do
  R[$k]="$v"
done <"$RESULTS_FILE"

# --- the outbox -------------------------------------------------------------------------------------

STATUS_COUNTS="$(psql_bench -At -F ' ' -c 'SELECT status, count(*) FROM webhook_deliveries GROUP BY status ORDER BY status' |
  awk '{ printf "%s%s: %s", (NR > 1 ? ", " : ""), $1, $2 }')" || die "could not query $BENCH_DB"
read -r DELIVERY_ROWS NOT_SUCCEEDED RETRIED ATTEMPT_ROWS < <(psql_bench -At -F ' ' -c "
  SELECT count(*), count(*) FILTER (WHERE status <> 'Succeeded'), count(*) FILTER (WHERE attempts > 1),
         (SELECT count(*) FROM webhook_attempts)
  FROM webhook_deliveries") || die "could not query $BENCH_DB"
ARTICLES_IN_DB="$(psql_bench -At -c 'SELECT count(*) FROM articles')" || die "could not query $BENCH_DB"
log "webhook_deliveries: ${STATUS_COUNTS:-no rows}; $ATTEMPT_ROWS attempts, $RETRIED deliveries tried more than once"
if ((DELIVERY_ROWS == 0 || NOT_SUCCEEDED > 0)); then
  CHECK_FAIL=1
  log "webhook_deliveries: $NOT_SUCCEEDED of $DELIVERY_ROWS rows not Succeeded"
fi

# The dispatchers' side of the delay, from the outbox (service clock): recorded → start of the first attempt, for the
# timed deliveries (recorded after the first timed batch was sent; every warm-up delivery had arrived before it).
SEND_LAG=""
if [[ "${R[import.started_at]:-}" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z$ ]]; then
  SEND_LAG="$(psql_bench -At -F ' / ' -c "
    SELECT round(percentile_disc(0.5) WITHIN GROUP (ORDER BY ms), 1), round(percentile_disc(0.95) WITHIN GROUP (ORDER BY ms), 1),
           round(percentile_disc(0.99) WITHIN GROUP (ORDER BY ms), 1), round(max(ms), 1)
    FROM (SELECT extract(epoch FROM min(a.at) - d.created_at) * 1000 AS ms
          FROM webhook_deliveries AS d JOIN webhook_attempts AS a ON a.delivery_id = d.id
          WHERE d.created_at >= '${R[import.started_at]}'
          GROUP BY d.id, d.created_at) AS t")" || SEND_LAG=""
fi

# --- results ----------------------------------------------------------------------------------------

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
# Webhook settings the instances ran with: the two this script sets, and any others from the environment.
WEBHOOK_SETTINGS="Webhooks:AllowHttp=true, Webhooks:AllowedHosts:0=127.0.0.1"
while IFS='=' read -r k v; do
  [[ "$k" =~ ^Webhooks__ && "$k" != Webhooks__AllowHttp && "$k" != Webhooks__AllowedHosts__0 ]] || continue
  WEBHOOK_SETTINGS+=", ${k//__/:}=$v"
done < <(env | sort)

num() { awk -v a="$1" 'BEGIN { if (a ~ /^[0-9.]+$/) printf "%.0f", a; else printf "%s", (a == "" ? "n/a" : a) }'; }
met_below() { awk -v a="$1" -v b="$2" 'BEGIN { r = "NOT met"; if (a ~ /^[0-9.]+$/ && a + 0 < b + 0) r = "met"; print r }'; }
pass_if() { [[ "$1" == "$2" ]] && echo PASS || echo FAIL; }
lat() { # prefix: "p50 / p95 / p99 / max"
  printf '%s / %s / %s / %s' "${R[$1.p50_ms]:-n/a}" "${R[$1.p95_ms]:-n/a}" "${R[$1.p99_ms]:-n/a}" "${R[$1.max_ms]:-n/a}"
}

EXPECTED_ARTICLES=$((CHANGES + WARMUP))
DELIVERED_ARTICLES=$(( ${R[deliveries.articles_delivered]:-0} + ${R[warmup.delivered]:-0} ))
IMPORTED_ARTICLES=$(( ${R[import.ok]:-0} + ${R[warmup.ok]:-0} ))
if [[ "$CHECK_FAIL" -eq 0 ]]; then VERDICT="PASS"; else VERDICT="FAIL"; fi

REPORT="$WORK/report.md"
{
  echo "# Webhook benchmark — $START_TIME"
  echo
  echo "Correctness: **$VERDICT** (every imported article delivered at least once, no \`webhook-id\` received twice,"
  echo "every signature valid, every row of \`webhook_deliveries\` Succeeded). Produced by \`deploy/bench/webhooks.sh\`."
  if [[ -n "$SERVICE_DIED" ]]; then
    echo
    echo "**$SERVICE_DIED.**"
  fi
  if [[ -n "${R[warmup.failed]:-}" ]]; then
    echo
    echo "**The warm-up failed** (an article not imported, or not delivered within $DELIVERY_TIMEOUT s); the timed part did not run."
  fi
  echo
  echo "## Results"
  echo
  echo "| measure | value | target | |"
  echo "| --- | ---: | --- | --- |"
  echo "| deliveries/s (first timed batch sent → last delivery received) | $(num "${R[deliveries.rate]:-}") | — | |"
  echo "| delay from commit to receipt, ms p50 / p95 / p99 / max | $(lat delay) | p99 < 2,000 | $(met_below "${R[delay.p99_ms]:-}" "$TARGET_P99_MS") |"
  echo
  drain="${R[deliveries.drain_seconds]:-n/a}"
  if [[ "$drain" == -* ]]; then drain="${drain#-} s before"; else drain+=" s after"; fi
  echo "$(num "${R[deliveries.received]:-}") deliveries of \`article.published\` for $(num "${R[import.articles]:-}") articles published through"
  echo "\`POST /api/v1/admin/articles/batch\` on A and B alternately, in ${R[deliveries.seconds]:-n/a} s from the first batch"
  echo "request to the last delivery; the last arrived $drain the last batch's answer"
  echo "($(num "${R[deliveries.during_import]:-}") arrived while the import was still running). The import ran at"
  echo "$(num "${R[import.rate]:-}") articles/s."
  if awk -v d="${R[deliveries.drain_seconds]:-x}" 'BEGIN { exit !(d ~ /^-?[0-9.]+$/ && d + 0 < 0.5) }'; then
    echo "The deliveries kept up with the import (the last one within 0.5 s of its end), so deliveries/s is bounded by"
    echo "the import's rate here, not by what the dispatchers could send."
  fi
  echo
  echo "The delay of a delivery is its receipt time (the receiver's clock: \`performance.timeOrigin + performance.now()\`)"
  echo "minus the body's \`timestamp\`, which is when the change log recorded the change (the service's clock, on the same"
  echo "machine). The change is recorded inside its transaction a few ms before the commit, so the delay slightly"
  echo "overstates commit → receipt. The receiver's clock differed from \`Date.now()\` by ${R[clock.offset_ms]:-n/a} ms at the end."
  echo "The target is reported, not enforced."
  echo
  echo "## Correctness"
  echo
  echo "| check | result | |"
  echo "| --- | --- | --- |"
  echo "| every imported article delivered at least once (warm-up included) | $DELIVERED_ARTICLES of $IMPORTED_ARTICLES imported ($EXPECTED_ARTICLES sent) | $( ((DELIVERED_ARTICLES == EXPECTED_ARTICLES && IMPORTED_ARTICLES == EXPECTED_ARTICLES)) && echo PASS || echo FAIL) |"
  echo "| no \`webhook-id\` received twice | ${R[requests.duplicate_ids]:-n/a} received more than once, of ${R[requests.distinct_ids]:-n/a} distinct in ${R[requests.total]:-n/a} requests | $(pass_if "${R[requests.duplicate_ids]:-}" 0) |"
  echo "| every signature valid | ${R[requests.bad_signatures]:-n/a} invalid of ${R[requests.total]:-n/a} | $(pass_if "${R[requests.bad_signatures]:-}" 0) |"
  echo "| every \`webhook_deliveries\` row Succeeded | ${STATUS_COUNTS:-no rows} | $( ((DELIVERY_ROWS > 0 && NOT_SUCCEEDED == 0)) && echo PASS || echo FAIL) |"
  for n in 1 2 3 4 5; do
    if [[ -n "${R[requests.duplicate$n]:-}" ]]; then echo "| received twice $n | \`${R[requests.duplicate$n]}\` | |"; fi
  done
  for p in warmup import; do
    for n in 1 2 3 4 5; do
      if [[ -n "${R[$p.problem$n]:-}" ]]; then echo "| failed item ($p) $n | \`${R[$p.problem$n]}\` | |"; fi
    done
  done
  echo
  echo "## Details"
  echo
  echo "| measure | value |"
  echo "| --- | ---: |"
  if ((WARMUP > 0)); then
    echo "| warm-up (untimed) | $(num "${R[warmup.ok]:-}") of $WARMUP articles imported in ${R[warmup.seconds]:-n/a} s, ${R[warmup.delivered]:-n/a} delivered ${R[warmup.delivery_seconds]:-n/a} s after the first batch |"
  fi
  echo "| timed articles | $(num "${R[import.articles]:-}") in $(num "${R[import.batches]:-}") batches of up to $BATCH_SIZE, $CONCURRENCY in flight, alternately on A and B |"
  echo "| item statuses | ${R[import.statuses]:-n/a} |"
  echo "| import wall time, s (articles/s) | ${R[import.seconds]:-n/a} ($(num "${R[import.rate]:-}")) |"
  echo "| batch request, ms p50 / p95 / p99 / max | $(lat import.batch) |"
  echo "| deliveries over 2 s | ${R[delay.over_2s]:-n/a} |"
  echo "| recorded → first attempt started, ms p50 / p95 / p99 / max (outbox, service clock) | ${SEND_LAG:-n/a} |"
  echo "| timed deliveries sent by A / B / not told | ${R[deliveries.sent_by_a]:-n/a} / ${R[deliveries.sent_by_b]:-n/a} / ${R[deliveries.sent_by_unknown]:-n/a} |"
  echo "| receiver connections from A / B / not told | ${R[receiver.connections_a]:-n/a} / ${R[receiver.connections_b]:-n/a} / ${R[receiver.connections_unknown]:-n/a} |"
  echo "| \`webhook_deliveries\` rows / attempts / rows tried more than once | $DELIVERY_ROWS / $ATTEMPT_ROWS / $RETRIED |"
  echo "| articles in the database | $ARTICLES_IN_DB |"
  echo "| requests other than \`article.published\` to /hook / articles delivered under several ids | ${R[requests.other]:-n/a} / ${R[requests.articles_with_several_ids]:-n/a} |"
  echo "| requests whose \`webhook-timestamp\` is over 5 min from their receipt | ${R[requests.timestamp_off]:-n/a} |"
  echo "| wait for the delivery log to list none pending, s | ${R[pending.wait_seconds]:-n/a} |"
  echo
  echo "The sender of a delivery is the instance holding the other end of its connection (\`/proc/net/tcp\` and the"
  echo "instances' file descriptors). \"Recorded → first attempt started\" is the dispatchers' part of the delay: from the"
  echo "change's record to the start of the send, both on the service's clock."
  echo
  echo "## CPU per phase"
  echo
  echo "| phase | s | A (cores) | B (cores) | PostgreSQL (cores) | client and receiver (cores) | machine busy |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  for p in warmup import drain timed; do
    if [[ -n "${R[$p.cpu_seconds]:-}" ]]; then
      echo "| $p | ${R[$p.cpu_seconds]} | ${R[$p.cpu_a]} | ${R[$p.cpu_b]} | ${R[$p.cpu_postgres]} | ${R[$p.cpu_client]} | ${R[$p.busy]}% |"
    fi
  done
  echo
  echo "warmup: the untimed import and its deliveries; import: first timed batch sent → last batch answered; drain:"
  echo "last batch answered → last delivery received (no row when under 0.1 s); timed: both. This machine has $(nproc) CPUs, shared by both instances,"
  echo "PostgreSQL and the client. PostgreSQL is every process named postgres on the machine, so other databases' work on"
  echo "the same server counts there too. Load average (1, 5, 15 min) when the run started: $LOAD_START."
  echo
  echo "## Services"
  echo
  echo "| instance | ready after, s | RSS after the run (peak) | log entries at warn or above |"
  echo "| --- | ---: | --- | ---: |"
  echo "| A (migrates; subscription, half the batches, sends webhooks) | $READY_A | ${RSS_A:-?} (${HWM_A:-?}) | ${WARNINGS_A:-0} |"
  echo "| B (half the batches, sends webhooks) | $READY_B | ${RSS_B:-?} (${HWM_B:-?}) | ${WARNINGS_B:-0} |"
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
  echo "- machine: $(nproc) CPUs ($CPU_MODEL), $MEM_TOTAL RAM, Linux $(uname -r); the client, the receiver, both instances"
  echo "  and PostgreSQL share it"
  echo "- .NET SDK $DOTNET_SDK, ASP.NET Core runtime $ASPNET_RUNTIME; PostgreSQL $PG_VERSION; Node.js $NODE_VERSION (client and"
  echo "  receiver: deploy/bench/webhooks.mjs, built-in fetch and http, one process)"
  echo "- service: commit $GIT_COMMIT, $GIT_STATE; Release publish, two instances on 127.0.0.1 in the Production environment"
  echo "  on one fresh database ($DB_SIZE after the run); Http:ManagementRequestsPerMinute=$MANAGEMENT_RPM,"
  echo "  $WEBHOOK_SETTINGS, Logging:LogLevel:Default=Warning, other settings at their defaults"
  echo "- receiver: ${R[receiver.url]:-n/a}, subscribed to \`article.published\`; answers 204 as soon as a request's body"
  echo "  has been read, and times the receipt then"
  echo "- CHANGES=$CHANGES WARMUP=$WARMUP BATCH_SIZE=$BATCH_SIZE CONCURRENCY=$CONCURRENCY DELIVERY_TIMEOUT=$DELIVERY_TIMEOUT"
  echo "- articles: source \"Báo Hà Nam\", external ids bhn-1…bhn-$CHANGES, category \"Hoạt động khoa giáo\", tag \"Khoa giáo\","
  echo "  published 2023-08-16T18:00:00+07:00; bodies are 3–5 KB of paragraphs from src/KhoaGiao.Api/Data/Demo/seed-article.txt"
} >"$REPORT"

mkdir -p "$RESULTS_DIR"
RESULT_FILE="$RESULTS_DIR/webhooks-$(date -u +%Y%m%d-%H%M%S).md"
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
