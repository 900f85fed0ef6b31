#!/usr/bin/env bash
# Benchmark of KhoaGiao.Api's media library (issue 17): uploads of a 12 MP phone photo, the time its renditions take
# (in the background after the upload, and on demand), and the rendition GET next to the article GET, in one run on a
# fresh database and an empty media folder.
#
#   deploy/bench/media.sh
#
# What it does (everything on 127.0.0.1, bounded in time, no stdin needed; four to five minutes on 2 cores):
#   1. installs wrk, curl and the PostgreSQL client with apt-get when missing (as root; otherwise asks you to); needs
#      Node.js 20 or later for deploy/bench/media.mjs, the upload client (built-in modules only);
#   2. provisions the private PostgreSQL of deploy/local-postgres.sh (or uses the server of ConnectionStrings__KhoaGiao),
#      creates a fresh database khoagiao_bench_<random> on it and drops it at exit; a private cluster that was not
#      running before is stopped again at exit;
#   3. publishes src/KhoaGiao.Api and deploy/bench/imaging (Release; build outputs in a temporary directory, not in the
#      tree) and generates the imaging benchmark's photo once: 4000 × 3000 (12 MP), JPEG quality 90, 2.8 MB, Exif
#      orientation 6 (shown 3000 × 4000) and a GPS position (deploy/bench/imaging/TestImages.cs);
#   4. starts the service once for the whole run, alone, in the Production environment on a free port (from
#      BENCH_PORT), with Logging__LogLevel__Default=Warning, a random bootstrap admin key,
#      Http__ManagementRequestsPerMinute=1000000, Database__SeedDemoContent=false (the demo's photos would be rendered
#      during the measurements) and Media__LocalPath an empty folder of the temporary directory; the other Media
#      settings at their defaults (Media__MaxConcurrentRenders 0: one render at a time per processor);
#   5. with QUIET_WAIT > 0, before each group of phases below (uploads, background, on-demand, each round of reads) waits
#      until the machine is quiet (under QUIET_BUSY % busy over 5 s), up to QUIET_WAIT s over the whole run;
#   6. phases (media.mjs; every upload sends the photo with a JPEG comment of its own, so each has its own bytes):
#        uploads     UPLOAD_WARMUP untimed uploads (a fresh service compiles the code of the upload and of the
#                    renditions on first use), each waiting for its files; then UPLOADS uploads (POST
#                    /api/v1/admin/media, multipart: file, alt, caption, credit), UPLOAD_CONCURRENCY at a time: uploads/s, latency p50/p95. The upload answers once the file is
#                    stored; the background queue renders the photos after it (half as many at once as Media:MaxConcurrentRenders, one on 2 cores), using the same
#                    CPU as the uploads. Then waits until every photo's 9 files (original + 8 renditions) are in the
#                    folder: the drain, from the first upload sent and from the last 201, and the photos/s it made
#        background  BACKGROUND_PHOTOS uploads one at a time, nothing else in flight: from each 201 until its 9 files are
#                    in the folder (files' modification times), p50/p95, and when each file was stored
#        on-demand   ON_DEMAND_WARMUP untimed + ON_DEMAND_TRIES times, one at a time: delete ON_DEMAND_FILE of a photo
#                    whose files are all made, GET /media/{id}/ON_DEMAND_FILE (made on that request), time the whole
#                    answer; then GET it again (now stored) for comparison
#      then creates and publishes one article (5 KB of text, the first photo as its cover, the second in its body),
#      and ROUNDS rounds of three wrk phases, interleaved (rendition, article, 304, rendition, article, 304, …), each
#      one GET alone first, a warm-up of WARMUP s, a second's pause and a measured run of DURATION s
#      (-tTHREADS -cCONNECTIONS, deploy/bench/media.lua):
#        rendition   GET /media/{id}/RENDITION of the cover (already made)
#        article     GET /api/v1/articles/{slug}, anonymous, with the delivery output cache as in production
#        304         GET /media/{id}/RENDITION with If-None-Match: its ETag
#      req/s, latency p50/p99/max (wrk --latency), bytes a response (whole answers, headers included, and bodies);
#   7. per phase: CPU of the service, the PostgreSQL server and the client (node or wrk) in cores, and the rest of the
#      machine (other work sharing the CPUs, which makes the numbers noisy); the service's RSS and peak at the end;
#   8. prints the results and writes them to deploy/bench/results/media-<UTC date-time>.md.
# Exit code: 0 when every check passes (every upload 201, every file made in time, every GET 200 or 304 as expected with
# no socket error, the service alive), 1 when one fails, 2 on a setup error. Timings are reported, not judged.
#
# Environment:
#   UPLOADS            uploads of the uploads phase (default 40)
#   UPLOAD_CONCURRENCY uploads in flight at once (default 4)
#   UPLOAD_WARMUP      untimed uploads before them, one at a time, each waiting for its files (default 1)
#   DRAIN_TIMEOUT      most seconds to wait for every file of those uploads (default 300)
#   BACKGROUND_PHOTOS  photos of the background phase, one at a time (default 10)
#   RENDER_TIMEOUT     most seconds to wait for one photo's files in that phase (default 60)
#   ON_DEMAND_TRIES    timed on-demand GETs (default 12)
#   ON_DEMAND_WARMUP   untimed ones before them (default 1)
#   ON_DEMAND_FILE     the file deleted and asked for (default 1024.webp)
#   RENDITION          the rendition of the read phases (default 640.webp)
#   DURATION           seconds of each measured wrk run (default 10)
#   WARMUP             seconds of the warm-up before each (default 3)
#   ROUNDS             rounds of the three read phases; the report gives the median (default 3)
#   THREADS            wrk threads (default 2)
#   CONNECTIONS        wrk connections (default 32)
#   QUIET_WAIT         most seconds to wait for a quiet machine over the run (default 0: measure at once)
#   QUIET_BUSY         busy percentage of all CPUs over 5 s under which the machine counts as quiet (default 25)
#   BENCH_PORT         first port to try for the service (default 5699)
#   RESULTS_DIR        where the markdown report goes (default deploy/bench/results)
#   BENCH_KEEP         1: keep the temporary directory (builds, photo, media folder, server log, wrk outputs) and the
#                      database
#   TMPDIR             where the temporary directory is made (default /tmp)
#   ConnectionStrings__KhoaGiao  a PostgreSQL server to use instead of the private cluster; its user must be allowed to
#                      create databases
#   KHOAGIAO_PG_PORT   port of the private cluster (default 55432)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd -P)"
PROJECT_DIR="$REPO_ROOT/src/KhoaGiao.Api"
IMAGING_DIR="$SCRIPT_DIR/imaging"
CLIENT="$SCRIPT_DIR/media.mjs"
LUA_SCRIPT="$SCRIPT_DIR/media.lua"
SEED_ARTICLE="$PROJECT_DIR/Data/Demo/seed-article.txt"

UPLOADS="${UPLOADS:-40}"
UPLOAD_CONCURRENCY="${UPLOAD_CONCURRENCY:-4}"
UPLOAD_WARMUP="${UPLOAD_WARMUP:-1}"
DRAIN_TIMEOUT="${DRAIN_TIMEOUT:-300}"
BACKGROUND_PHOTOS="${BACKGROUND_PHOTOS:-10}"
RENDER_TIMEOUT="${RENDER_TIMEOUT:-60}"
ON_DEMAND_TRIES="${ON_DEMAND_TRIES:-12}"
ON_DEMAND_WARMUP="${ON_DEMAND_WARMUP:-1}"
ON_DEMAND_FILE="${ON_DEMAND_FILE:-1024.webp}"
RENDITION="${RENDITION:-640.webp}"
DURATION="${DURATION:-10}"
WARMUP="${WARMUP:-3}"
ROUNDS="${ROUNDS:-3}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
QUIET_WAIT="${QUIET_WAIT:-0}"
QUIET_BUSY="${QUIET_BUSY:-25}"
BENCH_PORT="${BENCH_PORT:-5699}"
RESULTS_DIR="${RESULTS_DIR:-$SCRIPT_DIR/results}"
BENCH_KEEP="${BENCH_KEEP:-0}"
MANAGEMENT_RPM=1000000

export DOTNET_CLI_TELEMETRY_OPTOUT="${DOTNET_CLI_TELEMETRY_OPTOUT:-1}"
export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}"
export MSBUILDDISABLENODEREUSE="${MSBUILDDISABLENODEREUSE:-1}"

BENCH_NAME=media.sh
# shellcheck source=SCRIPTDIR/lib.sh
source "$SCRIPT_DIR/lib.sh"

for var in UPLOADS UPLOAD_CONCURRENCY UPLOAD_WARMUP DRAIN_TIMEOUT BACKGROUND_PHOTOS RENDER_TIMEOUT ON_DEMAND_TRIES ON_DEMAND_WARMUP \
    DURATION WARMUP ROUNDS THREADS CONNECTIONS QUIET_WAIT QUIET_BUSY BENCH_PORT; do
  [[ "${!var}" =~ ^[0-9]+$ ]] || die "$var must be a whole number, got '${!var}'"
done
((UPLOADS >= 1 && UPLOAD_CONCURRENCY >= 1)) || die "UPLOADS and UPLOAD_CONCURRENCY must be at least 1"
((BACKGROUND_PHOTOS >= 2)) || die "BACKGROUND_PHOTOS must be at least 2 (the article shows two photos)"
((ON_DEMAND_TRIES >= 1)) || die "ON_DEMAND_TRIES must be at least 1"
((DRAIN_TIMEOUT >= 1 && RENDER_TIMEOUT >= 1)) || die "DRAIN_TIMEOUT and RENDER_TIMEOUT must be at least 1"
((DURATION >= 1 && WARMUP >= 1 && ROUNDS >= 1)) || die "DURATION, WARMUP and ROUNDS must be at least 1"
((THREADS >= 1 && CONNECTIONS >= THREADS)) || die "need THREADS >= 1 and CONNECTIONS >= THREADS"
((QUIET_BUSY >= 1 && QUIET_BUSY <= 100)) || die "QUIET_BUSY must be 1..100"
[[ "$ON_DEMAND_FILE" =~ ^(320|640|1024|1600)\.(webp|jpg)$ ]] || die "ON_DEMAND_FILE must be {320|640|1024|1600}.{webp|jpg}, got '$ON_DEMAND_FILE'"
[[ "$RENDITION" =~ ^(320|640|1024|1600)\.(webp|jpg)$ ]] || die "RENDITION must be {320|640|1024|1600}.{webp|jpg}, got '$RENDITION'"
[[ -r "$SEED_ARTICLE" ]] || die "cannot read $SEED_ARTICLE"
[[ "$(uname -m)" == x86_64 ]] || die "the service references the linux-x64 libvips package only; this is $(uname -m)"

IS_ROOT=0
[[ "$(id -u)" -eq 0 ]] && IS_ROOT=1

# --- tools ------------------------------------------------------------------------------------------

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

WORK="$(mktemp -d "${TMPDIR:-/tmp}/khoagiao-media.XXXXXX")"
SERVER_PID=""
CLIENT_PID=""
DB_CREATED=0
BENCH_DB=""
PG_STOP_AT_EXIT=0

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
  local rc=$?
  set +e
  trap - EXIT INT TERM
  # The subshell of run_client or run_wrk and its 'timeout' (which passes the signal on): only what they started.
  if [[ -n "$CLIENT_PID" ]] && kill -0 "$CLIENT_PID" 2>/dev/null; then
    pkill -TERM -P "$CLIENT_PID" 2>/dev/null
    kill "$CLIENT_PID" 2>/dev/null
    wait "$CLIENT_PID" 2>/dev/null
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
  if [[ "$PG_STOP_AT_EXIT" -eq 1 && "$BENCH_KEEP" != 1 ]]; then
    log "stopping the private PostgreSQL cluster this run started"
    bash "$REPO_ROOT/deploy/local-postgres.sh" stop </dev/null >/dev/null 2>&1 || log "could not stop it (deploy/local-postgres.sh stop)"
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

START_TIME="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
SECONDS=0

# --- database ---------------------------------------------------------------------------------------

PRIVATE_CLUSTER=0
if [[ -z "${ConnectionStrings__KhoaGiao:-}" ]]; then
  PRIVATE_CLUSTER=1
  if port_free "${KHOAGIAO_PG_PORT:-55432}"; then PG_STOP_AT_EXIT=1; fi
fi
connect_postgres

BENCH_DB="khoagiao_bench_$(random_hex 4)"
log "creating database $BENCH_DB on $PG_HOST:$PG_PORT"
psql_admin -c "CREATE DATABASE \"$BENCH_DB\"" >/dev/null || die "could not create database $BENCH_DB"
DB_CREATED=1
BENCH_CS="$(IFS=';'; printf '%s' "${CS_PARTS[*]}");Database=$BENCH_DB"
PG_VERSION="$(psql_admin -At -c 'SHOW server_version')"

# --- build ------------------------------------------------------------------------------------------

# The tree measured is the one published now: record its commit and state before the build, not at the end.
GIT_COMMIT="$(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
GIT_STATE="$(git_state)"

# UseSharedCompilation=false: no compiler server is left running after the build (only what we start is ours).
log "publishing $PROJECT_DIR (Release) into $WORK/app"
if ! dotnet publish "$PROJECT_DIR" -c Release -o "$WORK/app" --artifacts-path "$WORK/artifacts" \
    -p:UseSharedCompilation=false -nologo -v q </dev/null >"$WORK/publish.log" 2>&1; then
  tail -n 40 "$WORK/publish.log" >&2
  die "dotnet publish failed (log above)"
fi
log "publishing $IMAGING_DIR (Release) into $WORK/imaging, for its photo"
if ! dotnet publish "$IMAGING_DIR" -c Release -o "$WORK/imaging" --artifacts-path "$WORK/artifacts-imaging" \
    -p:UseSharedCompilation=false -nologo -v q </dev/null >"$WORK/publish-imaging.log" 2>&1; then
  tail -n 40 "$WORK/publish-imaging.log" >&2
  die "dotnet publish of the imaging benchmark failed (log above)"
fi
log "generating the photo"
dotnet "$WORK/imaging/Imaging.dll" generate "$WORK/inputs" </dev/null >"$WORK/generate.log" 2>&1 ||
  { cat "$WORK/generate.log" >&2; die "generating the test images failed (log above)"; }
PHOTO="$WORK/inputs/photo.jpg"
[[ -s "$PHOTO" ]] || die "the imaging benchmark wrote no $PHOTO"
BUILD_SECONDS=$SECONDS

# The libvips the service loads: the NetVips packages it was published with, and the native package's own list of what
# it bundles (versions.json, in the NuGet package folder).
DEPS="$WORK/app/KhoaGiao.Api.deps.json"
NETVIPS_VERSION="$(grep -o '"NetVips/[0-9][^"]*"' "$DEPS" | head -n 1 | tr -d '"' | cut -d/ -f2)"
NETVIPS_NATIVE="$(grep -o '"NetVips\.Native\.linux-x64/[0-9][^"]*"' "$DEPS" | head -n 1 | tr -d '"' | cut -d/ -f2)"
NUGET_PACKAGES_DIR="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
VERSIONS_JSON="$NUGET_PACKAGES_DIR/netvips.native.linux-x64/$NETVIPS_NATIVE/versions.json"
json_version() { sed -n "s/^ *\"$1\": *\"\\([^\"]*\\)\".*/\\1/p" "$VERSIONS_JSON" 2>/dev/null | head -n 1; }
LIBVIPS_VERSION="$(json_version vips)"
if [[ -n "$LIBVIPS_VERSION" ]]; then
  LIBVIPS_LINE="libvips $LIBVIPS_VERSION (libwebp $(json_version webp), mozjpeg $(json_version mozjpeg), lcms $(json_version lcms))"
else
  LIBVIPS_LINE="libvips of NetVips.Native.linux-x64 ${NETVIPS_NATIVE:-?} (its versions.json was not found)"
fi

# --- the service ------------------------------------------------------------------------------------

PORT="$(free_port "$BENCH_PORT")" || die "no free port in $BENCH_PORT..$((BENCH_PORT + 99))"
BASE_URL="http://127.0.0.1:$PORT"
ADMIN_KEY="bench-$(random_hex 24)"
MEDIA_ROOT="$WORK/media-store"
MEDIA_DIR="$MEDIA_ROOT/media"
mkdir -p "$MEDIA_ROOT"

log "starting the service on $BASE_URL (Production)"
(
  cd "$WORK/app"
  export ASPNETCORE_ENVIRONMENT=Production
  export ASPNETCORE_URLS="$BASE_URL"
  export ConnectionStrings__KhoaGiao="$BENCH_CS"
  export Database__MigrateOnStartup=true
  export Database__SeedDemoContent=false
  export Security__BootstrapAdminKey="$ADMIN_KEY"
  export Counters__VisitorHashKey=bench
  export Logging__LogLevel__Default=Warning
  export Http__ManagementRequestsPerMinute="$MANAGEMENT_RPM"
  export Media__LocalPath="$MEDIA_ROOT"
  exec dotnet KhoaGiao.Api.dll
) </dev/null >"$WORK/server.log" 2>&1 &
SERVER_PID=$!

ready=0
for _ in $(seq 1 240); do
  kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 40 "$WORK/server.log" >&2; die "the service exited during start-up (log above)"; }
  if [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE_URL/health/ready" || true)" == 200 ]]; then
    ready=1
    break
  fi
  sleep 0.5
done
[[ "$ready" -eq 1 ]] || { tail -n 40 "$WORK/server.log" >&2; die "the service was not ready within 120 s"; }
log "service ready (pid $SERVER_PID)"

# --- measuring --------------------------------------------------------------------------------------

CLK_TCK="$(getconf CLK_TCK)"
NPROC="$(nproc)"

# The PostgreSQL server's main process: the one listening on its port here; empty for a server elsewhere.
PG_MAIN_PID=""
if [[ "$PG_HOST" == 127.0.0.1 || "$PG_HOST" == localhost ]] && command -v ss >/dev/null 2>&1; then
  PG_MAIN_PID="$(ss -Hltnp "( sport = :$PG_PORT )" 2>/dev/null | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2 || true)"
fi

# CPU ticks of the PostgreSQL server: its main process with the children it has waited for, and its live children
# (backends). Without its main process (a server elsewhere), every process named postgres here, which counts 0 then.
postgres_ticks() {
  if [[ -n "$PG_MAIN_PID" ]]; then
    { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v main="$PG_MAIN_PID" '
      { line = $0; pid = $1; sub(/^.*\) /, "", line); split(line, f, " ")
        if (pid == main) s += f[12] + f[13] + f[14] + f[15]; else if (f[2] == main) s += f[12] + f[13] }
      END { print s + 0 }'
  else
    { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk '$2 == "(postgres)" { sub(/^.*\) /, ""); s += $12 + $13 } END { print s + 0 }'
  fi
}

# Prints: wall-seconds machine-busy-ticks machine-total-ticks service-ticks postgres-ticks
cpu_sample() {
  local wall machine service
  wall="$(date +%s.%N)"
  machine="$(awk '/^cpu / { t = 0; for (i = 2; i <= 9; i++) t += $i; print t - $5 - $6, t; exit }' /proc/stat)"
  service="$(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$SERVER_PID/stat" 2>/dev/null || echo 0)"
  printf '%s %s %s %s\n' "$wall" "$machine" "$service" "$(postgres_ticks)"
}

declare -A R # results, keyed "<phase>.<field>"
CHECK_FAIL=0
FAILURES=""

fail() { # message
  CHECK_FAIL=1
  FAILURES+="- $1"$'\n'
  log "$1"
}

# CPU of a phase from two samples and the client's user+system seconds (a file of "%U %S"): cores of the service,
# PostgreSQL, the client and everything else on the machine, and how busy the machine was.
phase_cpu() { # phase, before, after, client time file
  local phase="$1" w0 b0 t0 s0 p0 w1 b1 t1 s1 p1 client
  read -r w0 b0 t0 s0 p0 <<<"$2"
  read -r w1 b1 t1 s1 p1 <<<"$3"
  client="$(awk '{ print $1 + $2 }' "$4" 2>/dev/null || echo 0)"
  R[$phase.seconds]="$(awk -v a="$w0" -v b="$w1" 'BEGIN { printf "%.1f", b - a }')"
  R[$phase.busy]="$(awk -v b="$((b1 - b0))" -v t="$((t1 - t0))" 'BEGIN { r = 0; if (t > 0) r = 100 * b / t; printf "%.0f", r }')"
  R[$phase.cpu_service]="$(awk -v d="$((s1 - s0))" -v hz="$CLK_TCK" -v w0="$w0" -v w1="$w1" 'BEGIN { printf "%.2f", d / hz / (w1 - w0) }')"
  R[$phase.cpu_postgres]="$(awk -v d="$((p1 - p0))" -v hz="$CLK_TCK" -v w0="$w0" -v w1="$w1" 'BEGIN { printf "%.2f", d / hz / (w1 - w0) }')"
  R[$phase.cpu_client]="$(awk -v c="$client" -v w0="$w0" -v w1="$w1" 'BEGIN { printf "%.2f", c / (w1 - w0) }')"
  R[$phase.cpu_other]="$(awk -v busy="$((b1 - b0))" -v total="$((t1 - t0))" -v n="$NPROC" -v s="${R[$phase.cpu_service]}" \
    -v p="${R[$phase.cpu_postgres]}" -v c="${R[$phase.cpu_client]}" \
    'BEGIN { o = 0; if (total > 0) o = n * busy / total - s - p - c; if (o < 0) o = 0; printf "%.2f", o }')"
}

# How busy the machine is over 5 s, in percent of all CPUs.
machine_busy() {
  local a b
  a="$(awk '/^cpu / { t = 0; for (i = 2; i <= 9; i++) t += $i; print t - $5 - $6, t; exit }' /proc/stat)"
  sleep 5
  b="$(awk '/^cpu / { t = 0; for (i = 2; i <= 9; i++) t += $i; print t - $5 - $6, t; exit }' /proc/stat)"
  awk -v a="$a" -v b="$b" 'BEGIN { split(a, x, " "); split(b, y, " "); t = y[2] - x[2]; printf "%.0f", (t > 0) ? 100 * (y[1] - x[1]) / t : 0 }'
}

# Field $2 of the BENCH_RESULT line in file $1.
field() {
  awk -v k="$2=" '$1 == "BENCH_RESULT" { for (i = 2; i <= NF; i++) if (index($i, k) == 1) { print substr($i, length(k) + 1); exit } }' "$1"
}

# One media.mjs command as a phase: name, command, most seconds it may take. Its stdout goes to $WORK/client-<name>.txt.
run_client() {
  local name="$1" command="$2" limit="$3" before after rc=0
  log "phase $name"
  before="$(cpu_sample)"
  (
    export BASE_URL ADMIN_KEY PHOTO MEDIA_DIR SEED_ARTICLE UPLOADS UPLOAD_CONCURRENCY UPLOAD_WARMUP DRAIN_TIMEOUT BACKGROUND_PHOTOS \
      RENDER_TIMEOUT ON_DEMAND_TRIES ON_DEMAND_WARMUP ON_DEMAND_FILE
    export IDS_FILE="$WORK/ids.txt"
    TIMEFORMAT='%U %S'
    # The client's progress goes to stderr as it runs (fd 3); time's line alone to the time file.
    { time timeout "$limit" node "$CLIENT" "$command" </dev/null >"$WORK/client-$name.txt" 2>&3; } 3>&2 2>"$WORK/time-$name.txt"
  ) &
  CLIENT_PID=$!
  wait "$CLIENT_PID" || rc=$?
  CLIENT_PID=""
  after="$(cpu_sample)"
  phase_cpu "$name" "$before" "$after" "$WORK/time-$name.txt"
  case "$rc" in
    0) ;;
    1) fail "phase $name: a check failed (see above)" ;;
    124) fail "phase $name: stopped after $limit s" ;;
    *) die "media.mjs $command stopped with exit code $rc" ;;
  esac
  grep -q '^BENCH_RESULT ' "$WORK/client-$name.txt" || die "media.mjs $command printed no BENCH_RESULT line"
}

# One wrk run with media.lua: name, seconds, check (1: media.lua counts the answers of the expected status).
run_wrk() {
  local name="$1" seconds="$2" check="$3"
  (
    export BENCH_CHECK="$check"
    TIMEFORMAT='%U %S'
    { time timeout "$((seconds + 60))" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --timeout 10s --latency \
        -s "$LUA_SCRIPT" "$BASE_URL" </dev/null >"$WORK/wrk-$name.txt" 2>&1; } 2>"$WORK/time-$name.txt"
  ) &
  CLIENT_PID=$!
  wait "$CLIENT_PID" || { cat "$WORK/wrk-$name.txt" >&2; die "wrk ($name) failed (output above)"; }
  CLIENT_PID=""
  grep -q '^BENCH_RESULT ' "$WORK/wrk-$name.txt" || { cat "$WORK/wrk-$name.txt" >&2; die "wrk ($name) printed no BENCH_RESULT line"; }
}

READ_PHASES=()

# A read phase: name, path, expected status, If-None-Match ("" for none), description. One GET alone, a warm-up, a
# second's pause, the measured run.
run_read() {
  local phase="$1" path="$2" expect="$3" etag="$4" what="$5" before after code header=()
  READ_PHASES+=("$phase")
  R[$phase.what]="$what"
  log "phase $phase: $what — warm-up ${WARMUP}s, then ${DURATION}s (-t$THREADS -c$CONNECTIONS)"
  [[ -z "$etag" ]] || header=(-H "If-None-Match: $etag")
  code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 60 "${header[@]}" "$BASE_URL$path" </dev/null || true)"
  [[ "$code" == "$expect" ]] || fail "phase $phase: the first GET $path answered $code, expected $expect"
  export BENCH_PATH="$path" BENCH_EXPECT="$expect" BENCH_IF_NONE_MATCH="$etag"
  run_wrk "$phase-warmup" "$WARMUP" 1
  local checked expected
  checked="$(field "$WORK/wrk-$phase-warmup.txt" checked)"
  expected="$(field "$WORK/wrk-$phase-warmup.txt" checked_expected)"
  [[ "${checked:-0}" != 0 && "$checked" == "$expected" ]] ||
    fail "phase $phase warm-up: $expected of $checked answers were $expect"
  sleep 1
  before="$(cpu_sample)"
  run_wrk "$phase" "$DURATION" 0
  after="$(cpu_sample)"
  local f
  for f in requests rate bytes non2xx err_connect err_read err_write err_timeout lat_p50_ms lat_p99_ms lat_max_ms; do
    R[$phase.$f]="$(field "$WORK/wrk-$phase.txt" "$f")"
  done
  R[$phase.socket_errors]=$((R[$phase.err_connect] + R[$phase.err_read] + R[$phase.err_write] + R[$phase.err_timeout]))
  if [[ "${R[$phase.non2xx]}" != 0 || "${R[$phase.socket_errors]}" != 0 || "${R[$phase.requests]:-0}" == 0 ]]; then
    fail "phase $phase: ${R[$phase.non2xx]} answers of 400 or above, ${R[$phase.socket_errors]} socket errors, ${R[$phase.requests]} requests"
  fi
  phase_cpu "$phase" "$before" "$after" "$WORK/time-$phase.txt"
  R[$phase.bytes_each]="$(awk -v b="${R[$phase.bytes]}" -v n="${R[$phase.requests]}" 'BEGIN { if (n > 0) printf "%.0f", b / n }')"
  R[$phase.ms_service]="$(awk -v c="${R[$phase.cpu_service]}" -v r="${R[$phase.rate]}" 'BEGIN { if (r > 0) printf "%.3f", 1000 * c / r }')"
  log "phase $phase: $(printf '%.0f' "${R[$phase.rate]}") req/s, p50 ${R[$phase.lat_p50_ms]} ms, p99 ${R[$phase.lat_p99_ms]} ms; cores: service ${R[$phase.cpu_service]}, PostgreSQL ${R[$phase.cpu_postgres]}, wrk ${R[$phase.cpu_client]}, other ${R[$phase.cpu_other]}"
  sleep 1
}

# A quiet machine: the numbers below are wall-clock times on shared CPUs. With QUIET_WAIT, before each group of phases
# (uploads, background, on-demand, each round of reads) the machine's busy share is measured over 5 s and, while it is
# QUIET_BUSY % or more, measured again every 25 s, until the run has waited QUIET_WAIT s in all. Without it, measured
# once, before the first phase, for the report.
QUIET_WAITED=0
QUIET_ROWS=""
wait_quiet() { # label
  local busy started=$SECONDS
  busy="$(machine_busy)"
  while ((QUIET_WAIT > 0 && busy >= QUIET_BUSY && QUIET_WAITED + SECONDS - started < QUIET_WAIT)); do
    log "before $1: the machine is ${busy}% busy (load average $(cut -d' ' -f1-3 /proc/loadavg)); waiting for under ${QUIET_BUSY}%"
    sleep 20
    busy="$(machine_busy)"
  done
  QUIET_WAITED=$((QUIET_WAITED + SECONDS - started))
  QUIET_ROWS+="${QUIET_ROWS:+, }$1 $busy% (waited $((SECONDS - started)) s)"
  log "before $1: machine ${busy}% busy over 5 s, load average $(cut -d' ' -f1-3 /proc/loadavg)"
}
quiet_check() { if ((QUIET_WAIT > 0)); then wait_quiet "$1"; fi; }

LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
wait_quiet uploads
MEASURE_START="$(date -u +%Y-%m-%dT%H:%M:%SZ)"

run_client uploads uploads "$((DRAIN_TIMEOUT + 300))"
quiet_check background
run_client background background "$((BACKGROUND_PHOTOS * (RENDER_TIMEOUT + 60) + 60))"
quiet_check on-demand
run_client on-demand on-demand "$(((ON_DEMAND_TRIES + ON_DEMAND_WARMUP) * 120 + 60))"

log "creating and publishing the article of the read phases"
run_client article article 120
SLUG="$(field "$WORK/client-article.txt" slug)"
COVER="$(field "$WORK/client-article.txt" cover)"
ARTICLE_PATH="/api/v1/articles/$SLUG"
RENDITION_PATH="/media/$COVER/$RENDITION"

# The answers' sizes and the rendition's ETag, from one GET of each.
code="$(curl -s -o "$WORK/article.json" -w '%{http_code}' --max-time 30 "$BASE_URL$ARTICLE_PATH" </dev/null || true)"
[[ "$code" == 200 ]] || die "GET $ARTICLE_PATH answered $code"
ARTICLE_BODY_BYTES="$(wc -c <"$WORK/article.json" | tr -d ' ')"
code="$(curl -s -o "$WORK/rendition.bin" -D "$WORK/rendition.headers" -w '%{http_code}' --max-time 30 "$BASE_URL$RENDITION_PATH" </dev/null || true)"
[[ "$code" == 200 ]] || die "GET $RENDITION_PATH answered $code"
RENDITION_BODY_BYTES="$(wc -c <"$WORK/rendition.bin" | tr -d ' ')"
RENDITION_ETAG="$(sed -n 's/^[Ee][Tt][Aa][Gg]: *\(.*[^[:space:]]\)[[:space:]]*$/\1/p' "$WORK/rendition.headers" | tail -n 1)"
[[ -n "$RENDITION_ETAG" ]] || die "GET $RENDITION_PATH answered no ETag"
RENDITION_CACHE_CONTROL="$(sed -n 's/^[Cc]ache-[Cc]ontrol: *\(.*[^[:space:]]\)[[:space:]]*$/\1/p' "$WORK/rendition.headers" | tail -n 1)"
grep -q "srcset" "$WORK/article.json" || fail "the article's answer shows no srcset for its body photo"
log "article $ARTICLE_PATH ($ARTICLE_BODY_BYTES bytes), rendition $RENDITION_PATH ($RENDITION_BODY_BYTES bytes, ETag $RENDITION_ETAG)"

for ((round = 1; round <= ROUNDS; round++)); do
  quiet_check "reads round $round"
  run_read "rendition-$round" "$RENDITION_PATH" 200 "" "GET /media/{id}/$RENDITION"
  run_read "article-$round" "$ARTICLE_PATH" 200 "" "GET /api/v1/articles/{slug}"
  run_read "notmodified-$round" "$RENDITION_PATH" 304 "$RENDITION_ETAG" "GET /media/{id}/$RENDITION, If-None-Match: its ETag"
done
LOAD_END="$(cut -d' ' -f1-3 /proc/loadavg)"

SERVER_RSS="$(awk '/^VmRSS/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$SERVER_PID/status" 2>/dev/null || true)"
SERVER_HWM="$(awk '/^VmHWM/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$SERVER_PID/status" 2>/dev/null || true)"
kill -0 "$SERVER_PID" 2>/dev/null || fail "the service died during the run"
SERVER_WARNINGS="$(grep -c -E '^(warn|fail|crit):' "$WORK/server.log" || true)"
SERVER_WARNING_LINES="$(awk '
  function emit() { if (head != "") print head " — " msg; head = "" }
  /^(info|warn|fail|crit|dbug|trce):/ { emit(); if ($0 ~ /^(warn|fail|crit):/) { head = $0; msg = ""; n = 0 }; next }
  head != "" && n < 1 { sub(/^ +/, ""); msg = $0; n++ }
  END { emit() }' "$WORK/server.log" | sort | uniq -c | sort -rn | head -n 10)"
MEDIA_FOLDER_SIZE="$(du -sh "$MEDIA_DIR" 2>/dev/null | cut -f1)"
stop_server

# --- report -----------------------------------------------------------------------------------------

CPU_MODEL="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
MEM_TOTAL="$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
DOTNET_RUNTIME="$(dotnet --list-runtimes 2>/dev/null | awk '$1 == "Microsoft.AspNetCore.App" { v = $2 } END { print v }')"
WRK_VERSION="$({ wrk -v 2>&1 || true; } | head -n 1 | awk '{ print $1, $2 }')"

U="$WORK/client-uploads.txt" B="$WORK/client-background.txt" D="$WORK/client-on-demand.txt"
FILES="$(field "$U" files)" UPLOADED="$(field "$U" uploaded)" BG_PHOTOS="$(field "$B" photos)"
FILES="${FILES:-0}" UPLOADED="${UPLOADED:-0}" BG_PHOTOS="${BG_PHOTOS:-0}" UPLOAD_WARMED="$(field "$U" warmup)"
num() { awk -v v="$1" 'BEGIN { if (v == "") { print "?"; exit } s = sprintf("%.0f", v); n = ""; while (length(s) > 3) { n = "," substr(s, length(s) - 2) n; s = substr(s, 1, length(s) - 3) } print s n }'; }
# The median of a field over the read phases of one kind.
median_of() { # kind, field, printf format (default %.2f)
  local r values=()
  for ((r = 1; r <= ROUNDS; r++)); do values+=("${R[$1-$r.$2]}"); done
  printf '%s\n' "${values[@]}" | sort -g | awk -v fmt="${3:-%.2f}" '{ v[NR] = $1 }
    END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf fmt "\n", m }'
}

if [[ "$CHECK_FAIL" -eq 0 ]]; then VERDICT="PASS"; else VERDICT="FAIL"; fi

REPORT="$WORK/report.md"
{
  echo "# Media benchmark — $START_TIME"
  echo
  echo "Checks: **$VERDICT**. Produced by \`deploy/bench/media.sh\`: one run, one service, a fresh database and an empty"
  echo "media folder; a $(field "$U" width) × $(field "$U" height) (shown upright) 12 MP JPEG of $(num "$(field "$U" upload_bytes)") bytes with Exif orientation 6 and GPS,"
  echo "each upload with a JPEG comment of its own (its own bytes and hash)."
  if [[ -n "$FAILURES" ]]; then
    echo
    echo "Failed checks:"
    echo
    printf '%s' "$FAILURES"
  fi
  echo
  echo "## Uploads"
  echo
  echo "| measure | value |"
  echo "| --- | ---: |"
  echo "| uploads answered 201 | $(field "$U" uploaded) of $UPLOADS, $UPLOAD_CONCURRENCY at a time |"
  echo "| uploads/s | $(field "$U" rate) |"
  echo "| upload latency p50 / p95 / max, ms | $(field "$U" p50_ms) / $(field "$U" p95_ms) / $(field "$U" max_ms) |"
  echo "| every file of every photo made, s after the first upload was sent | $(field "$U" drain_s) |"
  echo "| … s after the last 201 | $(field "$U" drain_after_s) |"
  echo "| photos rendered/s during the drain (first 201 to last file) | $(field "$U" render_rate) |"
  echo "| one photo's 201 to its last file (queue included), p50 / max, s | $(field "$U" photo_done_p50_s) / $(field "$U" photo_done_max_s) |"
  echo
  echo "The upload answers 201 once the file is stored and its row written; the $FILES files it is served as (the"
  echo "original and $((FILES - 1)) renditions) are made after, by the background queue (one photo at a time on 2 cores), on the same"
  echo "CPUs: the uploads above competed with the renditions of the photos uploaded before them. The uploads took"
  echo "$(field "$U" seconds) s; the phase (the untimed upload first, the uploads and the drain) $(printf '%s' "${R[uploads.seconds]}") s, with the service using ${R[uploads.cpu_service]} cores,"
  echo "PostgreSQL ${R[uploads.cpu_postgres]}, the client ${R[uploads.cpu_client]} and other work ${R[uploads.cpu_other]} on average."
  echo
  echo "## Rendition time of one photo"
  echo
  echo "| measure | p50 ms | p95 ms | min–max ms |"
  echo "| --- | ---: | ---: | ---: |"
  echo "| background: 201 → all $FILES files in the folder, $(field "$B" photos) photos one at a time | $(field "$B" p50_ms) | $(field "$B" p95_ms) | $(field "$B" min_ms)–$(field "$B" max_ms) |"
  echo "| on demand: GET /media/{id}/$ON_DEMAND_FILE after deleting it, $(field "$D" tries) tries | $(field "$D" p50_ms) | $(field "$D" p95_ms) | $(field "$D" min_ms)–$(field "$D" max_ms) |"
  echo "| the same file once stored, GET again | $(field "$D" stored_p50_ms) | $(field "$D" stored_p95_ms) | |"
  echo "| upload alone (no rendition in flight), background phase | $(field "$B" upload_p50_ms) | $(field "$B" upload_p95_ms) | |"
  echo
  echo "When each file was stored, from the file stored before it (the first from the 201), in the order stored: the nine come from one decode and are stored after they are all made, so the first carries the rendering time:"
  echo
  echo "| file | p50 ms | p95 ms |"
  echo "| --- | ---: | ---: |"
  awk '$1 == "BENCH_FILE" { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } print "| " v["name"] " | " v["p50_ms"] " | " v["p95_ms"] " |" }' "$B"
  echo
  echo "Nothing else was in flight: each photo was uploaded after the files of the one before were made. Times of files"
  echo "are their modification times (each is written beside its name and moved into place; the file system stamps them to
the kernel's tick, a few ms). On demand: $(num "$(field "$D" bytes)") bytes,"
  echo "the photos of the phases before in turn, ${ON_DEMAND_WARMUP} untimed try first; the time is the client's, from sending the GET to"
  echo "the last byte (the photo's lookup, reading the 2.8 MB upload, decoding to the widest rendition, resizing, encoding, storing, sending)."
  echo "CPU: background phase service ${R[background.cpu_service]} cores over ${R[background.seconds]} s, other work ${R[background.cpu_other]};"
  echo "on-demand phase service ${R[on-demand.cpu_service]}, other work ${R[on-demand.cpu_other]}."
  echo
  echo "## Rendition GET next to the article GET"
  echo
  echo "Medians of $ROUNDS rounds (each round: rendition, article, 304, one after the other; same client, same settings):"
  echo
  echo "| GET | req/s | p50 ms | p99 ms | bytes a response (body) | service CPU ms a request |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: |"
  echo "| /media/{id}/$RENDITION | $(num "$(median_of rendition rate)") | $(median_of rendition lat_p50_ms) | $(median_of rendition lat_p99_ms) | $(num "$(median_of rendition bytes_each)") ($(num "$RENDITION_BODY_BYTES")) | $(median_of rendition ms_service %.3f) |"
  echo "| /api/v1/articles/{slug} | $(num "$(median_of article rate)") | $(median_of article lat_p50_ms) | $(median_of article lat_p99_ms) | $(num "$(median_of article bytes_each)") ($(num "$ARTICLE_BODY_BYTES")) | $(median_of article ms_service %.3f) |"
  echo "| /media/{id}/$RENDITION, If-None-Match → 304 | $(num "$(median_of notmodified rate)") | $(median_of notmodified lat_p50_ms) | $(median_of notmodified lat_p99_ms) | $(num "$(median_of notmodified bytes_each)") (0) | $(median_of notmodified ms_service %.3f) |"
  echo
  echo "Every run:"
  echo
  echo "| phase | req/s | p50 ms | p99 ms | max ms | bytes a response | service CPU (cores) | PostgreSQL CPU | wrk CPU | other work | machine busy |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  for p in "${READ_PHASES[@]}"; do
    echo "| $p | $(num "${R[$p.rate]}") | ${R[$p.lat_p50_ms]} | ${R[$p.lat_p99_ms]} | ${R[$p.lat_max_ms]} | $(num "${R[$p.bytes_each]}") | ${R[$p.cpu_service]} | ${R[$p.cpu_postgres]} | ${R[$p.cpu_client]} | ${R[$p.cpu_other]} | ${R[$p.busy]}% |"
  done
  echo
  echo "The rendition is read from the media folder on every request (the photo looked up in the service's memory after its first request, then the file"
  echo "streamed; no output cache: \`$RENDITION_CACHE_CONTROL\` lets browsers and CDNs keep it instead). The article is"
  echo "answered from the delivery output cache, as in production. The 304 does the same lookup and sends no body."
  echo "Bytes a response are whole answers as wrk read them (status line, headers, body); bodies in brackets. No"
  echo "compression (wrk sends no Accept-Encoding). CPU columns are averages over the measured run in cores (this machine"
  echo "has $NPROC); other work is the machine's busy time less the service, PostgreSQL and wrk: other processes sharing the CPUs."
  echo
  echo "## Machine and settings"
  echo
  echo "- machine: $NPROC CPUs ($CPU_MODEL), $MEM_TOTAL RAM, Linux $(uname -r); the clients, the service and PostgreSQL share it"
  echo "- machine busy (all CPUs, over 5 s) before: $QUIET_ROWS$( ((QUIET_WAIT > 0)) && echo "; QUIET_WAIT=$QUIET_WAIT s in all for under $QUIET_BUSY %, $QUIET_WAITED s used")"
  echo "- load average (1, 5, 15 min) before measuring $LOAD_START, at the end $LOAD_END (it counts libvips's threads too)"
  echo "- other work on the machine during the phases, cores: uploads ${R[uploads.cpu_other]}, background ${R[background.cpu_other]}, on-demand ${R[on-demand.cpu_other]}$(for p in "${READ_PHASES[@]}"; do printf ', %s %s' "$p" "${R[$p.cpu_other]}"; done)"
  echo "- service: commit $GIT_COMMIT, $GIT_STATE; Release publish, ASP.NET Core $DOTNET_RUNTIME, ASPNETCORE_ENVIRONMENT=Production,"
  echo "  Logging:LogLevel:Default=Warning; Media settings at their defaults but LocalPath (an empty folder): local store,"
  echo "  MaxConcurrentRenders 0 (one per processor: $NPROC), MaxUploadBytes 20 MB, MaxPixels 50 M; libvips's own threads at its default (one per CPU)"
  echo "- imaging: NetVips ${NETVIPS_VERSION:-?}, NetVips.Native.linux-x64 ${NETVIPS_NATIVE:-?}: $LIBVIPS_LINE"
  echo "- PostgreSQL $PG_VERSION$( ((PRIVATE_CLUSTER)) && echo " (the private cluster of deploy/local-postgres.sh, fsync off)")"
  echo "- uploads: UPLOADS=$UPLOADS UPLOAD_CONCURRENCY=$UPLOAD_CONCURRENCY UPLOAD_WARMUP=$UPLOAD_WARMUP (Node.js $NODE_VERSION fetch, multipart with file, alt, caption, credit); BACKGROUND_PHOTOS=$BACKGROUND_PHOTOS;"
  echo "  ON_DEMAND_TRIES=$ON_DEMAND_TRIES ON_DEMAND_WARMUP=$ON_DEMAND_WARMUP ON_DEMAND_FILE=$ON_DEMAND_FILE"
  echo "- reads: $WRK_VERSION -t$THREADS -c$CONNECTIONS, -d${DURATION}s after a ${WARMUP}-s warm-up, $ROUNDS rounds, --timeout 10s; keep-alive HTTP/1.1"
  echo "- media folder at the end: ${MEDIA_FOLDER_SIZE:-?} for $((UPLOADED + BG_PHOTOS + ${UPLOAD_WARMED:-0})) photos; service RSS at the end ${SERVER_RSS:-?} (peak ${SERVER_HWM:-?})"
  echo "- service log entries at warn or above: ${SERVER_WARNINGS:-0}; run took $SECONDS s (build $BUILD_SECONDS s), measuring from $MEASURE_START"
  if [[ -n "$SERVER_WARNING_LINES" ]]; then
    echo
    echo '```'
    printf '%s\n' "$SERVER_WARNING_LINES"
    echo '```'
  fi
} >"$REPORT"

mkdir -p "$RESULTS_DIR"
RESULT_FILE="$RESULTS_DIR/media-$(date -u +%Y%m%d-%H%M%S).md"
cp "$REPORT" "$RESULT_FILE"
echo
cat "$REPORT"
echo
log "report written to $RESULT_FILE"

if [[ "$CHECK_FAIL" -ne 0 ]]; then
  log "a check FAILED"
  exit 1
fi
log "every check passed"
