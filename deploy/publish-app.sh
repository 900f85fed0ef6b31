#!/usr/bin/env bash
# Builds KhoaGiao.Api (Release) into <repo>/.local/run/app for deploy/run.sh and deploy/import.sh, and prints that
# directory. The build is made again only when a source file, a project or package setting or global.json is newer
# than the last one, so a second start takes seconds, not a build. Progress goes to stderr.
#
#   app_dir="$(bash deploy/publish-app.sh)"
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd -P)"
APP_DIR="$REPO_ROOT/.local/run/app"
STAMP="$REPO_ROOT/.local/run/built"

export DOTNET_CLI_TELEMETRY_OPTOUT="${DOTNET_CLI_TELEMETRY_OPTOUT:-1}"
export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}"

changed() {
  [[ ! -f "$STAMP" || ! -f "$APP_DIR/KhoaGiao.Api.dll" ]] && return 0
  [[ -n "$(cd "$REPO_ROOT" && find src Directory.Build.props Directory.Packages.props global.json \
      \( -name bin -o -name obj \) -prune -o -type f -newer "$STAMP" -print -quit)" ]]
}
if changed; then
  echo "Building (Release)…" >&2
  mkdir -p "$REPO_ROOT/.local/run"
  touch "$STAMP.next"
  dotnet publish "$REPO_ROOT/src/KhoaGiao.Api" -c Release -o "$APP_DIR" -nologo -v q -p:UseSharedCompilation=false >&2
  mv "$STAMP.next" "$STAMP"
fi
echo "$APP_DIR"
