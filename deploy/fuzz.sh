#!/usr/bin/env bash
# Runs the OpenAPI fuzz test alone, longer than the test command does: 2,000 generated requests per operation
# instead of 200 (tests/KhoaGiao.Api.Tests/Contract/OpenApiFuzzTests.cs).
#
#   deploy/fuzz.sh
#
# Environment:
#   KHOAGIAO_TEST_POSTGRES     superuser connection string of a PostgreSQL server for the test (it creates and
#                              drops its own database on it); when unset, the private cluster of
#                              deploy/local-postgres.sh is provisioned and used
#   KHOAGIAO_PG_PORT           port of that private cluster (default 55432)
#   KHOAGIAO_FUZZ_ITERATIONS   requests per operation (default here 2000)
#   KHOAGIAO_FUZZ_OPERATIONS   comma-separated operation ids to fuzz (default: every operation)
#
# Every response must be one the committed OpenAPI document declares: no 5xx, a declared status and content type,
# a body matching the declared schema. Findings are listed together, grouped by operation, with example requests.
# The TRX result goes to <repo>/.local/fuzz-results. The last line printed is
#   N passed, N failed
# and the exit code is dotnet test's (non-zero when the fuzz test failed or did not build).
# Needs no TTY and no stdin.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd -P)"
RESULTS_DIR="$REPO_ROOT/.local/fuzz-results"

export DOTNET_CLI_TELEMETRY_OPTOUT="${DOTNET_CLI_TELEMETRY_OPTOUT:-1}"
export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}"
# No MSBuild worker nodes left behind after the run.
export MSBUILDDISABLENODEREUSE="${MSBUILDDISABLENODEREUSE:-1}"
export KHOAGIAO_FUZZ_ITERATIONS="${KHOAGIAO_FUZZ_ITERATIONS:-2000}"

if [[ -z "${KHOAGIAO_TEST_POSTGRES:-}" ]]; then
  if ! KHOAGIAO_TEST_POSTGRES="$(bash "$SCRIPT_DIR/local-postgres.sh" </dev/null)"; then
    echo "fuzz.sh: could not provision PostgreSQL for the test (see above); set KHOAGIAO_TEST_POSTGRES to use an existing server." >&2
    echo "0 passed, 1 failed"
    exit 1
  fi
fi
export KHOAGIAO_TEST_POSTGRES

rm -rf "$RESULTS_DIR"
mkdir -p "$RESULTS_DIR"

echo "fuzz.sh: ${KHOAGIAO_FUZZ_ITERATIONS} requests per operation${KHOAGIAO_FUZZ_OPERATIONS:+ (only $KHOAGIAO_FUZZ_OPERATIONS)}" >&2
start=$SECONDS
set +e
dotnet test "$REPO_ROOT/tests/KhoaGiao.Api.Tests/KhoaGiao.Api.Tests.csproj" -c Release \
  --filter "FullyQualifiedName~KhoaGiao.Api.Tests.Contract.OpenApiFuzzTests" \
  --logger "trx;LogFilePrefix=fuzz" \
  --logger "console;verbosity=detailed" \
  --results-directory "$RESULTS_DIR" </dev/null
rc=$?
set -e
echo "fuzz.sh: finished in $(( SECONDS - start )) s" >&2

# The <Counters .../> element of the TRX file, as deploy/test.sh reads it: executed, passed, failed.
counters="$(find "$RESULTS_DIR" -type f -name '*.trx' -print0 | xargs -0 -r cat | tr -d '\r' | tr '\n' ' ' \
  | grep -o '<Counters[[:space:]][^>]*>' | head -n 1 || true)"
count() { sed -n "s/.*[[:space:]]$1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
passed="$(count passed)"
failed="$(count failed)"

if [[ -z "$counters" || "${passed:-0}" -eq 0 && "${failed:-0}" -eq 0 ]]; then
  echo "fuzz.sh: the fuzz test did not run (build failure?); exit code $rc." >&2
  echo "0 passed, 1 failed"
  exit $(( rc != 0 ? rc : 1 ))
fi

echo "${passed:-0} passed, ${failed:-0} failed"
exit $(( rc != 0 ? rc : (failed > 0 ? 1 : 0) ))
