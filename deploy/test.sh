#!/usr/bin/env bash
# Builds and runs the whole test suite of KhoaGiao.Api.
#
#   deploy/test.sh
#
# Environment:
#   KHOAGIAO_TEST_POSTGRES  superuser connection string of a PostgreSQL server for the
#                           tests (they create and drop their own databases on it);
#                           when unset, the private cluster of deploy/local-postgres.sh
#                           is provisioned and used
#   KHOAGIAO_PG_PORT        port of that private cluster (default 55432)
#   KHOAGIAO_TEST_S3        an S3-compatible bucket for the S3 media store's tests
#                           (ServiceUrl=…;Bucket=…;AccessKey=…;SecretKey=…); when unset, the tests
#                           start the emulator of deploy/s3-emulator.sh themselves, and stop it at the
#                           end if they started it; without npm those tests are skipped
#   KHOAGIAO_S3_PORT        port of that emulator (default 59000)
#
# Before the tests it prepares the Node side of the contract tests in tests/clients (Node.js 20 or later with npm;
# the script stops with "0 passed, 1 failed" without them): `npm ci` when node_modules is missing or older than
# package-lock.json, then `npm run build`, which generates TypeScript types from openapi/khoagiao.v1.json and compiles
# the strict client against them. A compile error is reported and fails Contract/TypeScriptClientTests.
#
# After the tests it audits the packages for known vulnerabilities (dotnet list package --vulnerable
# --include-transitive); a vulnerable package counts as one failure, and a NuGet source without advisory
# data is named rather than passed silently.
# The TRX results go to <repo>/.local/test-results. The last line printed is
#   N passed, N failed            (or: N passed, N failed, N skipped)
# and the exit code is dotnet test's (non-zero when anything failed).
# Needs no TTY and no stdin.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd -P)"
SOLUTION="$REPO_ROOT/KhoaGiao.Api.sln"
RESULTS_DIR="$REPO_ROOT/.local/test-results"

export DOTNET_CLI_TELEMETRY_OPTOUT="${DOTNET_CLI_TELEMETRY_OPTOUT:-1}"
export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}"
# No MSBuild worker nodes left behind after the run.
export MSBUILDDISABLENODEREUSE="${MSBUILDDISABLENODEREUSE:-1}"

if [[ -z "${KHOAGIAO_TEST_POSTGRES:-}" ]]; then
  if ! KHOAGIAO_TEST_POSTGRES="$(bash "$SCRIPT_DIR/local-postgres.sh" </dev/null)"; then
    echo "test.sh: could not provision PostgreSQL for the tests (see above); set KHOAGIAO_TEST_POSTGRES to use an existing server." >&2
    echo "0 passed, 1 failed"
    exit 1
  fi
fi
export KHOAGIAO_TEST_POSTGRES

CLIENTS_DIR="$REPO_ROOT/tests/clients"
node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null </dev/null || true)"
if ! command -v npm >/dev/null 2>&1 || [[ ! "$node_major" =~ ^[0-9]+$ ]] || (( node_major < 20 )); then
  echo "test.sh: the contract tests in tests/clients need Node.js 20 or later with npm on PATH (found: node ${node_major:-none}, npm $(command -v npm >/dev/null 2>&1 && echo present || echo none)). Install them, then run this again." >&2
  echo "0 passed, 1 failed"
  exit 1
fi
if [[ ! -f "$CLIENTS_DIR/node_modules/.package-lock.json" \
      || "$CLIENTS_DIR/package-lock.json" -nt "$CLIENTS_DIR/node_modules/.package-lock.json" ]]; then
  # No package needs an install script (the only one, @scarf/scarf, is usage telemetry).
  if ! (cd "$CLIENTS_DIR" && npm ci --ignore-scripts --no-audit --no-fund </dev/null); then
    echo "test.sh: npm ci in tests/clients failed (see above); the contract tests need its packages from the npm registry." >&2
    echo "0 passed, 1 failed"
    exit 1
  fi
fi
if ! (cd "$CLIENTS_DIR" && npm run build </dev/null); then
  echo "test.sh: the strict TypeScript client in tests/clients does not compile against openapi/khoagiao.v1.json (see the errors above); Contract/TypeScriptClientTests will fail." >&2
fi

rm -rf "$RESULTS_DIR"
mkdir -p "$RESULTS_DIR"

set +e
dotnet test "$SOLUTION" -c Release \
  --logger "trx;LogFilePrefix=results" \
  --logger "console;verbosity=normal" \
  --results-directory "$RESULTS_DIR" </dev/null
rc=$?
set -e

# Sums the <Counters .../> element of every TRX file (one per test project and
# framework). Its attributes are: total executed passed failed error timeout
# aborted inconclusive passedButRunAborted notRunnable notExecuted disconnected
# warning completed inProgress pending. A skipped test (outcome NotExecuted)
# counts in total but not in executed, while notExecuted may stay 0 (seen with
# both xunit and NUnit), so skipped = total - executed (or notExecuted if larger),
# plus inconclusive. Failed = failed + error + timeout + aborted + notRunnable.
# Prints: <number of TRX files> <passed> <failed> <skipped>
summarise_trx() {
  find "$RESULTS_DIR" -type f -name '*.trx' -print0 |
    while IFS= read -r -d '' trx; do
      # Put the element on one line whatever the file's line breaks.
      tr -d '\r' <"$trx" | tr '\n' ' ' | grep -o '<Counters[[:space:]][^>]*>' | head -n 1 || true
    done |
    awk '
      {
        files++
        for (i = 1; i <= NF; i++) {
          if (match($i, /^[A-Za-z]+="[0-9]+"/)) {
            kv = substr($i, RSTART, RLENGTH)
            eq = index(kv, "=")
            c[substr(kv, 1, eq - 1)] += substr(kv, eq + 2, RLENGTH - eq - 2)
          }
        }
      }
      END {
        passed = c["passed"] + 0
        failed = c["failed"] + c["error"] + c["timeout"] + c["aborted"] + c["notRunnable"]
        skipped = c["total"] - c["executed"]
        if (c["notExecuted"] > skipped) skipped = c["notExecuted"]
        skipped += c["inconclusive"]
        printf "%d %d %d %d\n", files, passed, failed, skipped
      }'
}

read -r trx_files passed failed skipped < <(summarise_trx)

# Known-vulnerable packages, direct or transitive, from the NuGet sources' advisory data. A source that publishes
# none (no VulnerabilityInfo resource in its service index) is named, so "no vulnerable packages" is never claimed
# on no data. A vulnerable package counts as one failure.
audit_packages() {
  local out sources source index
  if ! out="$(dotnet list "$SOLUTION" package --vulnerable --include-transitive </dev/null 2>&1)"; then
    echo "test.sh: vulnerability audit: dotnet list package failed:" >&2
    echo "$out" >&2
    return 1
  fi
  sources="$(sed -n 's/^ *\(https\?:\/\/[^ ]*\)$/\1/p' <<<"$out")"
  for source in $sources; do
    index="$(curl -fsS --max-time 20 "$source" 2>/dev/null || true)"
    if ! grep -q '"VulnerabilityInfo' <<<"$index"; then
      echo "test.sh: vulnerability audit: no vulnerability data from $source; packages not checked against advisories there." >&2
    fi
  done
  if grep -q 'has the following vulnerable packages' <<<"$out"; then
    echo "test.sh: vulnerability audit: vulnerable packages:" >&2
    echo "$out" >&2
    return 1
  fi
  echo "test.sh: vulnerability audit: no known-vulnerable package (direct or transitive) in the advisory data available." >&2
}

if ! audit_packages; then
  failed=$(( failed + 1 ))
  rc=$(( rc != 0 ? rc : 1 ))
fi

if [[ "$trx_files" -eq 0 ]]; then
  echo "test.sh: dotnet test produced no TRX results (build failure?); exit code $rc." >&2
  echo "0 passed, 1 failed"
  exit $(( rc != 0 ? rc : 1 ))
fi

if [[ "$rc" -ne 0 && "$failed" -eq 0 ]]; then
  # Some project did not build or its test host crashed: count that as a failure.
  echo "test.sh: dotnet test exited with code $rc although no test in the TRX results failed (build error or crashed test host?); counting 1 failure." >&2
  failed=1
elif [[ "$rc" -eq 0 && "$failed" -gt 0 ]]; then
  rc=1
fi

if [[ "$skipped" -gt 0 ]]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
exit "$rc"
