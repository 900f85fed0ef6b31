-- wrk script for deploy/bench/media.sh: every request GETs one path, with an optional If-None-Match, so that a
-- rendition, its 304 and the article are driven by the same client code.
--
-- Environment (read by every wrk thread):
--   BENCH_PATH           the path to GET (/media/<id>/640.webp, /api/v1/articles/<slug>)
--   BENCH_ACCEPT         Accept header (default */*)
--   BENCH_IF_NONE_MATCH  when set, sent as If-None-Match (the file's ETag: the answer is 304)
--   BENCH_EXPECT         the status every answer should have (default 200)
--   BENCH_CHECK          1: count the answers and those with BENCH_EXPECT (media.sh sets it for the warm-ups). Left
--                        unset in the measured runs, where a response() hook would hand every body to Lua and cost
--                        client CPU; wrk's own counter then catches statuses of 400 and above.
--
-- done() prints one line that media.sh parses:
--   BENCH_RESULT requests=… duration_s=… rate=… bytes=… non2xx=… err_connect=… err_read=… err_write=…
--                err_timeout=… lat_p50_ms=… lat_p99_ms=… lat_max_ms=… checked=… checked_expected=…
-- bytes counts whole answers (status line, headers and body) as wrk read them; non2xx is wrk's count of answers with
-- a status of 400 or above (a 304 is not one).

local check = os.getenv("BENCH_CHECK") == "1"
local expect = tonumber(os.getenv("BENCH_EXPECT") or "200")
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

checked, checked_expected = 0, 0
local request_text

function init(args)
  local path = os.getenv("BENCH_PATH") or error("BENCH_PATH is not set")
  local headers = { ["Accept"] = os.getenv("BENCH_ACCEPT") or "*/*" }
  local etag = os.getenv("BENCH_IF_NONE_MATCH")
  if etag ~= nil and etag ~= "" then
    headers["If-None-Match"] = etag
  end
  request_text = wrk.format("GET", path, headers)
end

function request()
  return request_text
end

if check then
  function response(status, headers, body)
    checked = checked + 1
    if status == expect then
      checked_expected = checked_expected + 1
    end
  end
end

function done(summary, latency, requests_stats)
  local total_checked, total_expected = 0, 0
  for _, thread in ipairs(threads) do
    total_checked = total_checked + (thread:get("checked") or 0)
    total_expected = total_expected + (thread:get("checked_expected") or 0)
  end
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "BENCH_RESULT requests=%d duration_s=%.3f rate=%.1f bytes=%d non2xx=%d err_connect=%d err_read=%d err_write=%d " ..
    "err_timeout=%d lat_p50_ms=%.3f lat_p99_ms=%.3f lat_max_ms=%.3f checked=%d checked_expected=%d\n",
    summary.requests, seconds, summary.requests / seconds, summary.bytes, e.status, e.connect, e.read, e.write,
    e.timeout, latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000, total_checked,
    total_expected))
end
