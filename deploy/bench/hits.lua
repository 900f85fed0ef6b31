-- wrk script for deploy/bench/hits.sh: one script for every phase, so the client does the same Lua work
-- (a request() and a response() call per request) whatever it measures.
--
-- Environment (read by every wrk thread):
--   BENCH_MODE      hits | article | health                      (default hits)
--   BENCH_PHASE     0..65535, put into every visitor id so phases never share a visitor (default 1)
--   BENCH_MEASURE   seconds of the measurement window, counted from each thread's first request (required;
--                   hits.sh passes wrk's -d minus a tail of a couple of seconds)
--   BENCH_IDS_FILE  hits: file with one published article id per line
--   BENCH_SLUG      article: slug to GET
--   BENCH_UA        User-Agent sent with every request (must not look like a crawler)
--   BENCH_TAIL_UNIQUE  1: each tail GET /health/live (hits mode, below) has a query string of its own
--                   (?tail=<thread>-<n>). Behind a caching proxy (deploy/bench/scale-out.sh) one URL that is never
--                   cached (no-store) would otherwise be queued by nginx's proxy_cache_lock, which lets one request
--                   of a key through at a time and makes the others poll every 500 ms (default 0)
--   BENCH_RATE      when set, paces the requests to about this many per second in all (split evenly over
--                   the threads) with wrk's delay() hook, instead of sending as fast as possible.
--                   hits: only the hits of the window are paced (the tail after it is not);
--                   article: every request of the run is paced, from the first to the last, so that wrk's
--                   latency histogram (which covers the whole run) holds paced requests only.
--                   Every paced send is compared with its slot: done() reports how many left over 1 ms late
--                   (a client short of CPU falls behind its schedule; wrk itself waits in whole milliseconds)
--
-- Exactness. wrk stops at -d with requests still in flight: the server may have counted a hit whose 202 wrk
-- never read, which would make the database exceed the client's 202 count. So in hits mode a thread sends
-- hits only during its window; after it, until wrk stops, it sends GET /health/live instead (the "tail"),
-- which counts nothing and answers 200 (a status POST /api/v1/hits never answers). Every hit sent therefore
-- gets its answer back well before wrk cuts the connections, and done() checks that: sent == answered.
--
-- Every hit carries a visitor id unique across threads and phases ("%08x-%04x-4000-8000-%012x": thread,
-- phase, per-thread counter) and one article id chosen round-robin, so each 202 must add exactly one visit
-- (visitor_days, daily_visits, visitor_activity) and one view (article_view_days, article_view_totals).
--
-- Rates are computed here from monotonic time: responses of the measured kind received inside the window,
-- divided by the window length. The window is the same in every mode, so two wrk processes started together
-- (article GET + hits) measure the same seconds.
--
-- Cost: defining response() makes wrk hand every response's headers and body to Lua; together with the
-- per-request request() call this costs client CPU (compare the plain-wrk /health/live line in the report).

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } khoagiao_bench_timespec;
int clock_gettime(int clk_id, khoagiao_bench_timespec *tp);
]]
local CLOCK_MONOTONIC = 1
local timespec = ffi.new("khoagiao_bench_timespec")
local function now()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, timespec)
  return tonumber(timespec.tv_sec) + tonumber(timespec.tv_nsec) * 1e-9
end

local mode = os.getenv("BENCH_MODE") or "hits"
local phase = tonumber(os.getenv("BENCH_PHASE") or "1")
local measure = tonumber(os.getenv("BENCH_MEASURE") or "")
local rate_limit = tonumber(os.getenv("BENCH_RATE") or "")
local tail_unique = os.getenv("BENCH_TAIL_UNIQUE") == "1"
local user_agent = os.getenv("BENCH_UA")
  or "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36"
if measure == nil or measure <= 0 then
  error("BENCH_MEASURE must be a positive number of seconds")
end
if mode ~= "hits" and mode ~= "article" and mode ~= "health" then
  error("BENCH_MODE must be hits, article or health")
end

-- ---------------------------------------------------------------- main state: setup() and done()

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads) -- 1-based; the thread wrk creates first gets 1
  thread:set("wrk_threads_count", tonumber(os.getenv("BENCH_THREADS") or "1"))
end

-- ---------------------------------------------------------------- thread state

-- Globals, so done() can read them with thread:get().
tid = 0
wrk_threads_count = 1
sent = 0          -- measured requests written (hits in hits mode)
tail_sent = 0     -- hits mode: GET /health/live written after the window
s200, s202, s400, s404, s429, s503, s5xx, sother = 0, 0, 0, 0, 0, 0, 0, 0
tail_ok, tail_other = 0, 0
in_window = 0     -- measured successes (202 for hits, 2xx otherwise) received inside the window
first_at, cutoff_at, last_at = 0, 0, 0
paced, late = 0, 0 -- with BENCH_RATE: requests sent on a paced slot, and those sent over 1 ms after their slot

local ids = {}
local counter = 0
-- Send slots handed out by delay() and not yet used by request(), oldest first (wrk fires the delays in order).
local slots, slot_head, slot_tail = {}, 1, 0
local skip_verify_call = false
local hit_headers, fixed_request, tail_request, tail_headers

function init(args)
  local headers = { ["User-Agent"] = user_agent, ["Accept"] = "application/json" }
  tail_headers = headers
  tail_request = wrk.format("GET", "/health/live", headers)
  if mode == "hits" then
    local path = os.getenv("BENCH_IDS_FILE") or error("BENCH_IDS_FILE is not set")
    local file = io.open(path, "r") or error("cannot read " .. path)
    for line in file:lines() do
      if line:match("^%x+%-%x+%-%x+%-%x+%-%x+$") then
        table.insert(ids, line)
      end
    end
    file:close()
    if #ids == 0 then
      error("no article ids in " .. path)
    end
    hit_headers = { ["User-Agent"] = user_agent, ["Content-Type"] = "application/json", ["Accept"] = "application/json" }
  elseif mode == "article" then
    local slug = os.getenv("BENCH_SLUG") or error("BENCH_SLUG is not set")
    fixed_request = wrk.format("GET", "/api/v1/articles/" .. slug, headers)
  else
    fixed_request = tail_request
  end
  -- wrk 4.x calls request() once on the first thread's state to check the request before any connection
  -- exists, and throws the result away: that call must not count as sent.
  skip_verify_call = (tid == 1)
end

function request()
  if skip_verify_call then
    skip_verify_call = false
    return fixed_request or tail_request
  end
  local t = now()
  if first_at == 0 then
    first_at = t
    cutoff_at = t + measure
  end
  if slot_head <= slot_tail then
    paced = paced + 1
    if t - slots[slot_head] > 0.001 then
      late = late + 1
    end
    slots[slot_head] = nil
    slot_head = slot_head + 1
  end
  if mode ~= "hits" then
    sent = sent + 1
    return fixed_request
  end
  if t >= cutoff_at then
    tail_sent = tail_sent + 1
    if tail_unique then
      return wrk.format("GET", "/health/live?tail=" .. tid .. "-" .. tail_sent, tail_headers)
    end
    return tail_request
  end
  counter = counter + 1
  sent = sent + 1
  local visitor = string.format("%08x-%04x-4000-8000-%012x", tid, phase, counter)
  local article = ids[(counter + tid) % #ids + 1]
  local body = '{"visitorId":"' .. visitor .. '","articleId":"' .. article .. '","path":"/bench/' .. article .. '"}'
  return wrk.format("POST", "/api/v1/hits", hit_headers, body)
end

function response(status, headers, body)
  local t = now()
  last_at = t
  if mode == "hits" and status == 200 then
    -- POST /api/v1/hits never answers 200: this is a tail GET /health/live.
    tail_ok = tail_ok + 1
    return
  end
  if status == 200 then s200 = s200 + 1
  elseif status == 202 then s202 = s202 + 1
  elseif status == 400 then s400 = s400 + 1
  elseif status == 404 then s404 = s404 + 1
  elseif status == 429 then s429 = s429 + 1
  elseif status == 503 then s503 = s503 + 1
  elseif status >= 500 then s5xx = s5xx + 1
  else sother = sother + 1
  end
  local ok = (mode == "hits" and status == 202) or (mode ~= "hits" and status >= 200 and status < 300)
  if ok and t <= cutoff_at then
    in_window = in_window + 1
  end
end

-- Pacing (only defined when BENCH_RATE is set: wrk waits for delay() after every response when it exists).
-- Each call reserves the next send slot of this thread, 1 / (rate / threads) seconds after the previous
-- one, and returns how long to wait for it; a thread that falls behind by more than 50 ms starts again
-- from now rather than sending a burst to catch up.
-- wrk calls delay() on a connection before each request it writes, including its first one, and starts the
-- request's latency clock only when it writes the request, after the wait: latency is send-to-response.
-- The wait is whole milliseconds (wrk's timer), rounded down, so sends leave on 1-ms ticks; the average rate
-- is the reserved one. A thread keeps to its schedule while it has an idle connection to send on.
-- hits: the first request of each connection and the tail are not paced (as before).
-- article: everything is paced, the first request of each connection included (no opening burst).
if rate_limit and rate_limit > 0 then
  local next_at = 0
  function delay()
    local t = now()
    if mode == "hits" and (first_at == 0 or t >= cutoff_at) then
      return 0
    end
    local interval = wrk_threads_count / rate_limit
    if next_at < t - 0.05 then
      next_at = t
    end
    local wait = next_at - t
    slot_tail = slot_tail + 1
    slots[slot_tail] = next_at
    next_at = next_at + interval
    -- Never negative: wrk converts the number to an unsigned integer.
    if wait < 0 then
      wait = 0
    end
    return math.floor(wait * 1000)
  end
end

-- ---------------------------------------------------------------- main state: report

function done(summary, latency, requests)
  local names = { "sent", "tail_sent", "s200", "s202", "s400", "s404", "s429", "s503", "s5xx", "sother",
    "tail_ok", "in_window", "paced", "late" }
  local total = {}
  for _, name in ipairs(names) do total[name] = 0 end
  local first, last_cut = math.huge, 0
  for _, thread in ipairs(threads) do
    for _, name in ipairs(names) do
      total[name] = total[name] + (thread:get(name) or 0)
    end
    local f = thread:get("first_at") or 0
    if f > 0 and f < first then first = f end
    local c = thread:get("cutoff_at") or 0
    if c > last_cut then last_cut = c end
  end
  local answered = total.s200 + total.s202 + total.s400 + total.s404 + total.s429 + total.s503 + total.s5xx + total.sother
  local e = summary.errors
  -- One parseable line; hits.sh reads it with sed. "ok" is 202s (hits) or 2xx (other modes).
  io.write(string.format(
    "BENCH_RESULT mode=%s phase=%d threads=%d measure_s=%.3f sent=%d answered=%d unanswered=%d ok=%d " ..
    "in_window=%d rate=%.1f s200=%d s202=%d s400=%d s404=%d s429=%d s503=%d s5xx=%d sother=%d " ..
    "tail_sent=%d tail_ok=%d wrk_requests=%d wrk_duration_s=%.3f err_connect=%d err_read=%d err_write=%d " ..
    "err_timeout=%d lat_p50_ms=%.3f lat_p99_ms=%.3f lat_max_ms=%.3f paced=%d late=%d\n",
    mode, phase, #threads, measure, total.sent, answered, total.sent - answered,
    (mode == "hits") and total.s202 or (total.s200 + total.s202),
    total.in_window, total.in_window / measure,
    total.s200, total.s202, total.s400, total.s404, total.s429, total.s503, total.s5xx, total.sother,
    total.tail_sent, total.tail_ok, summary.requests, summary.duration / 1e6,
    e.connect, e.read, e.write, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000, total.paced, total.late))
end
