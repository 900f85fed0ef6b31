#!/usr/bin/env bash
# Imports articles into KhoaGiao.Api from an RSS or Atom feed, a WordPress site or a JSON-lines file, through the same
# write path as the upsert-by-source endpoint: running it twice changes nothing, and an item edited at the source
# updates ours. A stopped import (Ctrl-C, a source that went away) resumes where it stopped when run again.
#
#   deploy/import.sh --source "Báo Hà Nam" --rss https://baohanam.com.vn/rss/chinh-tri.rss --publish
#   deploy/import.sh --source "Báo Hà Nam" --wordpress https://tintuc.example --since 2024-01-01
#   deploy/import.sh --source "Cổng cũ" --jsonl articles.jsonl --dry-run
#   deploy/import.sh --help                  every option and the exit codes
#
# Environment:
#   ConnectionStrings__KhoaGiao  database to import into; when unset, the private PostgreSQL cluster of
#                                deploy/local-postgres.sh (the one deploy/run.sh uses), provisioned if need be
#   ASPNETCORE_ENVIRONMENT       settings to read (default Development, as deploy/run.sh); Development migrates the
#                                database and seeds the demo content first, as the service does
#   KHOAGIAO_PG_PORT             port of the private cluster (default 55432)
#
# File paths are read from the directory you run it in. The last lines printed are a summary table, a line
#   imported: seen=N created=N updated=N unchanged=N failed=N skipped=N seconds=S rate=R items/s
# and each failed item's reason; the exit code is 0 when every item was imported, 1 when some failed, 2 when the
# source could not be read to its end, 64 for wrong arguments, 130 when interrupted.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"

wants_help=0
for arg in "$@"; do
  [[ "$arg" == "--help" || "$arg" == "-h" ]] && wants_help=1
done

if [[ "$wants_help" -eq 0 && -z "${ConnectionStrings__KhoaGiao:-}" ]]; then
  ConnectionStrings__KhoaGiao="$(bash "$SCRIPT_DIR/local-postgres.sh")"
fi
export ConnectionStrings__KhoaGiao="${ConnectionStrings__KhoaGiao:-}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"

APP_DIR="$(bash "$SCRIPT_DIR/publish-app.sh")"

# The build's settings (appsettings*.json) are read through the content root, while relative paths in the arguments
# keep meaning the directory the command was run in.
export ASPNETCORE_CONTENTROOT="$APP_DIR"
exec dotnet "$APP_DIR/KhoaGiao.Api.dll" import "$@"
