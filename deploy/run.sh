#!/usr/bin/env bash
# Runs KhoaGiao.Api locally (Development environment).
#
#   deploy/run.sh
#
# Environment:
#   ConnectionStrings__KhoaGiao  database to use; when unset, a private PostgreSQL
#                                cluster is provisioned by deploy/local-postgres.sh
#   KHOAGIAO_URLS                listen URL(s) (default http://127.0.0.1:5080)
#   KHOAGIAO_PG_PORT             port of the private cluster (default 55432)
#   Media__LocalPath             folder of uploaded photos (default .local/run/media)
#
# Ctrl-C stops the service. The private cluster keeps running afterwards;
# stop it with: deploy/local-postgres.sh stop
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd -P)"
PROJECT_DIR="$REPO_ROOT/src/KhoaGiao.Api"

provisioned=0
if [[ -z "${ConnectionStrings__KhoaGiao:-}" ]]; then
  ConnectionStrings__KhoaGiao="$(bash "$SCRIPT_DIR/local-postgres.sh")"
  provisioned=1
fi
export ConnectionStrings__KhoaGiao

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
# Uploaded photos and their renditions, kept beside the private cluster rather than in the build's folder.
export Media__LocalPath="${Media__LocalPath:-$REPO_ROOT/.local/run/media}"
export ASPNETCORE_URLS="${KHOAGIAO_URLS:-http://127.0.0.1:5080}"
export DOTNET_CLI_TELEMETRY_OPTOUT="${DOTNET_CLI_TELEMETRY_OPTOUT:-1}"
export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}"

echo "KhoaGiao.Api on ${ASPNETCORE_URLS} — Swagger UI at /swagger. Ctrl-C to stop."
if [[ "$provisioned" -eq 1 ]]; then
  echo "The private PostgreSQL cluster keeps running after the service stops; stop it with: deploy/local-postgres.sh stop"
fi

# A Release build in .local/run/app, made again only when the sources changed (deploy/publish-app.sh).
APP_DIR="$(bash "$SCRIPT_DIR/publish-app.sh")"

# Start from the build's directory so the content root (appsettings*.json) is the build's.
# exec: dotnet replaces this shell, so Ctrl-C/SIGTERM go straight to it.
cd "$APP_DIR"
exec dotnet KhoaGiao.Api.dll
