#!/usr/bin/env bash
# Scale-out benchmark of KhoaGiao.Api: two instances behind a local nginx, the article GET and the hit beacon,
# exactness of the counters (also across instances), and the overhead of the proxy.
#
#   deploy/bench/scale-out.sh
#
# What it does (everything on 127.0.0.1, bounded in time, no stdin needed, no containers):
#   1. installs nginx and wrk with apt-get when missing (as root; otherwise asks you to). The system's nginx
#      service is never started, stopped or reloaded: the script runs an nginx process of its own
#      (nginx -p <temporary prefix> -c <generated config>, daemon off, pid, logs, cache and temporary files in the
#      temporary directory, listening on 127.0.0.1 only). When it installs the package it keeps the package from
#      starting the service (a temporary /usr/sbin/policy-rc.d when there is none); on a machine with systemd the
#      package still enables the service for the next boot;
#   2. provisions the private PostgreSQL of deploy/local-postgres.sh (or uses the server of
#      ConnectionStrings__KhoaGiao), creates a fresh database khoagiao_bench_<random> on it and drops it at exit;
#      migrates it with `dotnet KhoaGiao.Api.dll migrate`, as a deployment does (the instances do not migrate);
#   3. publishes src/KhoaGiao.Api once (Release; build outputs in a temporary directory, not in src/) and starts two
#      instances of it, A and B, on free ports (from BENCH_PORT), Production, one random bootstrap admin key, the same
#      Counters__VisitorHashKey; nginx forwards from loopback, which the service always trusts for X-Forwarded-For;
#   4. generates the nginx config from deploy/nginx/nginx.conf (the config of deploy/compose.yaml): the same
#      upstream, proxy and caching directives, with these changes only: the upstream's servers are A and B on
#      loopback (round-robin, no resolver), the server block listens on 127.0.0.1:<PROXY_PORT> ("cached") and is
#      repeated on a second port with `proxy_cache off` ("uncached", the proxy without its cache), the cache and
#      temporary files live in the temporary directory, and the access log is a buffered file naming the upstream
#      that answered each request (for the A/B split in the report) instead of stdout;
#   5. creates and publishes ARTICLES articles through A's management API (each publish sends back the create
#      response's ETag as If-Match, which article writes require);
#   6. runs wrk phases with deploy/bench/hits.lua (the client of deploy/bench/hits.sh), each DURATION s:
#        warm-up          hits and article GET together through the uncached proxy (both instances), WARMUP s
#        article-direct   GET /api/v1/articles/{slug} straight to A            (one instance, the baseline)
#        article-proxy    the same through nginx without its cache              (two instances + the proxy)
#        article-cached   the same through nginx with its cache                 (nginx answers from its cache)
#        hits-direct      POST /api/v1/hits straight to A                       (one instance)
#        hits-proxy       POST /api/v1/hits through nginx                       (two instances + the proxy)
#        mixed            hits and article GET together through nginx with its cache (two wrk processes)
#      every hit has a new visitor id and one published article (see hits.lua);
#   7. exactness: after each phase that sends hits, waits for the flushes and checks that the database holds exactly
#      one view and one visit per 202 answered (article_view_totals, article_view_days, daily_visits, visitor_days,
#      visitor_activity), as hits.sh does; then the cross-instance dedupe check, in two rounds of CROSS_VISITORS new
#      visitors each, all viewing one article, straight to the instances (not through nginx):
#        together   each visitor's view sent to A and at once to B (milliseconds apart: mostly both instances hold
#                   it before either flushes, and their flushes race)
#        after      each visitor's view sent to A; once A has flushed, the same views sent to B
#      after each round every counter must have risen by exactly CROSS_VISITORS, the article's total views too;
#   8. prints the results and writes them to deploy/bench/results/scale-out-<UTC date>.md: req/s and latency p50/p99
#      per phase, two instances through the proxy ÷ one instance direct, the proxy's overhead (uncached proxy vs
#      direct: rate, latency, nginx CPU per request), CPU per process and the machine's busy share (/proc/stat),
#      the A/B split from nginx's log, and the exactness results.
# Exit code: 0 when every exactness check passes, 1 when one fails, 2 on a setup error. Throughput is reported, not
# judged: on a 2-core machine the two instances share the cores with PostgreSQL, nginx and wrk.
#
# Environment:
#   DURATION        seconds of each measured wrk phase (default 15)
#   TAIL            seconds at the end of a phase not measured: hits are no longer sent then, so every hit sent is
#                   answered before wrk stops (default 2; the measured window is DURATION - TAIL)
#   WARMUP          seconds of the warm-up phase (default 5)
#   THREADS         wrk threads per wrk process (default 2)
#   CONNECTIONS     wrk connections per wrk process (default 64)
#   ARTICLES        articles to create and publish (default 50)
#   CROSS_VISITORS  visitors in each round of the cross-instance dedupe check (default 200)
#   BENCH_PORT      first port to try for the two instances (default 5399)
#   PROXY_PORT      first port to try for nginx's two servers, cached and uncached (default 8399)
#   UPSTREAM_KEEPALIVE  idle connections to the instances each nginx worker keeps (default: the upstream's
#                   keepalive in deploy/nginx/nginx.conf, 256); for trying another value before changing that file
#   FLUSH_TIMEOUT   most seconds to wait for the counters to reach the database (default 30)
#   RESULTS_DIR     where the markdown report goes (default deploy/bench/results)
#   BENCH_KEEP      1: keep the temporary directory (build, logs, nginx config, wrk outputs) and the database
#   TMPDIR          where the temporary directory is made (default /tmp)
#   ConnectionStrings__KhoaGiao  a PostgreSQL server to use instead of the private cluster; its user must be
#                   allowed to create databases
#   KHOAGIAO_PG_PORT port of the private cluster (default 55432)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd -P)"
PROJECT_DIR="$REPO_ROOT/src/KhoaGiao.Api"
LUA_SCRIPT="$SCRIPT_DIR/hits.lua"
NGINX_TEMPLATE="$REPO_ROOT/deploy/nginx/nginx.conf"

DURATION="${DURATION:-15}"
TAIL="${TAIL:-2}"
WARMUP="${WARMUP:-5}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-64}"
ARTICLES="${ARTICLES:-50}"
CROSS_VISITORS="${CROSS_VISITORS:-200}"
BENCH_PORT="${BENCH_PORT:-5399}"
PROXY_PORT="${PROXY_PORT:-8399}"
UPSTREAM_KEEPALIVE="${UPSTREAM_KEEPALIVE:-}"
FLUSH_TIMEOUT="${FLUSH_TIMEOUT:-30}"
RESULTS_DIR="${RESULTS_DIR:-$SCRIPT_DIR/results}"
BENCH_KEEP="${BENCH_KEEP:-0}"
USER_AGENT="Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36"

export DOTNET_CLI_TELEMETRY_OPTOUT="${DOTNET_CLI_TELEMETRY_OPTOUT:-1}"
export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}"
export MSBUILDDISABLENODEREUSE="${MSBUILDDISABLENODEREUSE:-1}"

log() { printf '[scale-out.sh %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '[scale-out.sh] error: %s\n' "$*" >&2; exit 2; }

for var in DURATION TAIL WARMUP THREADS CONNECTIONS ARTICLES CROSS_VISITORS BENCH_PORT PROXY_PORT FLUSH_TIMEOUT; do
  [[ "${!var}" =~ ^[0-9]+$ ]] || die "$var must be a whole number, got '${!var}'"
done
((DURATION > TAIL)) || die "DURATION ($DURATION) must exceed TAIL ($TAIL)"
((WARMUP > TAIL)) || die "WARMUP ($WARMUP) must exceed TAIL ($TAIL)"
((THREADS >= 1 && CONNECTIONS >= THREADS)) || die "need THREADS >= 1 and CONNECTIONS >= THREADS"
((ARTICLES >= 1)) || die "ARTICLES must be at least 1"
((CROSS_VISITORS >= 1 && CROSS_VISITORS <= 100000)) || die "CROSS_VISITORS must be 1..100000"
[[ -z "$UPSTREAM_KEEPALIVE" || "$UPSTREAM_KEEPALIVE" =~ ^[1-9][0-9]*$ ]] || die "UPSTREAM_KEEPALIVE must be a positive whole number"
[[ -f "$NGINX_TEMPLATE" ]] || die "$NGINX_TEMPLATE is missing"
MEASURE=$((DURATION - TAIL))

IS_ROOT=0
[[ "$(id -u)" -eq 0 ]] && IS_ROOT=1

# --- tools ------------------------------------------------------------------------------------------

POLICY_RC_CREATED=0
apt_install() {
  log "installing Debian package(s) $*"
  # A package that ships a service starts it on install; this benchmark runs its own nginx and leaves the
  # system's alone. policy-rc.d answering 101 is Debian's way of saying "do not start services now".
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\n# Written by deploy/bench/scale-out.sh for one apt-get run; removed after it.\nexit 101\n' \
      >/usr/sbin/policy-rc.d
    chmod 0755 /usr/sbin/policy-rc.d
    POLICY_RC_CREATED=1
  fi
  local rc=0
  apt-get update -q </dev/null >&2 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" </dev/null >&2 || rc=$?
  if [[ "$POLICY_RC_CREATED" -eq 1 ]]; then
    rm -f /usr/sbin/policy-rc.d
    POLICY_RC_CREATED=0
  fi
  return "$rc"
}

can_apt() { [[ "$IS_ROOT" -eq 1 ]] && command -v apt-get >/dev/null 2>&1; }

NGINX_BIN="$(command -v nginx 2>/dev/null || true)"
[[ -z "$NGINX_BIN" && -x /usr/sbin/nginx ]] && NGINX_BIN=/usr/sbin/nginx
if [[ -z "$NGINX_BIN" ]]; then
  if can_apt; then
    apt_install nginx || die "apt-get could not install nginx"
    NGINX_BIN="$(command -v nginx 2>/dev/null || echo /usr/sbin/nginx)"
    [[ -x "$NGINX_BIN" ]] || die "nginx is still missing after installing it"
  else
    die "nginx is not installed; install it (sudo apt-get install nginx, or nginx-light) and run again"
  fi
fi
if ! command -v wrk >/dev/null 2>&1; then
  if can_apt; then
    apt_install wrk || die "apt-get could not install wrk"
  else
    die "wrk is not installed; install it (sudo apt-get install wrk) and run again"
  fi
fi
command -v curl >/dev/null 2>&1 || die "curl is not installed (sudo apt-get install curl)"
command -v dotnet >/dev/null 2>&1 || die "the .NET SDK (dotnet) is not on PATH"

# --- state and cleanup ------------------------------------------------------------------------------

WORK="$(mktemp -d "${TMPDIR:-/tmp}/khoagiao-scale.XXXXXX")"
PID_A=""
PID_B=""
NGINX_PID=""
WRK_PIDS=()
DB_CREATED=0
BENCH_DB=""

stop_pid() { # name, pid: TERM, up to 10 s, then KILL
  local name="$1" pid="$2"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null
  for _ in $(seq 1 40); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
}

cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  [[ "$POLICY_RC_CREATED" -eq 1 ]] && rm -f /usr/sbin/policy-rc.d
  local pid
  for pid in "${WRK_PIDS[@]}"; do
    # The subshell, its 'timeout' (which passes the signal on to wrk): only what start_wrk started.
    if kill -0 "$pid" 2>/dev/null; then
      pkill -TERM -P "$pid" 2>/dev/null
      kill "$pid" 2>/dev/null
    fi
  done
  # nginx's master stops its own workers on TERM.
  stop_pid nginx "$NGINX_PID"
  stop_pid "instance A" "$PID_A"
  stop_pid "instance B" "$PID_B"
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

if ! command -v psql >/dev/null 2>&1; then
  if can_apt; then
    apt_install postgresql-client || die "apt-get could not install postgresql-client"
  else
    die "psql is not installed (sudo apt-get install postgresql-client)"
  fi
fi

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

# --- build, migrate, start both instances -----------------------------------------------------------

git_state() {
  local dirty
  dirty="$(git -C "$REPO_ROOT" status --porcelain -- src 2>/dev/null | wc -l | tr -d ' ')"
  [[ "$dirty" == 0 ]] && echo "clean" || echo "$dirty uncommitted path(s) under src/ (measured as in the working tree)"
}
GIT_COMMIT="$(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
GIT_STATE="$(git_state)"

log "publishing $PROJECT_DIR (Release) into $WORK/app"
if ! timeout 900 dotnet publish "$PROJECT_DIR" -c Release -o "$WORK/app" --artifacts-path "$WORK/artifacts" \
    -nologo -v q </dev/null >"$WORK/publish.log" 2>&1; then
  tail -n 40 "$WORK/publish.log" >&2
  die "dotnet publish failed (log above)"
fi

ADMIN_KEY="bench-$(random_hex 24)"
# Management writes: two per article, plus a margin, within the management rate limit (counted per instance).
MANAGEMENT_RPM=600
((2 * ARTICLES + 20 > MANAGEMENT_RPM)) && MANAGEMENT_RPM=$((2 * ARTICLES + 20))

service_env() {
  export ASPNETCORE_ENVIRONMENT=Production
  export ConnectionStrings__KhoaGiao="$BENCH_CS"
  export Database__MigrateOnStartup=false
  export Database__SeedDemoContent=false
  export Security__BootstrapAdminKey="$ADMIN_KEY"
  export Counters__VisitorHashKey=bench
  export Logging__LogLevel__Default=Warning
  export Http__ManagementRequestsPerMinute="$MANAGEMENT_RPM"
}

log "migrating $BENCH_DB (dotnet KhoaGiao.Api.dll migrate)"
if ! (cd "$WORK/app" && service_env && exec timeout 300 dotnet KhoaGiao.Api.dll migrate) \
    </dev/null >"$WORK/migrate.log" 2>&1; then
  tail -n 40 "$WORK/migrate.log" >&2
  die "dotnet KhoaGiao.Api.dll migrate failed (log above)"
fi

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
USED_PORTS=" "
free_port() { # first port from $1 (100 tried) that is free and not taken by this script yet
  local p
  for ((p = $1; p < $1 + 100; p++)); do
    if [[ "$USED_PORTS" != *" $p "* ]] && port_free "$p"; then
      printf '%s' "$p"
      return 0
    fi
  done
  return 1
}
take_port() { # variable, first port
  local p
  p="$(free_port "$2")" || die "no free port in $2..$(($2 + 99))"
  USED_PORTS+="$p "
  printf -v "$1" '%s' "$p"
}
take_port PORT_A "$BENCH_PORT"
take_port PORT_B "$((PORT_A + 1))"
take_port PROXY_CACHED_PORT "$PROXY_PORT"
take_port PROXY_UNCACHED_PORT "$((PROXY_CACHED_PORT + 1))"
URL_A="http://127.0.0.1:$PORT_A"
URL_B="http://127.0.0.1:$PORT_B"
URL_CACHED="http://127.0.0.1:$PROXY_CACHED_PORT"
URL_UNCACHED="http://127.0.0.1:$PROXY_UNCACHED_PORT"

start_service() { # name, URL; sets LAST_PID
  local name="$1" url="$2"
  log "starting instance $name on $url (Production)"
  (
    cd "$WORK/app"
    service_env
    export ASPNETCORE_URLS="$url"
    exec dotnet KhoaGiao.Api.dll
  ) </dev/null >"$WORK/server-$name.log" 2>&1 &
  LAST_PID=$!
}

wait_ready() { # name, pid, URL, log file
  local name="$1" pid="$2" url="$3" logfile="$4"
  for _ in $(seq 1 240); do
    kill -0 "$pid" 2>/dev/null || { tail -n 40 "$logfile" >&2; die "$name exited during start-up (log above)"; }
    if [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url/health/ready" || true)" == 200 ]]; then
      log "$name ready (pid $pid)"
      return 0
    fi
    sleep 0.5
  done
  tail -n 40 "$logfile" >&2
  die "$name was not ready on $url within 120 s"
}

start_service A "$URL_A"
PID_A="$LAST_PID"
start_service B "$URL_B"
PID_B="$LAST_PID"
wait_ready "instance A" "$PID_A" "$URL_A" "$WORK/server-A.log"
wait_ready "instance B" "$PID_B" "$URL_B" "$WORK/server-B.log"

# --- nginx --------------------------------------------------------------------------------------------

NGINX_DIR="$WORK/nginx"
mkdir -p "$NGINX_DIR/cache" "$NGINX_DIR/temp"
NGINX_CONF="$NGINX_DIR/nginx.conf"
NGINX_USER_LINE=""
if [[ "$IS_ROOT" -eq 1 ]]; then
  # A master started by root runs its workers as an unprivileged user; they write the cache and temporary files.
  NGINX_USER_LINE="user nobody nogroup;"
  getent group nogroup >/dev/null 2>&1 || NGINX_USER_LINE="user nobody;"
  chmod 0755 "$WORK"
  chown -R nobody "$NGINX_DIR"
fi

# Derived from deploy/nginx/nginx.conf line by line, so the benchmark follows that file's proxy and caching rules.
# Every line that must change is matched exactly; if the file no longer has one, the script stops rather than
# measuring some other config.
awk -v a="127.0.0.1:$PORT_A" -v b="127.0.0.1:$PORT_B" -v cached="$PROXY_CACHED_PORT" \
    -v uncached="$PROXY_UNCACHED_PORT" -v dir="$NGINX_DIR" -v user_line="$NGINX_USER_LINE" -v keepalive="$UPSTREAM_KEEPALIVE" '
  function need(name) { if (!(name in seen)) { print "scale-out.sh: deploy/nginx/nginx.conf has no " name > "/dev/stderr"; bad = 1 } }
  BEGIN {
    print "# Generated by deploy/bench/scale-out.sh from deploy/nginx/nginx.conf: loopback upstreams, a second server"
    print "# without the proxy cache, files in the benchmark'"'"'s temporary directory. Lines marked [bench] differ."
  }
  /^worker_processes / {
    print; seen["worker_processes"] = 1
    print "daemon off;                                            # [bench] a child of the script"
    print "pid " dir "/nginx.pid;                                 # [bench]"
    print "error_log " dir "/error.log warn;                     # [bench]"
    if (user_line != "") print user_line "                   # [bench]"
    next
  }
  /^ *access_log \/dev\/stdout combined;$/ {
    seen["access_log"] = 1
    print "    log_format bench \"$server_port $upstream_addr $upstream_cache_status $status $request_time $upstream_response_time $upstream_connect_time\";   # [bench]"
    print "    access_log " dir "/access.log bench buffer=64k flush=1s;                       # [bench]"
    print "    client_body_temp_path " dir "/temp/body;   # [bench]"
    print "    proxy_temp_path " dir "/temp/proxy;        # [bench]"
    print "    fastcgi_temp_path " dir "/temp/fastcgi;    # [bench]"
    print "    uwsgi_temp_path " dir "/temp/uwsgi;        # [bench]"
    print "    scgi_temp_path " dir "/temp/scgi;          # [bench]"
    next
  }
  /^ *error_log \/dev\/stderr warn;$/ { seen["error_log"] = 1; print "    error_log " dir "/error.log warn;   # [bench]"; next }
  /^ *resolver / { seen["resolver"] = 1; print "    # [bench] no resolver: the upstreams are loopback addresses"; next }
  /^ *server api-1:8080 resolve;$/ { seen["api-1"] = 1; print "        server " a ";   # [bench] instance A"; next }
  /^ *server api-2:8080 resolve;$/ { seen["api-2"] = 1; print "        server " b ";   # [bench] instance B"; next }
  /^ *keepalive [0-9]+;$/ && keepalive != "" { print "        keepalive " keepalive ";   # [bench] UPSTREAM_KEEPALIVE"; next }
  /server .*:8080/ { print "scale-out.sh: unexpected upstream server line: " $0 > "/dev/stderr"; bad = 1; next }
  /^ *proxy_cache_path \/var\/cache\/nginx\/khoagiao / {
    seen["proxy_cache_path"] = 1
    sub(/\/var\/cache\/nginx\/khoagiao/, dir "/cache"); print; next
  }
  /^    server \{$/ { in_server = 1; n = 0; seen["server"] = 1 }
  in_server {
    block[++n] = $0
    if ($0 ~ /^    \}$/) {
      in_server = 0
      for (i = 1; i <= n; i++) {
        line = block[i]
        if (line ~ /^ *listen 80;$/) { seen["listen"] = 1; line = "        listen 127.0.0.1:" cached ";   # [bench] cached" }
        print line
      }
      print ""
      print "    # [bench] the same server without the proxy cache: the proxy'"'"'s own overhead."
      for (i = 1; i <= n; i++) {
        line = block[i]
        if (line ~ /^ *listen 80;$/) line = "        listen 127.0.0.1:" uncached ";   # [bench] uncached"
        if (line ~ /^ *proxy_cache khoagiao_delivery;$/) { seen["proxy_cache"] = 1; line = "            proxy_cache off;   # [bench]" }
        print line
      }
    }
    next
  }
  { print }
  END {
    need("worker_processes"); need("access_log"); need("error_log"); need("resolver"); need("api-1"); need("api-2")
    need("proxy_cache_path"); need("server"); need("listen"); need("proxy_cache")
    exit bad
  }' "$NGINX_TEMPLATE" >"$NGINX_CONF" || die "could not derive the nginx config from $NGINX_TEMPLATE (see above)"

NGINX_VERSION="$("$NGINX_BIN" -v 2>&1 | sed 's/^nginx version: //')"
"$NGINX_BIN" -t -q -p "$NGINX_DIR" -e "$NGINX_DIR/error.log" -c "$NGINX_CONF" </dev/null >"$NGINX_DIR/test.log" 2>&1 ||
  { cat "$NGINX_DIR/test.log" "$NGINX_DIR/error.log" >&2 2>/dev/null; die "nginx -t rejected $NGINX_CONF (above)"; }
log "starting nginx ($NGINX_VERSION): cached $URL_CACHED, uncached $URL_UNCACHED"
"$NGINX_BIN" -p "$NGINX_DIR" -e "$NGINX_DIR/error.log" -c "$NGINX_CONF" </dev/null >"$NGINX_DIR/stdout.log" 2>&1 &
NGINX_PID=$!
wait_ready nginx "$NGINX_PID" "$URL_CACHED" "$NGINX_DIR/error.log"
wait_ready "nginx (uncached server)" "$NGINX_PID" "$URL_UNCACHED" "$NGINX_DIR/error.log"

# --- articles ---------------------------------------------------------------------------------------

ARTICLE_BODY="<p>Bài viết dùng để đo hiệu năng khi chạy nhiều phiên bản của cổng thông tin khoa giáo.</p>"
for _ in 1 2 3 4 5 6 7 8 9 10 11 12; do
  ARTICLE_BODY+="<p>Hội nghị đánh giá kết quả công tác khoa giáo, phổ biến kiến thức khoa học và công nghệ đến cán bộ, đảng viên và nhân dân trong tỉnh.</p>"
done

# POSTs JSON ($2, may be empty) to A's $1 with the admin key, and If-Match: $4 when given; prints the body, fails
# unless the status is $3. The response headers are left in $WORK/admin-response.headers.
admin_post() {
  local url="$1" data="$2" want="$3" if_match="${4:-}" out code
  out="$WORK/admin-response.json"
  local args=(-sS --max-time 15 -o "$out" -D "$WORK/admin-response.headers" -w '%{http_code}' -X POST "$URL_A$url"
    -H "Authorization: ApiKey $ADMIN_KEY")
  [[ -n "$data" ]] && args+=(-H 'Content-Type: application/json' --data-binary "$data")
  [[ -n "$if_match" ]] && args+=(-H "If-Match: $if_match")
  code="$(curl "${args[@]}" </dev/null)" || die "POST $url failed"
  [[ "$code" == "$want" ]] || { cat "$out" >&2; echo >&2; die "POST $url answered $code, expected $want"; }
  cat "$out"
}

response_etag() {
  sed -n 's/^[Ee][Tt][Aa][Gg]: *\(.*[^[:space:]]\)[[:space:]]*$/\1/p' "$WORK/admin-response.headers" | tail -n 1
}

log "creating and publishing $ARTICLES articles through A"
IDS_FILE="$WORK/article-ids.txt"
: >"$IDS_FILE"
SLUG=""
for ((i = 1; i <= ARTICLES; i++)); do
  body="$(admin_post /api/v1/admin/articles \
    "{\"title\":\"Bài đo nhiều phiên bản số $i\",\"summary\":\"Bài viết số $i của phép đo nhiều phiên bản.\",\"body\":\"$ARTICLE_BODY\"}" 201)"
  id="" slug=""
  [[ "$body" =~ ^\{\"id\":\"([0-9a-fA-F-]+)\" ]] && id="${BASH_REMATCH[1]}"
  [[ "$body" =~ \"slug\":\"([a-z0-9-]+)\" ]] && slug="${BASH_REMATCH[1]}"
  [[ -n "$id" && -n "$slug" ]] || die "could not read id and slug from: $body"
  etag="$(response_etag)"
  [[ -n "$etag" ]] || die "POST /api/v1/admin/articles answered no ETag header (needed as If-Match to publish)"
  admin_post "/api/v1/admin/articles/$id/publish" "" 200 "$etag" >/dev/null
  printf '%s\n' "$id" >>"$IDS_FILE"
  [[ -z "$SLUG" ]] && SLUG="$slug"
done
CROSS_ARTICLE="$(head -n 1 "$IDS_FILE")"
for url in "$URL_A" "$URL_B" "$URL_UNCACHED" "$URL_CACHED"; do
  code="$(curl -s -o "$WORK/article.json" -w '%{http_code}' --max-time 10 -A "$USER_AGENT" "$url/api/v1/articles/$SLUG" </dev/null || true)"
  [[ "$code" == 200 ]] || die "GET $url/api/v1/articles/$SLUG answered $code"
done
ARTICLE_BYTES="$(wc -c <"$WORK/article.json" | tr -d ' ')"
log "published $ARTICLES articles; article GET uses /api/v1/articles/$SLUG ($ARTICLE_BYTES bytes)"

# --- measuring --------------------------------------------------------------------------------------

CLK_TCK="$(getconf CLK_TCK)"

# The PostgreSQL server's CPU: its postmaster (the process listening on PG_PORT here) and the postmaster's children.
# Other clusters on a shared machine are left out; when the listener cannot be found (a remote server, no ss),
# every process named postgres on the machine is counted, as hits.sh does.
PG_POSTMASTER=""
if [[ "$PG_HOST" == 127.0.0.1 || "$PG_HOST" == localhost ]] && command -v ss >/dev/null 2>&1; then
  PG_POSTMASTER="$(ss -Hltnp "sport = :$PG_PORT" 2>/dev/null | sed -n 's/.*"postgres",pid=\([0-9]*\).*/\1/p' | head -n 1)"
fi
if [[ -n "$PG_POSTMASTER" ]]; then
  PG_CPU_SCOPE="the server on port $PG_PORT (postmaster pid $PG_POSTMASTER and its children)"
else
  PG_CPU_SCOPE="every process named postgres on the machine"
fi

# Prints: wall busy-ticks total-ticks A-ticks B-ticks nginx-ticks (master and workers) postgres-ticks tcp-opens
cpu_sample() {
  local wall machine a b rest opens
  wall="$(date +%s.%N)"
  # TCP connections this machine opened (connect() calls, Tcp ActiveOpens): wrk's, nginx's to the upstreams, the
  # instances' to PostgreSQL. A proxy that does not keep its upstream connections opens one per request.
  opens="$(awk '/^Tcp:/ { if (++n == 2) print $6 }' /proc/net/snmp)"
  machine="$(awk '/^cpu / { t = 0; for (i = 2; i <= 9; i++) t += $i; print t - $5 - $6, t; exit }' /proc/stat)"
  a="$(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$PID_A/stat" 2>/dev/null || echo 0)"
  b="$(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$PID_B/stat" 2>/dev/null || echo 0)"
  # nginx: its master and the master's children; PostgreSQL: see PG_CPU_SCOPE.
  rest="$({ cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v np="$NGINX_PID" -v pm="$PG_POSTMASTER" '
    { pid = $1; name = $2; s = $0; sub(/^.*\) /, "", s); split(s, f, " ")
      if (pid == np || f[2] == np) n += f[12] + f[13]
      if (pm != "" ? (pid == pm || f[2] == pm) : name == "(postgres)") p += f[12] + f[13] }
    END { print n + 0, p + 0 }')"
  printf '%s %s %s %s %s %s\n' "$wall" "$machine" "$a" "$b" "$rest" "$opens"
}

declare -A R # results, keyed "<phase>.<field>"

# CPU between two cpu_sample lines ($2, $3) under phase $1, in cores, plus wrk's CPU seconds ($4).
record_cpu() {
  local phase="$1" before="$2" after="$3" wrk_cpu="$4" w0 b0 t0 a0 bb0 n0 p0 o0 w1 b1 t1 a1 bb1 n1 p1 o1
  read -r w0 b0 t0 a0 bb0 n0 p0 o0 <<<"$before"
  read -r w1 b1 t1 a1 bb1 n1 p1 o1 <<<"$after"
  R[$phase.connects]=$((o1 - o0))
  cores() { awk -v d="$1" -v hz="$CLK_TCK" -v w0="$w0" -v w1="$w1" 'BEGIN { printf "%.2f", d / hz / (w1 - w0) }'; }
  R[$phase.seconds]="$(awk -v w0="$w0" -v w1="$w1" 'BEGIN { printf "%.3f", w1 - w0 }')"
  R[$phase.busy]="$(awk -v b="$((b1 - b0))" -v t="$((t1 - t0))" 'BEGIN { r = 0; if (t > 0) r = 100 * b / t; printf "%.0f", r }')"
  R[$phase.cpu_a]="$(cores $((a1 - a0)))"
  R[$phase.cpu_b]="$(cores $((bb1 - bb0)))"
  R[$phase.cpu_nginx]="$(cores $((n1 - n0)))"
  R[$phase.cpu_postgres]="$(cores $((p1 - p0)))"
  R[$phase.cpu_wrk]="$(awk -v c="$wrk_cpu" -v w0="$w0" -v w1="$w1" 'BEGIN { printf "%.2f", c / (w1 - w0) }')"
  # CPU seconds, for the per-request figures.
  R[$phase.sec_nginx]="$(awk -v d="$((n1 - n0))" -v hz="$CLK_TCK" 'BEGIN { printf "%.4f", d / hz }')"
  R[$phase.sec_service]="$(awk -v d="$((a1 - a0 + bb1 - bb0))" -v hz="$CLK_TCK" 'BEGIN { printf "%.4f", d / hz }')"
}

field() { sed -n "s/^BENCH_RESULT .* $2=\([^ ]*\).*/\1/p" "$1" | head -n 1; }

# nginx's access log is buffered (flushed every second); the A/B split of a phase is read once it has been written.
ACCESS_LOG="$NGINX_DIR/access.log"
log_lines() { if [[ -f "$ACCESS_LOG" ]]; then wc -l <"$ACCESS_LOG" | tr -d ' '; else echo 0; fi; }

# Requests of access-log lines $2+1..$3 under phase $1: answered by A, by B, from the cache (no upstream), other;
# and those nginx took over 100 ms to answer, and of them the ones whose upstream took over 100 ms.
record_split() {
  local phase="$1" from="$2" to="$3" via_a via_b via_cache via_other slow slow_upstream
  read -r via_a via_b via_cache via_other slow slow_upstream < <(
    sed -n "$((from + 1)),${to}p" "$ACCESS_LOG" | awk -v a="127.0.0.1:$PORT_A" -v b="127.0.0.1:$PORT_B" '
      $5 > 0.1 { ns++; if ($6 != "-" && $6 > 0.1) nu++ }
      $2 == a { na++; next } $2 == b { nb++; next } $2 == "-" { nc++; next } { no++ }
      END { print na + 0, nb + 0, nc + 0, no + 0, ns + 0, nu + 0 }')
  R[$phase.via_a]="$via_a" R[$phase.via_b]="$via_b" R[$phase.via_cache]="$via_cache" R[$phase.via_other]="$via_other"
  R[$phase.slow]="$slow" R[$phase.slow_upstream]="$slow_upstream"
}

# Starts wrk in the background with hits.lua: name, URL, mode, phase number, seconds. Sets LAST_WRK_PID.
start_wrk() {
  local name="$1" url="$2" mode="$3" phase="$4" seconds="$5"
  (
    export BENCH_MODE="$mode" BENCH_PHASE="$phase" BENCH_MEASURE="$((seconds - TAIL))" BENCH_RATE=""
    export BENCH_THREADS="$THREADS" BENCH_IDS_FILE="$IDS_FILE" BENCH_SLUG="$SLUG" BENCH_UA="$USER_AGENT"
    # The hit client's tail GETs through nginx's cached server: one URL each, so none waits behind another's answer.
    export BENCH_TAIL_UNIQUE=1
    TIMEFORMAT='%U %S'
    { time timeout "$((seconds + 60))" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --timeout 10s \
        --latency -s "$LUA_SCRIPT" "$url" </dev/null >"$WORK/wrk-$name.txt" 2>&1; } 2>"$WORK/time-$name.txt"
  ) &
  LAST_WRK_PID=$!
  WRK_PIDS+=("$LAST_WRK_PID")
}

finish_wrk() {
  local name="$1" pid="$2"
  wait "$pid" || { cat "$WORK/wrk-$name.txt" >&2; die "wrk ($name) failed (output above)"; }
  grep -q '^BENCH_RESULT ' "$WORK/wrk-$name.txt" || { cat "$WORK/wrk-$name.txt" >&2; die "wrk ($name) printed no BENCH_RESULT line"; }
}

wrk_cpu_seconds() { awk '{ printf "%.3f", $1 + $2 }' "$WORK/time-$1.txt"; }

store_fields() {
  local phase="$1" f
  for f in sent answered unanswered ok in_window rate s200 s202 s400 s404 s429 s503 s5xx sother tail_sent tail_ok \
      wrk_requests err_connect err_read err_write err_timeout lat_p50_ms lat_p99_ms lat_max_ms; do
    R[$phase.$f]="$(field "$WORK/wrk-$phase.txt" "$f")"
  done
}

# One phase: name, number, seconds, then one or more "mode@URL" clients run together (one wrk process each).
# A client's results are stored under "<name>" (one client) or "<name>-<mode>" (several); CPU and the A/B split
# under "<name>".
run_phase() {
  local phase="$1" number="$2" seconds="$3" before after lines_before spec mode url name pids=() names=() wrk_cpu=0
  shift 3
  log "phase $phase: $* for ${seconds}s (each -t$THREADS -c$CONNECTIONS)"
  lines_before="$(log_lines)"
  before="$(cpu_sample)"
  for spec in "$@"; do
    mode="${spec%%@*}" url="${spec#*@}"
    name="$phase"
    (($# > 1)) && name="$phase-$mode"
    start_wrk "$name" "$url" "$mode" "$number" "$seconds"
    pids+=("$LAST_WRK_PID")
    names+=("$name")
  done
  for i in "${!pids[@]}"; do
    finish_wrk "${names[$i]}" "${pids[$i]}"
  done
  after="$(cpu_sample)"
  for name in "${names[@]}"; do
    store_fields "$name"
    wrk_cpu="$(awk -v a="$wrk_cpu" -v b="$(wrk_cpu_seconds "$name")" 'BEGIN { print a + b }')"
  done
  record_cpu "$phase" "$before" "$after" "$wrk_cpu"
  sleep 1.5 # nginx's log buffer
  record_split "$phase" "$lines_before" "$(log_lines)"
}

# --- exactness --------------------------------------------------------------------------------------

TOTALS_SQL="SELECT
  (SELECT coalesce(sum(views), 0) FROM article_view_totals),
  (SELECT coalesce(sum(views), 0) FROM article_view_days),
  (SELECT coalesce(sum(visits), 0) FROM daily_visits),
  (SELECT count(*) FROM visitor_days),
  (SELECT count(*) FROM visitor_activity),
  (SELECT count(*) FROM counter_flushes)"
CHECK_NAMES=("sum(article_view_totals.views)" "sum(article_view_days.views)" "sum(daily_visits.visits)" \
  "count(visitor_days)" "count(visitor_activity)")

EXACT_FAIL=0
EXACT_ROWS=""
exact_row() { # label, check, expected, actual
  local status=PASS
  [[ "$3" == "$4" ]] || { status=FAIL; EXACT_FAIL=1; }
  EXACT_ROWS+="| $1 | $2 | $3 | $4 | $(($4 - $3)) | $status |"$'\n'
}

# Waits until the counters in the database stop changing (at least 3 s, then unchanged for 3 s, at most FLUSH_TIMEOUT
# s); leaves them in TOTALS (the query's columns, space-separated).
wait_flushed() {
  local start now previous="" stable_since
  start="$(date +%s.%N)"
  stable_since="$start"
  while :; do
    TOTALS="$(psql_bench -At -F' ' -c "$TOTALS_SQL")" || die "could not query $BENCH_DB"
    now="$(date +%s.%N)"
    if [[ "$TOTALS" != "$previous" ]]; then
      previous="$TOTALS"
      stable_since="$now"
    fi
    awk -v s="$start" -v q="$stable_since" -v n="$now" -v max="$FLUSH_TIMEOUT" \
      'BEGIN { exit !((n - s >= 3 && n - q >= 3) || n - s >= max) }' && break
    sleep 0.5
  done
}

# Compares every counter with $2 (the 202s answered so far) once flushed. Label $1.
verify() {
  local label="$1" expected="$2" values i
  wait_flushed
  read -r -a values <<<"$TOTALS"
  log "after $label: database $TOTALS (expected $expected each; last is flush batches)"
  for i in 0 1 2 3 4; do
    exact_row "$label" "${CHECK_NAMES[$i]}" "$expected" "${values[$i]}"
  done
  R[$label.flushes]="${values[5]}"
}

check_answered() {
  exact_row "$1" "hits sent but not answered (wrk cut)" 0 "${R[$1.unanswered]}"
}

article_views() {
  psql_bench -At -c "SELECT coalesce((SELECT views FROM article_view_totals WHERE article_id = '$CROSS_ARTICLE'), 0)"
}

# Sends one hit per visitor of round $1 (visitor ids made from it) to the URLs $2..., each visitor to every URL in
# turn, in one curl process (keep-alive). Counts the answers by status into CROSS_STATUS.
cross_send() {
  local round="$1" label="$2" config="$WORK/cross-$1-$RANDOM.curl" v url visitor first=1
  shift 2
  for ((v = 1; v <= CROSS_VISITORS; v++)); do
    printf -v visitor 'ffff%04x-0000-4000-8000-%012x' "$round" "$v"
    for url in "$@"; do
      # "next" separates operations; one after the last would start an operation with no URL.
      ((first)) || printf 'next\n'
      first=0
      printf 'url = "%s/api/v1/hits"\nrequest = "POST"\nheader = "Content-Type: application/json"\n' "$url"
      printf 'user-agent = "%s"\n' "$USER_AGENT"
      printf 'data-binary = "{\\"visitorId\\":\\"%s\\",\\"articleId\\":\\"%s\\",\\"path\\":\\"/bench/cross\\"}"\n' \
        "$visitor" "$CROSS_ARTICLE"
      printf 'silent\nshow-error\nmax-time = 10\noutput = "/dev/null"\nwrite-out = "%%{http_code}\\n"\n'
    done
  done >"$config"
  CROSS_STATUS="$(timeout 120 curl -K "$config" </dev/null | sort | uniq -c | awk '{ printf "%s%s: %s", sep, $2, $1; sep = ", " }')" ||
    die "curl failed sending the cross-instance hits"
  R[cross-$round.statuses]="${R[cross-$round.statuses]:+${R[cross-$round.statuses]}; }$label $CROSS_STATUS"
  [[ "$CROSS_STATUS" == "202: $((CROSS_VISITORS * $#))" ]] || {
    EXACT_FAIL=1
    log "cross-instance round $round: expected $((CROSS_VISITORS * $#)) answers 202, got $CROSS_STATUS"
  }
}

# Cross-instance dedupe, round $1 ("together" or "after"). Every visitor is new: each counter must rise by exactly
# CROSS_VISITORS, and so must the article's total views.
cross_check() {
  local label="$1" round="$2" views_before views_after
  wait_flushed
  views_before="$(article_views)"
  if [[ "$label" == together ]]; then
    log "cross-instance check ($label): $CROSS_VISITORS visitors, each to A and at once to B"
    cross_send "$round" "A and B:" "$URL_A" "$URL_B"
  else
    log "cross-instance check ($label): $CROSS_VISITORS visitors to A; after A's flush, the same to B"
    cross_send "$round" "A:" "$URL_A"
    wait_flushed
    cross_send "$round" "then B:" "$URL_B"
  fi
  EXPECTED=$((EXPECTED + CROSS_VISITORS))
  verify "cross-$label" "$EXPECTED"
  views_after="$(article_views)"
  exact_row "cross-$label" "views of the article: after - before" "$CROSS_VISITORS" $((views_after - views_before))
}

# --- the run ----------------------------------------------------------------------------------------

START_TIME="$(date -u +%Y-%m-%dT%H:%M:%SZ)"

run_phase warmup 1 "$WARMUP" "article@$URL_UNCACHED" "hits@$URL_UNCACHED"
check_answered warmup-hits
EXPECTED="${R[warmup-hits.s202]}"
verify warmup "$EXPECTED"

run_phase article-direct 2 "$DURATION" "article@$URL_A"
sleep 1
run_phase article-proxy 3 "$DURATION" "article@$URL_UNCACHED"
sleep 1
run_phase article-cached 4 "$DURATION" "article@$URL_CACHED"
sleep 1
run_phase hits-direct 5 "$DURATION" "hits@$URL_A"
check_answered hits-direct
EXPECTED=$((EXPECTED + ${R[hits-direct.s202]}))
verify hits-direct "$EXPECTED"
run_phase hits-proxy 6 "$DURATION" "hits@$URL_CACHED"
check_answered hits-proxy
EXPECTED=$((EXPECTED + ${R[hits-proxy.s202]}))
verify hits-proxy "$EXPECTED"
run_phase mixed 7 "$DURATION" "article@$URL_CACHED" "hits@$URL_CACHED"
check_answered mixed-hits
EXPECTED=$((EXPECTED + ${R[mixed-hits.s202]}))
verify mixed "$EXPECTED"

cross_check together 1
cross_check after 2

for name in A B; do
  pid_var="PID_$name"
  pid="${!pid_var}"
  if kill -0 "$pid" 2>/dev/null; then
    R[$name.rss]="$(awk '/^VmRSS/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$pid/status" 2>/dev/null || true)"
    R[$name.hwm]="$(awk '/^VmHWM/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$pid/status" 2>/dev/null || true)"
  else
    EXACT_FAIL=1
    log "instance $name died during the run"
  fi
  R[$name.warnings]="$(grep -c -E '^(warn|fail|crit):' "$WORK/server-$name.log" || true)"
  # Distinct warnings: the "level: Category[event]" line and the first line of the message, with counts.
  R[$name.warning_lines]="$(awk '
    function emit() { if (head != "") print head " — " msg; head = "" }
    /^(info|warn|fail|crit|dbug|trce):/ { emit(); if ($0 ~ /^(warn|fail|crit):/) { head = $0; msg = ""; n = 0 }; next }
    head != "" && n < 1 { sub(/^ +/, ""); msg = $0; n++ }
    END { emit() }' "$WORK/server-$name.log" | sort | uniq -c | sort -rn | head -n 5)"
done
kill -0 "$NGINX_PID" 2>/dev/null || { EXACT_FAIL=1; log "nginx died during the run"; }
NGINX_ERRORS="$(grep -c -E '\[(error|crit|alert|emerg)\]' "$NGINX_DIR/error.log" 2>/dev/null || true)"

# --- report -----------------------------------------------------------------------------------------

num() { awk -v a="$1" 'BEGIN { printf "%.0f", a }'; }
pct() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0) printf "%.1f%%", 100 * a / b; else printf "n/a" }'; }
diff_ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.3f", a - b }'; }
# Microseconds of CPU per request: CPU seconds $1 over every request wrk completed in the phase ($2).
us_per() { awk -v s="$1" -v n="$2" 'BEGIN { if (n + 0 > 0) printf "%.0f", 1e6 * s / n; else printf "n/a" }'; }

status_line() {
  local p="$1" s="" k
  for k in s200 s202 s400 s404 s429 s503 s5xx sother; do
    [[ "${R[$p.$k]:-0}" != 0 ]] && s+="${k#s}: ${R[$p.$k]}, "
  done
  s+="socket errors c/r/w/t: ${R[$p.err_connect]}/${R[$p.err_read]}/${R[$p.err_write]}/${R[$p.err_timeout]}"
  printf '%s' "$s"
}

split_line() {
  local p="$1"
  if [[ "$p" == *-direct ]]; then
    printf 'A only (no proxy)'
  else
    printf 'A %s / B %s / cache %s%s; over 100 ms: %s (upstream over 100 ms: %s)' "${R[$p.via_a]}" "${R[$p.via_b]}" \
      "${R[$p.via_cache]}" "$([[ "${R[$p.via_other]}" != 0 ]] && printf ' / other %s' "${R[$p.via_other]}")" \
      "${R[$p.slow]}" "${R[$p.slow_upstream]}"
  fi
}

CPU_MODEL="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
MEM_TOTAL="$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
DOTNET_SDK="$(dotnet --version 2>/dev/null)"
ASPNET_RUNTIME="$(dotnet --list-runtimes 2>/dev/null | awk '$1 == "Microsoft.AspNetCore.App" { v = $2 } END { print v }')"
WRK_VERSION="$({ wrk -v 2>&1 || true; } | head -n 1 | awk '{ print $1, $2 }')"

if [[ "$EXACT_FAIL" -eq 0 ]]; then VERDICT="PASS"; else VERDICT="FAIL"; fi
RD=article-direct RP=article-proxy RC=article-cached HD=hits-direct HP=hits-proxy

REPORT="$WORK/report.md"
{
  echo "# Scale-out benchmark — $START_TIME"
  echo
  echo "Exactness: **$VERDICT** (counters equal to the 202s answered; cross-instance views counted once)."
  echo "Produced by \`deploy/bench/scale-out.sh\`. On this $(nproc)-CPU machine both instances, nginx, PostgreSQL"
  echo "and wrk share the same cores: the run measures correctness and the proxy's overhead, not scaling."
  echo
  echo "## Phases"
  echo
  echo "| phase | path | req/s in window | p50 ms | p99 ms | max ms | statuses | answered by | A CPU | B CPU | nginx CPU | PostgreSQL CPU | wrk CPU | machine busy | TCP connects |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  row() { # label, result key, CPU/split key
    echo "| $1 | $4 | $(num "${R[$2.rate]}") | ${R[$2.lat_p50_ms]} | ${R[$2.lat_p99_ms]} | ${R[$2.lat_max_ms]} | $(status_line "$2") | $(split_line "$3") | ${R[$3.cpu_a]} | ${R[$3.cpu_b]} | ${R[$3.cpu_nginx]} | ${R[$3.cpu_postgres]} | ${R[$3.cpu_wrk]} | ${R[$3.busy]}% | ${R[$3.connects]} |"
  }
  row "article GET" "$RD" "$RD" "direct to A"
  row "article GET" "$RP" "$RP" "nginx, no proxy cache"
  row "article GET" "$RC" "$RC" "nginx, proxy cache"
  row "hits" "$HD" "$HD" "direct to A"
  row "hits" "$HP" "$HP" "nginx"
  row "mixed: article GET" mixed-article mixed "nginx, proxy cache"
  row "mixed: hits" mixed-hits mixed "nginx"
  row "warm-up: article GET" warmup-article warmup "nginx, no proxy cache"
  row "warm-up: hits" warmup-hits warmup "nginx, no proxy cache"
  echo
  echo "Rates count the responses of the measured kind (2xx for the article, 202 for hits) received in each wrk"
  echo "thread's first $MEASURE s of the ${DURATION}-s phase; in the last $TAIL s the hit client sends GET /health/live instead,"
  echo "so every hit sent is answered before wrk stops. Latencies are wrk's histogram over the whole phase. CPU"
  echo "columns are average cores over the phase (nginx: master and workers; PostgreSQL: $PG_CPU_SCOPE);"
  echo "in the mixed and warm-up phases they cover both wrk processes together. \"Answered by\" counts nginx's"
  echo "log lines of the phase (the hit client's tail GETs included): the upstream that answered, or its cache; and how"
  echo "many nginx took over 100 ms to answer, and of those, how many waited over 100 ms for the instance."
  echo "\"TCP connects\" is the machine's Tcp ActiveOpens over the phase (wrk's connections, nginx's to the instances,"
  echo "the instances' to PostgreSQL): with upstream keep-alive working it stays near wrk's $CONNECTIONS per process."
  echo
  echo "## Two instances through the proxy vs one instance direct"
  echo
  echo "| measure | value |"
  echo "| --- | ---: |"
  echo "| article GET: two instances through nginx (no proxy cache) ÷ A direct, req/s | $(pct "${R[$RP.rate]}" "${R[$RD.rate]}") |"
  echo "| article GET: through nginx with its cache ÷ A direct, req/s | $(pct "${R[$RC.rate]}" "${R[$RD.rate]}") |"
  echo "| hits: two instances through nginx ÷ A direct, hits/s | $(pct "${R[$HP.rate]}" "${R[$HD.rate]}") |"
  echo
  echo "## Overhead of the proxy"
  echo
  echo "| measure | article GET | hits |"
  echo "| --- | ---: | ---: |"
  echo "| p50 through nginx − p50 direct, ms | $(diff_ms "${R[$RP.lat_p50_ms]}" "${R[$RD.lat_p50_ms]}") | $(diff_ms "${R[$HP.lat_p50_ms]}" "${R[$HD.lat_p50_ms]}") |"
  echo "| p99 through nginx − p99 direct, ms | $(diff_ms "${R[$RP.lat_p99_ms]}" "${R[$RD.lat_p99_ms]}") | $(diff_ms "${R[$HP.lat_p99_ms]}" "${R[$HD.lat_p99_ms]}") |"
  echo "| nginx CPU per request through it, µs | $(us_per "${R[$RP.sec_nginx]}" "${R[$RP.wrk_requests]}") | $(us_per "${R[$HP.sec_nginx]}" "${R[$HP.wrk_requests]}") |"
  echo "| service CPU per request, direct (A), µs | $(us_per "${R[$RD.sec_service]}" "${R[$RD.wrk_requests]}") | $(us_per "${R[$HD.sec_service]}" "${R[$HD.wrk_requests]}") |"
  echo "| service CPU per request through nginx (A + B), µs | $(us_per "${R[$RP.sec_service]}" "${R[$RP.wrk_requests]}") | $(us_per "${R[$HP.sec_service]}" "${R[$HP.wrk_requests]}") |"
  echo "| nginx CPU per request from its cache, µs | $(us_per "${R[$RC.sec_nginx]}" "${R[$RC.wrk_requests]}") | — |"
  echo
  echo "The uncached rows isolate the proxy: the same requests, every one forwarded to an instance (\`proxy_cache off\`"
  echo "on a second server, the config otherwise that of deploy/compose.yaml). Per-request CPU divides the phase's CPU"
  echo "seconds by every request wrk completed in it (its tail included). On a saturated machine nginx's CPU is"
  echo "taken from the instances, so the req/s ratio shows the proxy's cost plus the instances' extra scheduling, not"
  echo "what a second machine would add."
  echo
  echo "## Exactness"
  echo
  echo "| after | check | expected | database | difference | |"
  echo "| --- | --- | ---: | ---: | ---: | --- |"
  printf '%s' "$EXACT_ROWS"
  echo
  echo "Counts are cumulative over the phases that send hits (warm-up, hits direct, hits through nginx, mixed) and the"
  echo "cross-instance rounds. Every wrk hit has a new visitor id and one published article, so each 202 adds one view"
  echo "and one visit. Cross-instance rounds: $CROSS_VISITORS new visitors each, all viewing one article, sent straight to the"
  echo "instances: \"together\", each visitor to A and at once to B, milliseconds apart (mostly before either flushes);"
  echo "\"after\", to A, then once A has flushed the same visitors to B (B's memory has not seen them: only the database"
  echo "dedupes). Each"
  echo "visitor must count one view and one visit. Answers by status: together, ${R[cross-1.statuses]}; after, ${R[cross-2.statuses]}."
  echo "Flush batches written in all: ${R[cross-after.flushes]}."
  echo
  echo "## Setup"
  echo
  echo "- machine: $(nproc) CPUs ($CPU_MODEL), $MEM_TOTAL RAM, Linux $(uname -r); wrk, both instances, nginx and PostgreSQL share it"
  echo "- .NET SDK $DOTNET_SDK, ASP.NET Core runtime $ASPNET_RUNTIME; PostgreSQL $PG_VERSION (fsync off on the private cluster); $NGINX_VERSION"
  echo "- $WRK_VERSION with deploy/bench/hits.lua: -t$THREADS -c$CONNECTIONS per process, -d${DURATION}s (measured $MEASURE s), warm-up ${WARMUP}s, --timeout 10s; keep-alive HTTP/1.1, no compression"
  echo "- service: commit $GIT_COMMIT, $GIT_STATE; Release publish, migrated by \`dotnet KhoaGiao.Api.dll migrate\`; two instances,"
  echo "  ASPNETCORE_ENVIRONMENT=Production, Logging:LogLevel:Default=Warning, same Counters:VisitorHashKey, Counters settings"
  echo "  otherwise at their defaults (flush every 1000 ms), fresh database"
  echo "- nginx: deploy/nginx/nginx.conf with loopback upstreams (round-robin, upstream keepalive $(awk '/^ *keepalive [0-9]+;/ { print $2 + 0; exit }' "$NGINX_CONF")${UPSTREAM_KEEPALIVE:+ from UPSTREAM_KEEPALIVE}), worker_processes auto, the"
  echo "  cached server as in compose and a copy with \`proxy_cache off\`; access log buffered to a file"
  echo "- $ARTICLES published articles; hits round-robin over them; the article GET reads /api/v1/articles/$SLUG ($ARTICLE_BYTES bytes)"
  echo "- instances after the run: A RSS ${R[A.rss]:-?} (peak ${R[A.hwm]:-?}), ${R[A.warnings]:-0} log entries at warn or above; B RSS ${R[B.rss]:-?} (peak ${R[B.hwm]:-?}), ${R[B.warnings]:-0}; nginx error-log entries at error or above: ${NGINX_ERRORS:-0}"
  for name in A B; do
    if [[ -n "${R[$name.warning_lines]}" ]]; then
      echo
      echo "Instance $name, log entries at warn or above:"
      echo
      echo '```'
      printf '%s\n' "${R[$name.warning_lines]}"
      echo '```'
    fi
  done
} >"$REPORT"

mkdir -p "$RESULTS_DIR"
RESULT_FILE="$RESULTS_DIR/scale-out-$(date -u +%Y%m%d-%H%M%S).md"
cp "$REPORT" "$RESULT_FILE"
echo
cat "$REPORT"
echo
log "report written to $RESULT_FILE"

if [[ "$EXACT_FAIL" -ne 0 ]]; then
  log "exactness check FAILED"
  exit 1
fi
log "exactness check passed"
