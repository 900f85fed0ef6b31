# shellcheck shell=bash
# Helpers the benchmark scripts of deploy/bench share, sourced by them. Before sourcing, a script sets BENCH_NAME
# (its file name, the prefix of its messages) and REPO_ROOT; IS_ROOT, PG_* and BENCH_DB are read when a helper runs.

# A progress message on stderr, with the time.
log() { printf '[%s %s] %s\n' "$BENCH_NAME" "$(date +%H:%M:%S)" "$*" >&2; }
# A setup error: the message on stderr, exit code 2.
die() { printf '[%s] error: %s\n' "$BENCH_NAME" "$*" >&2; exit 2; }

# Installs Debian packages without a prompt, apt-get's output on stderr.
apt_install() {
  log "installing Debian package(s) $*"
  apt-get update -q </dev/null >&2 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" </dev/null >&2
}

# Makes sure a command exists: installs its package as root with apt-get, otherwise stops with how to install it.
need_tool() { # command, Debian package
  command -v "$1" >/dev/null 2>&1 && return 0
  if [[ "$IS_ROOT" -eq 1 ]] && command -v apt-get >/dev/null 2>&1; then
    apt_install "$2"
  else
    die "$1 is not installed; install it (sudo apt-get install $2) and run again"
  fi
}

# Sets ADMIN_CS (ConnectionStrings__KhoaGiao, else deploy/local-postgres.sh), PG_* and CS_PARTS (all but Database).
connect_postgres() {
  if [[ -n "${ConnectionStrings__KhoaGiao:-}" ]]; then
    ADMIN_CS="$ConnectionStrings__KhoaGiao"
    log "using the PostgreSQL server of ConnectionStrings__KhoaGiao"
  else
    log "provisioning the private PostgreSQL cluster (deploy/local-postgres.sh)"
    ADMIN_CS="$(bash "$REPO_ROOT/deploy/local-postgres.sh" </dev/null)" || die "deploy/local-postgres.sh failed"
  fi

  PG_HOST=127.0.0.1 PG_PORT=5432 PG_USER="" PG_PASSWORD="" PG_DATABASE=postgres
  CS_PARTS=()
  local _parts part key value
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
}

# Runs psql on one database of that server, stopping at the first error.
psql_on() { # database, psql arguments...
  local db="$1"
  shift
  PGPASSWORD="$PG_PASSWORD" PGCONNECT_TIMEOUT=10 psql -X -q -v ON_ERROR_STOP=1 \
    -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$db" "$@" </dev/null
}
# psql on the database of the connection string (where the bench databases are created and dropped).
psql_admin() { psql_on "$PG_DATABASE" "$@"; }
# psql on the bench database.
psql_bench() { psql_on "$BENCH_DB" "$@"; }

# Prints that many random bytes as lowercase hex.
random_hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }

# Says whether src/ is as committed, for the report.
git_state() {
  local dirty
  dirty="$(git -C "$REPO_ROOT" status --porcelain -- src 2>/dev/null | wc -l | tr -d ' ')"
  [[ "$dirty" == 0 ]] && echo "clean" || echo "$dirty uncommitted path(s) under src/ (measured as in the working tree)"
}

# Succeeds when nothing listens on that port of 127.0.0.1.
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# Prints the first free port from the one given up to 99 above; fails when none is.
free_port() { # first port to try
  local p
  for ((p = $1; p < $1 + 100; p++)); do
    if port_free "$p"; then
      echo "$p"
      return 0
    fi
  done
  return 1
}
