#!/usr/bin/env bash
# Benchmark of the two imaging libraries issue 17 may build its renditions on: NetVips (libvips) and SkiaSharp (Skia),
# each doing one upload's job on the same generated images, with correctness checks on what they make.
#
#   deploy/bench/imaging.sh
#
# What it does (no network, no database, no stdin; about a minute and a half on 2 cores, bounded by RUN_TIMEOUT):
#   1. publishes deploy/bench/imaging (Release; build outputs in a temporary directory, not in the source tree): a
#      console program pinned, through Directory.Packages.props, to NetVips 3.2.0 + NetVips.Native.linux-x64 8.18.7 and
#      SkiaSharp 4.156.1 + SkiaSharp.NativeAssets.Linux.NoDependencies 4.156.1;
#   2. generates the test images, the same bytes every run (Imaging generate, a process of its own):
#        photo.jpg     4000 × 3000 (12 MP), photo-like (gradients, texture at two scales, sensor-like noise), JPEG
#                      quality 90 4:2:0, with a hand-written Exif APP1: Orientation 6 (shown 3000 × 4000, the stored
#                      top-left corner painted red must end up top right) and a GPS block (Make "KhoaGiaoBench")
#        alpha.png     1600 × 1200 RGBA; its left quarter fully transparent over pure red
#        animated.gif  640 × 480, 2 frames: the first green, the second blue
#        photo.webp    3000 × 2000, lossy quality 85
#        bomb.png      69 bytes: IHDR declares 100,000 × 100,000, IDAT holds one 1×1 row
#        script.svg, page.jpg (HTML), shell.jpg (PHP), tiny.bmp   for the type-from-bytes table only;
#   3. runs each library of LIBRARIES in a process of its own (Imaging run <library>), so that memory and CPU do not mix:
#        bomb       the upload path on bomb.png WARMUP + RUNS times: refused from the header (> 50 MP), timed in µs,
#                   with the resident memory before and the peak during (VmHWM, reset through /proc/self/clear_refs)
#        jobs       after WARMUP untimed runs, RUNS timed runs of one upload's job: type by magic number, header only,
#                   the 50 MP limit, decode, EXIF orientation, resize to 1600/1024/640/320 (never above the upright
#                   width), encode each as WebP (quality 80) and JPEG (quality 82, 4:2:0; on white when there is alpha),
#                   all metadata stripped; for photo.jpg (every width, and 640 alone: a rendition made on demand),
#                   alpha.png, animated.gif (first frame) and photo.webp; wall clock p50/p95, CPU a run, peak RSS
#        checks     on the last run's outputs, parsed by the benchmark's own code (not the library): type and size
#                   (upright: 1600 wide is 2133 high), no Exif/XMP/ICC block, no byte of the source's Exif; decoded by
#                   the library: the red corner at the top right, white where the PNG was transparent, the GIF's
#                   first frame; the WebP renditions of the PNG keep their alpha
#        type       what the library recognises from each test file's bytes, next to the magic-number check
#   4. writes the report: deploy/bench/results/imaging-<UTC date-time>.md, and prints it.
# Exit code: 0 when every check of every library passes, 1 when one fails (or a library's process fails: its error is
# in the report), 2 on a setup error. Timings are reported, not judged.
#
# Environment:
#   RUNS          timed runs of each job (default 20; at least 1)
#   WARMUP        untimed runs before them (default 3)
#   LIBRARIES     libraries to run, in this order (default "netvips skia")
#   RUN_TIMEOUT   most seconds one library's process may take before it is stopped (default 150)
#   RESULTS_DIR   where the markdown report goes (default deploy/bench/results)
#   BENCH_KEEP    1: keep the temporary directory (build, test images, every rendition of the last runs, JSON, logs)
#   TMPDIR        where the temporary directory is made (default /tmp)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd -P)"
PROJECT_DIR="$SCRIPT_DIR/imaging"

RUNS="${RUNS:-20}"
WARMUP="${WARMUP:-3}"
LIBRARIES="${LIBRARIES:-netvips skia}"
RUN_TIMEOUT="${RUN_TIMEOUT:-150}"
RESULTS_DIR="${RESULTS_DIR:-$SCRIPT_DIR/results}"
BENCH_KEEP="${BENCH_KEEP:-0}"

export DOTNET_CLI_TELEMETRY_OPTOUT="${DOTNET_CLI_TELEMETRY_OPTOUT:-1}"
export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}"
export MSBUILDDISABLENODEREUSE="${MSBUILDDISABLENODEREUSE:-1}"

BENCH_NAME=imaging.sh
# shellcheck source=SCRIPTDIR/lib.sh
source "$SCRIPT_DIR/lib.sh"

[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a whole number of at least 1, got '$RUNS'"
[[ "$WARMUP" =~ ^[0-9]+$ ]] || die "WARMUP must be a whole number, got '$WARMUP'"
[[ "$RUN_TIMEOUT" =~ ^[1-9][0-9]*$ ]] || die "RUN_TIMEOUT must be a whole number of seconds, got '$RUN_TIMEOUT'"
read -r -a LIBRARY_LIST <<<"$LIBRARIES"
((${#LIBRARY_LIST[@]} > 0)) || die "LIBRARIES names no library"
for library in "${LIBRARY_LIST[@]}"; do
  [[ "$library" == netvips || "$library" == skia ]] || die "LIBRARIES: unknown library '$library' (netvips, skia)"
done
command -v dotnet >/dev/null 2>&1 || die "the .NET SDK (dotnet) is not on PATH"
command -v timeout >/dev/null 2>&1 || die "timeout (coreutils) is not on PATH"
[[ "$(uname -m)" == x86_64 ]] || die "the benchmark references the linux-x64 native packages only; this is $(uname -m)"

# --- state and cleanup ------------------------------------------------------------------------------

WORK="$(mktemp -d "${TMPDIR:-/tmp}/khoagiao-imaging.XXXXXX")"
PID_RUN=""

cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  if [[ -n "$PID_RUN" ]] && kill -0 "$PID_RUN" 2>/dev/null; then
    log "stopping the benchmark process (pid $PID_RUN)"
    kill -TERM "$PID_RUN" 2>/dev/null
    wait "$PID_RUN" 2>/dev/null
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

# --- build ------------------------------------------------------------------------------------------

GIT_COMMIT="$(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
DIRTY="$(git -C "$REPO_ROOT" status --porcelain -- deploy/bench/imaging Directory.Packages.props 2>/dev/null | wc -l | tr -d ' ')"
if [[ "$DIRTY" == 0 ]]; then GIT_STATE="clean"; else GIT_STATE="$DIRTY uncommitted path(s) in the benchmark (measured as in the working tree)"; fi
START_TIME="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
SECONDS=0

# UseSharedCompilation=false: no compiler server is left running after the build (only what we start is ours).
log "publishing $PROJECT_DIR (Release) into $WORK/app"
if ! dotnet publish "$PROJECT_DIR" -c Release -o "$WORK/app" --artifacts-path "$WORK/artifacts" \
    -p:UseSharedCompilation=false -nologo -v q </dev/null >"$WORK/publish.log" 2>&1; then
  tail -n 40 "$WORK/publish.log" >&2
  die "dotnet publish failed (log above)"
fi
BUILD_SECONDS=$SECONDS

log "generating the test images into $WORK/inputs"
dotnet "$WORK/app/Imaging.dll" generate "$WORK/inputs" </dev/null >"$WORK/generate.log" 2>&1 ||
  { cat "$WORK/generate.log" >&2; die "generating the test images failed (log above)"; }

# --- one process a library --------------------------------------------------------------------------

CHECK_FAIL=0
JSON_FILES=()
FAILURES=""
for library in "${LIBRARY_LIST[@]}"; do
  log "measuring $library: $RUNS runs after $WARMUP warm-up runs"
  rc=0
  timeout --signal=TERM --kill-after=10 "$RUN_TIMEOUT" \
    dotnet "$WORK/app/Imaging.dll" run "$library" "$WORK/inputs" "$WORK/outputs/$library" "$RUNS" "$WARMUP" \
    "$WORK/$library.json" </dev/null >"$WORK/$library.log" 2>&1 &
  PID_RUN=$!
  wait "$PID_RUN" || rc=$?
  PID_RUN=""
  sed 's/^/  /' "$WORK/$library.log" >&2
  if [[ -s "$WORK/$library.json" ]]; then
    JSON_FILES+=("$WORK/$library.json")
  fi
  if ((rc != 0)); then
    CHECK_FAIL=1
    if ((rc == 124)); then
      FAILURES+="- $library: stopped after RUN_TIMEOUT=${RUN_TIMEOUT} s"$'\n'
    elif [[ ! -s "$WORK/$library.json" ]]; then
      # The native library not loading ends here: its error text is the log's first lines.
      FAILURES+="- $library: the process failed (exit code $rc) before writing results: \`$(head -n 3 "$WORK/$library.log" | tr '\n' ' ' | tr -d '`')\`"$'\n'
    fi
  fi
done
((${#JSON_FILES[@]} > 0)) || die "no library wrote results (logs above)"
LOAD_END="$(cut -d' ' -f1-3 /proc/loadavg)"

# --- results ----------------------------------------------------------------------------------------

CPU_MODEL="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
MEM_TOTAL="$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
DOTNET_RUNTIME="$(dotnet --list-runtimes 2>/dev/null | awk '$1 == "Microsoft.NETCore.App" { v = $2 } END { print v }')"

CONTEXT="$(
  if [[ -n "$FAILURES" ]]; then
    echo "Libraries whose process failed:"
    echo
    printf '%s\n' "$FAILURES"
  fi
  echo "- Commit $GIT_COMMIT ($GIT_STATE), started $START_TIME, $SECONDS s in all (publish $BUILD_SECONDS s)."
  echo "- Machine: $CPU_MODEL, $(nproc) CPUs, $MEM_TOTAL; .NET $DOTNET_RUNTIME; $(uname -sr)."
  echo "- Load average (1, 5, 15 min) at the start $LOAD_START, at the end $LOAD_END: other work on the machine shares"
  echo "  the CPUs with the benchmark, and libvips's worker threads feel it most."
  echo "- RUNS=$RUNS WARMUP=$WARMUP LIBRARIES=\"$LIBRARIES\" RUN_TIMEOUT=$RUN_TIMEOUT."
)"

REPORT="$WORK/report.md"
BENCH_CONTEXT="$CONTEXT" dotnet "$WORK/app/Imaging.dll" report "$REPORT" "$WORK/inputs" "${JSON_FILES[@]}" </dev/null >&2 ||
  die "writing the report failed"
mkdir -p "$RESULTS_DIR"
RESULT_FILE="$RESULTS_DIR/imaging-$(date -u +%Y%m%d-%H%M%S).md"
cp "$REPORT" "$RESULT_FILE"
cat "$REPORT"
log "report written to $RESULT_FILE"
exit "$CHECK_FAIL"
