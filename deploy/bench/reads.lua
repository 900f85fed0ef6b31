-- wrk script for deploy/bench/reads.sh: each request GETs a path picked at random from a file.
--
-- Environment (read by every wrk thread):
--   BENCH_PATHS_FILE  file with one request path per line (/api/v1/articles/<slug>, /api/v1/articles?limit=20, …)
--   BENCH_CHECK       1: count the answers by status and print them (reads.sh sets it for the warm-ups). Left unset
--                     in the measured runs, where a response() hook would hand every body to Lua and cost client
--                     CPU; wrk's own counter then catches statuses of 400 and above.
--
-- done() prints one line that reads.sh parses:
--   BENCH_RESULT requests=… duration_s=… rate=… bytes=… non2xx=… err_connect=… err_read=… err_write=…
--                err_timeout=… lat_p50_ms=… lat_p99_ms=… lat_max_ms=… checked=… checked_200=…
-- non2xx is wrk's count of answers with a status of 400 or above; checked/checked_200 are 0 unless BENCH_CHECK=1.

local check = os.getenv("BENCH_CHECK") == "1"
local threads = {}
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("seed", thread_count)
  table.insert(threads, thread)
end

seed = 0
checked, checked_200 = 0, 0
local requests = {}

function init(args)
  local path = os.getenv("BENCH_PATHS_FILE") or error("BENCH_PATHS_FILE is not set")
  local file = io.open(path, "r") or error("cannot read " .. path)
  local headers = { ["Accept"] = "application/json" }
  for line in file:lines() do
    if line:match("^/") then
      table.insert(requests, wrk.format("GET", line, headers))
    end
  end
  file:close()
  if #requests == 0 then
    error("no paths in " .. path)
  end
  math.randomseed(os.time() * 100 + seed)
end

function request()
  return requests[math.random(#requests)]
end

if check then
  function response(status, headers, body)
    checked = checked + 1
    if status == 200 then
      checked_200 = checked_200 + 1
    end
  end
end

function done(summary, latency, requests_stats)
  local total_checked, total_200 = 0, 0
  for _, thread in ipairs(threads) do
    total_checked = total_checked + (thread:get("checked") or 0)
    total_200 = total_200 + (thread:get("checked_200") or 0)
  end
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "BENCH_RESULT requests=%d duration_s=%.3f rate=%.1f bytes=%d non2xx=%d err_connect=%d err_read=%d err_write=%d " ..
    "err_timeout=%d lat_p50_ms=%.3f lat_p99_ms=%.3f lat_max_ms=%.3f checked=%d checked_200=%d\n",
    summary.requests, seconds, summary.requests / seconds, summary.bytes, e.status, e.connect, e.read, e.write,
    e.timeout, latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000, total_checked, total_200))
end
