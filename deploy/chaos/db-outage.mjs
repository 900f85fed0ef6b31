// HTTP client of deploy/chaos/db-outage.sh: loads the service, stops and restarts PostgreSQL in the middle of the
// load, and judges the outage promises. Node 20 or later; built-in modules only.
//
//   node deploy/chaos/db-outage.mjs load     create and publish ARTICLES articles, then the load with the outage in
//                                             it; leaves STATE_DIR/load.json (every request's timing and answer) and
//                                             STATE_DIR/acked-ids.txt (every external id whose write got a 2xx)
//   node deploy/chaos/db-outage.mjs report   judges the promises from load.json and DB_FILE (what db-outage.sh read
//                                             from the database) and writes REPORT_FILE
//
// db-outage.sh sets the environment (it documents the settings):
//   load:   BASE_URL, ADMIN_KEY, RUN_ID, SOURCE_NAME, ARTICLES, CONCURRENCY, HIT_SENDERS, LOAD_BEFORE, OUTAGE,
//           LOAD_AFTER, PG_STOP_CMD and PG_START_CMD (scripts running pg_ctl stop -m immediate / pg_ctl start),
//           STATE_DIR
//   report: STATE_DIR, DB_FILE, REPORT_FILE, and what the report's setup section shows (START_TIME, LOAD_START,
//           MACHINE, SOFTWARE, PG_SETTINGS, SERVICE, SERVER_RSS and the settings above)
// Exit code: load 0 when the run completed (promises are judged by report), 2 on a setup error; report 0 when
// every promise holds, 1 when one fails, 2 on a setup error.

import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

const EXIT_FAILED = 1;
const EXIT_SETUP = 2;

/** The promises' numbers. They are what the documentation promises, so they are not settings. */
const ANSWER_LIMIT_MS = 2000;
const RECOVERY_LIMIT_MS = 5000;
const POLL_INTERVAL_MS = 200;
const REQUEST_TIMEOUT_MS = 30_000;
const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

class SetupError extends Error {}

function log(message) {
  process.stderr.write(`[db-outage.mjs ${new Date().toTimeString().slice(0, 8)}] ${message}\n`);
}

function setting(name) {
  const value = process.env[name];
  if (value === undefined || value === '') throw new SetupError(`${name} is not set`);
  return value;
}

function whole(name) {
  const text = setting(name);
  if (!/^[0-9]+$/.test(text)) throw new SetupError(`${name} must be a whole number, got '${text}'`);
  return Number(text);
}

const statePath = (name) => join(setting('STATE_DIR'), name);

// --- HTTP ------------------------------------------------------------------------------------------------------

/**
 * One request, timed from the call to the last byte of the body read. Never throws: a request that got no answer
 * (refused, reset, timed out) has status 0 and the reason in `error`.
 */
async function http(method, url, { body, headers = {}, timeout = REQUEST_TIMEOUT_MS } = {}) {
  const start = performance.now();
  try {
    const response = await fetch(url, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body,
      signal: AbortSignal.timeout(timeout),
    });
    const text = await response.text();
    return { start, end: performance.now(), status: response.status, headers: response.headers, text };
  } catch (error) {
    const reason = error.name === 'TimeoutError' ? `no answer within ${timeout / 1000} s` : (error.cause?.code ?? error.cause?.message ?? error.message);
    return { start, end: performance.now(), status: 0, headers: new Headers(), text: '', error: String(reason) };
  }
}

const adminHeaders = () => ({ authorization: `ApiKey ${setting('ADMIN_KEY')}` });

function parseJson(text, what) {
  try {
    return JSON.parse(text);
  } catch {
    throw new SetupError(`${what}: the answer is not JSON: ${text.slice(0, 200)}`);
  }
}

// --- running pg_ctl ------------------------------------------------------------------------------------------

function run(script) {
  return new Promise((resolve, reject) => {
    execFile('bash', [script], { timeout: 120_000 }, (error, stdout, stderr) => {
      if (error) reject(new SetupError(`${script} failed: ${error.message.trim()} ${stderr.trim()}`.slice(0, 500)));
      else resolve(`${stdout}${stderr}`.trim());
    });
  });
}

// --- load ------------------------------------------------------------------------------------------------------

const KINDS = ['write', 'hit', 'ready', 'live'];

async function loadPhase() {
  const base = setting('BASE_URL');
  const runId = setting('RUN_ID');
  const source = setting('SOURCE_NAME');
  const articleCount = whole('ARTICLES');
  const writers = whole('CONCURRENCY');
  const senders = whole('HIT_SENDERS');
  const loadBefore = whole('LOAD_BEFORE') * 1000;
  const outage = whole('OUTAGE') * 1000;
  const loadAfter = whole('LOAD_AFTER') * 1000;
  const stopCmd = setting('PG_STOP_CMD');
  const startCmd = setting('PG_START_CMD');

  // The articles the beacons view: created as drafts (the answer carries the ETag), then published with it.
  log(`creating and publishing ${articleCount} articles`);
  const articleIds = [];
  for (let i = 1; i <= articleCount; i++) {
    const created = await http('POST', `${base}/api/v1/admin/articles`, {
      headers: adminHeaders(),
      body: JSON.stringify({
        title: `Bài đọc thử khi mất cơ sở dữ liệu ${runId} số ${i}`,
        summary: `Bài số ${i} nhận lượt xem trong phép thử mất cơ sở dữ liệu.`,
        body: '<p>Bài viết nhận lượt xem từ bộ đếm trong khi cơ sở dữ liệu tạm dừng rồi khởi động lại.</p>',
      }),
    });
    if (created.status !== 201) throw new SetupError(`POST /api/v1/admin/articles answered ${created.status || created.error}: ${created.text.slice(0, 300)}`);
    const { id } = parseJson(created.text, 'create article');
    const etag = created.headers.get('etag');
    if (!id || !etag) throw new SetupError('POST /api/v1/admin/articles answered no id or no ETag');
    const published = await http('POST', `${base}/api/v1/admin/articles/${id}/publish`, { headers: { ...adminHeaders(), 'if-match': etag } });
    if (published.status !== 200) throw new SetupError(`publishing ${id} answered ${published.status || published.error}: ${published.text.slice(0, 300)}`);
    articleIds.push(id);
  }
  // Each must be readable through the delivery API before the load begins.
  for (const id of articleIds) {
    const read = await http('GET', `${base}/api/v1/articles/${id}`);
    if (read.status !== 200) throw new SetupError(`GET /api/v1/articles/${id} answered ${read.status || read.error} after publishing: ${read.text.slice(0, 300)}`);
  }

  // Every request: [kind, start, end, status, has Retry-After, is problem+json]; times in ms since the load began.
  const requests = [];
  const details = []; // the first answers worth reading in full (no answer, 5xx, slow, 503 without the headers)
  const retryAfterValues = new Map();
  const acked = createWriteStream(statePath('acked-ids.txt'));
  let ackedCount = 0;
  let hitsAccepted = 0;
  let hitsUnknown = 0;
  let stopping = false;

  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  const t0 = performance.now();
  const rel = (t) => Math.round((t - t0) * 10) / 10;

  function record(kind, answer, extra) {
    const retryAfter = answer.headers.get('retry-after');
    const contentType = answer.headers.get('content-type') ?? '';
    const problem = contentType.startsWith('application/problem+json');
    const ms = answer.end - answer.start;
    requests.push([KINDS.indexOf(kind), rel(answer.start), rel(answer.end), answer.status, retryAfter ? 1 : 0, problem ? 1 : 0]);
    if (answer.status === 503 && kind !== 'ready') {
      retryAfterValues.set(retryAfter ?? '(none)', (retryAfterValues.get(retryAfter ?? '(none)') ?? 0) + 1);
    }
    // Answers worth reading in full: no answer, slow, a 5xx other than a complete 503 problem (or /health/ready's
    // 503), a live probe not 200, a write or hit answered neither its success status nor 503.
    const expected = { write: [201, 503], hit: [202, 503], ready: [200, 503], live: [200] }[kind];
    const complete503 = answer.status === 503 && (kind === 'ready' || (retryAfter && problem));
    const worth = answer.status === 0 || ms > ANSWER_LIMIT_MS || !expected.includes(answer.status) || (answer.status === 503 && !complete503);
    if (worth && details.length < 200) {
      details.push({
        kind, start: rel(answer.start), end: rel(answer.end), ms: Math.round(ms), status: answer.status, error: answer.error,
        contentType, retryAfter, body: answer.text.slice(0, 300), ...extra,
      });
    }
  }

  async function writer(w) {
    for (let n = 1; !stopping; n++) {
      const externalId = `outage-${runId}-w${w}-${n}`;
      const answer = await http('PUT', `${base}/api/v1/admin/articles/by-source/${encodeURIComponent(source)}/${externalId}`, {
        headers: adminHeaders(),
        body: JSON.stringify({
          title: `${runId} w${w}-${n}: Ghi thử trong khi cơ sở dữ liệu gặp sự cố`,
          summary: `Bản ghi thử số ${n} của luồng ghi ${w}.`,
          body: `<p>Nội dung ghi thử số ${n} của luồng ghi ${w}, lần chạy ${runId}.</p>`,
        }),
      });
      record('write', answer, { externalId });
      if (answer.status >= 200 && answer.status < 300) {
        acked.write(`${externalId}\n`);
        ackedCount++;
      }
    }
  }

  async function hitSender(h) {
    for (let n = 0; !stopping; n++) {
      const articleId = articleIds[(h + n * senders) % articleIds.length];
      const answer = await http('POST', `${base}/api/v1/hits`, {
        headers: { 'user-agent': USER_AGENT },
        body: JSON.stringify({ visitorId: randomUUID(), articleId }),
      });
      record('hit', answer);
      if (answer.status === 202) hitsAccepted++;
      else if (answer.status === 0) hitsUnknown++; // counted or not: the client cannot tell
    }
  }

  async function poller(kind, path) {
    let next = performance.now();
    while (!stopping) {
      record(kind, await http('GET', `${base}${path}`, { timeout: 10_000 }));
      next += POLL_INTERVAL_MS;
      const wait = next - performance.now();
      if (wait > 0) await sleep(wait);
      else next = performance.now();
    }
  }

  log(`load: ${writers} writers and ${senders} beacon senders back to back, /health/ready and /health/live every ${POLL_INTERVAL_MS} ms`);
  loopDelay.enable();
  const loops = [
    ...Array.from({ length: writers }, (_, w) => writer(w + 1)),
    ...Array.from({ length: senders }, (_, h) => hitSender(h)),
    poller('ready', '/health/ready'),
    poller('live', '/health/live'),
  ];

  const marks = {};
  const pg = {};
  let setupError = null;
  try {
    await sleep(loadBefore);
    log(`stopping PostgreSQL (pg_ctl stop -m immediate) after ${(loadBefore / 1000).toFixed(0)} s of load`);
    marks.stopCalled = rel(performance.now());
    pg.stop = await run(stopCmd);
    marks.down = rel(performance.now());
    log(`PostgreSQL is down (pg_ctl stop took ${(marks.down - marks.stopCalled).toFixed(0)} ms); starting it again in ${outage / 1000} s`);
    await sleep(t0 + marks.down + outage - performance.now());
    marks.startCalled = rel(performance.now());
    pg.start = await run(startCmd);
    marks.up = rel(performance.now());
    log(`PostgreSQL is up (pg_ctl start took ${(marks.up - marks.startCalled).toFixed(0)} ms); ${loadAfter / 1000} s more of load`);
    await sleep(t0 + marks.up + loadAfter - performance.now());
  } catch (error) {
    setupError = error;
  }
  marks.loadEnd = rel(performance.now());
  stopping = true;
  await Promise.all(loops);
  marks.drained = rel(performance.now());
  loopDelay.disable();
  await new Promise((resolve, reject) => acked.end((error) => (error ? reject(error) : resolve())));
  if (setupError) throw setupError;

  const result = {
    marks,
    pg,
    articleIds,
    ackedCount,
    hitsAccepted,
    hitsUnknown,
    retryAfterValues: Object.fromEntries(retryAfterValues),
    eventLoopDelay: { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 },
    details,
    requests,
  };
  writeFileSync(statePath('load.json'), JSON.stringify(result));
  log(`load done: ${requests.length} requests, ${ackedCount} writes acknowledged, ${hitsAccepted} hits answered 202` +
    `${hitsUnknown ? `, ${hitsUnknown} hits without an answer` : ''}; in flight at the end drained in ${(marks.drained - marks.loadEnd).toFixed(0)} ms`);
  return 0;
}

// --- numbers ---------------------------------------------------------------------------------------------------

/** Nearest-rank percentile of an ascending list. */
function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function stats(values) {
  const sorted = Float64Array.from(values).sort();
  return { n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.length ? sorted[sorted.length - 1] : NaN };
}

const fmt = (v, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : 'n/a');
const thousands = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

function statusLine(counts) {
  const keys = [...counts.keys()].sort((a, b) => a - b);
  if (keys.length === 0) return '—';
  return keys.map((k) => `${k === 0 ? 'no answer' : k}: ${thousands(counts.get(k))}`).join(', ');
}

// --- report ----------------------------------------------------------------------------------------------------

function readKeyValues(path) {
  const values = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const match = /^(\S+) ?(.*)$/.exec(line);
    if (match && match[1]) values[match[1]] = match[2];
  }
  return values;
}

function readOptional(name) {
  const path = statePath(name);
  return existsSync(path) ? readFileSync(path, 'utf8').trimEnd() : '';
}

function reportPhase() {
  const load = JSON.parse(readFileSync(statePath('load.json'), 'utf8'));
  const db = readKeyValues(setting('DB_FILE'));
  const { marks } = load;
  const requests = load.requests.map(([k, start, end, status, ra, problem]) => ({ kind: KINDS[k], start, end, ms: end - start, status, ra, problem }));
  const phaseOf = (r) => (r.start < marks.stopCalled ? 'before' : r.start < marks.up ? 'outage' : 'after');
  const phases = ['before', 'outage', 'after'];
  const phaseSeconds = {
    before: marks.stopCalled / 1000,
    outage: (marks.up - marks.stopCalled) / 1000,
    after: (marks.loadEnd - marks.up) / 1000,
  };
  const api = (r) => r.kind === 'write' || r.kind === 'hit';
  const down = (r) => r.start >= marks.down && r.start <= marks.startCalled; // PostgreSQL certainly not running
  const overlapsOutage = (r) => r.end >= marks.stopCalled && r.start < marks.up;

  const promises = [];
  const promise = (name, holds, numbers) => promises.push({ name, holds, numbers });

  // 1. Writes while the database is down: 503 problem+json with Retry-After; every 503 of the API carries both.
  const downWrites = requests.filter((r) => r.kind === 'write' && down(r));
  const downWritesBad = downWrites.filter((r) => !(r.status === 503 && r.ra && r.problem));
  const api503 = requests.filter((r) => api(r) && r.status === 503);
  const api503NoRetry = api503.filter((r) => !r.ra).length;
  const api503NotProblem = api503.filter((r) => !r.problem).length;
  const downWriteStatuses = new Map();
  for (const r of downWrites) downWriteStatuses.set(r.status, (downWriteStatuses.get(r.status) ?? 0) + 1);
  promise(
    'While PostgreSQL is down, writes answer 503 `application/problem+json` with `Retry-After`',
    downWrites.length > 0 && downWritesBad.length === 0 && api503NoRetry === 0 && api503NotProblem === 0,
    `${thousands(downWrites.length)} writes sent while it was down: ${statusLine(downWriteStatuses)}; ` +
      `${thousands(downWritesBad.length)} not a complete 503 problem. Whole run: ${thousands(api503.length)} API 503s, ` +
      `${api503NoRetry} without Retry-After, ${api503NotProblem} not problem+json; Retry-After values: ` +
      `${Object.entries(load.retryAfterValues).map(([k, v]) => `${k} (${thousands(v)})`).join(', ') || '—'}`,
  );

  // 2. Within 2 s: every API request overlapping the outage answered, none slower than 2 s.
  const outage503 = stats(requests.filter((r) => r.kind === 'write' && phaseOf(r) === 'outage' && r.status === 503).map((r) => r.ms));
  const overlapping = requests.filter((r) => api(r) && overlapsOutage(r));
  const slow = overlapping.filter((r) => r.ms > ANSWER_LIMIT_MS);
  const unanswered = overlapping.filter((r) => r.status === 0);
  const overlappingMax = stats(overlapping.map((r) => r.ms)).max;
  promise(
    'They answer within 2 s (every request overlapping the outage)',
    outage503.n > 0 && slow.length === 0 && unanswered.length === 0,
    `503 answers to writes in the outage phase: ${thousands(outage503.n)}, p99 ${fmt(outage503.p99)} ms, max ${fmt(outage503.max)} ms; ` +
      `${thousands(overlapping.length)} writes and hits overlapped the outage, slowest ${fmt(overlappingMax)} ms, ` +
      `${slow.length} over 2 s, ${unanswered.length} without an answer`,
  );

  // 3. No 5xx other than 503, and every request answered, over the whole run.
  const other5xx = requests.filter((r) => r.status >= 500 && r.status !== 503);
  const noAnswer = requests.filter((r) => r.status === 0);
  const other5xxStatuses = new Map();
  for (const r of other5xx) other5xxStatuses.set(r.status, (other5xxStatuses.get(r.status) ?? 0) + 1);
  promise(
    'No 5xx other than 503, and no request left without an answer (whole run)',
    other5xx.length === 0 && noAnswer.length === 0,
    `${thousands(requests.length)} requests; 5xx other than 503: ${other5xx.length ? statusLine(other5xxStatuses) : 0}; without an answer: ${noAnswer.length}`,
  );

  // 4 and 5. Health while down.
  const readyDown = requests.filter((r) => r.kind === 'ready' && down(r));
  const readyDownBad = readyDown.filter((r) => r.status !== 503);
  const readyDownStats = stats(readyDown.map((r) => r.ms));
  promise(
    '`GET /health/ready` answers 503 while PostgreSQL is down',
    readyDown.length > 0 && readyDownBad.length === 0,
    `${readyDown.length} polls while down, ${readyDownBad.length} not 503${readyDownBad.length ? ` (${statusLine(countBy(readyDownBad))})` : ''}; slowest ${fmt(readyDownStats.max)} ms`,
  );
  const live = requests.filter((r) => r.kind === 'live');
  const liveDown = live.filter(down);
  const liveBad = live.filter((r) => r.status !== 200);
  promise(
    '`GET /health/live` answers 200 throughout',
    liveDown.length > 0 && liveBad.length === 0,
    `${live.length} polls (${liveDown.length} while down), ${liveBad.length} not 200${liveBad.length ? ` (${statusLine(countBy(liveBad))})` : ''}; slowest while down ${fmt(stats(liveDown.map((r) => r.ms)).max)} ms`,
  );

  // 6. The first write to succeed after pg_ctl start.
  const firstWrite = requests
    .filter((r) => r.kind === 'write' && r.status >= 200 && r.status < 300 && r.end >= marks.startCalled)
    .sort((a, b) => a.end - b.end)[0];
  const recovery = firstWrite ? firstWrite.end - marks.up : NaN;
  promise(
    'First successful write within 5 s after `pg_ctl start` returns',
    firstWrite !== undefined && recovery <= RECOVERY_LIMIT_MS,
    firstWrite
      ? `${recovery < 0 ? `${fmt(-recovery, 0)} ms before pg_ctl start returned` : `${fmt(recovery / 1000, 2)} s`} (answer received); ` +
        `pg_ctl start itself took ${fmt(marks.up - marks.startCalled, 0)} ms`
      : 'no write succeeded after the restart',
  );

  // 7. Acknowledged writes.
  const acked = Number(db.acked);
  const missing = Number(db.acked_missing);
  promise(
    'Every acknowledged write is in the database',
    acked === load.ackedCount && missing === 0,
    `${thousands(load.ackedCount)} writes answered 2xx, ${thousands(acked)} ids checked, ${missing} missing` +
      `${db.acked_missing_list ? ` (${db.acked_missing_list})` : ''}; ${thousands(Number(db.run_articles))} articles of this run in the database, ` +
      `${db.unacked_present} of them from writes not answered 2xx`,
  );

  // 8. Counters.
  const checks = [
    ['sum(article_view_totals.views)', db.views_total],
    ['sum(article_view_days.views)', db.views_days],
    ['sum(daily_visits.visits)', db.visits],
    ['count(visitor_days)', db.visitor_days],
    ['count(visitor_activity)', db.visitor_activity],
  ].map(([name, value]) => ({ name, value: Number(value), ok: Number(value) === load.hitsAccepted }));
  promise(
    'Every acknowledged view is counted once (`sum(views)` of `article_view_totals` = hits answered 202)',
    checks.every((c) => c.ok) && load.hitsUnknown === 0,
    `${thousands(load.hitsAccepted)} hits answered 202; sum(views) ${thousands(checks[0].value)} (difference ${checks[0].value - load.hitsAccepted}); ` +
      `visits, visitor days and activity ${checks.slice(1).every((c) => c.ok) ? 'agree' : 'DISAGREE (below)'}; ` +
      `${load.hitsUnknown} hits without an answer; counted after waiting ${db.flush_wait} s`,
  );

  const holds = promises.filter((p) => p.holds).length;
  const verdict = holds === promises.length ? 'PASS' : 'FAIL';

  // Informative: readiness back, the beacon during the outage, CPU noise in the client.
  const readyBack = requests.filter((r) => r.kind === 'ready' && r.status === 200 && r.start >= marks.startCalled).sort((a, b) => a.end - b.end)[0];
  const hitsOutage = requests.filter((r) => r.kind === 'hit' && phaseOf(r) === 'outage');
  const hitsOutage202 = hitsOutage.filter((r) => r.status === 202).length;

  const out = [];
  const line = (text = '') => out.push(text);
  line(`# Database outage — ${setting('START_TIME')}`);
  line();
  line(`Verdict: **${verdict}** (${holds} of ${promises.length} promises hold). Produced by \`deploy/chaos/db-outage.sh\`.`);
  line();
  line(`PostgreSQL was stopped with \`pg_ctl stop -m immediate\` ${fmt(marks.stopCalled / 1000)} s into the load (the stop took ` +
    `${fmt(marks.down - marks.stopCalled, 0)} ms), stayed down ${fmt((marks.startCalled - marks.down) / 1000)} s, and \`pg_ctl start -w\` ` +
    `(crash recovery, then connections) took ${fmt(marks.up - marks.startCalled, 0)} ms; the load went on ` +
    `${fmt((marks.loadEnd - marks.up) / 1000)} s after that. Phases below go by when a request was sent: before the stop, ` +
    `outage (from \`pg_ctl stop\` being called to \`pg_ctl start\` returning), after.`);
  line();
  line('## Promises');
  line();
  line('| promise | | numbers |');
  line('| --- | --- | --- |');
  for (const p of promises) line(`| ${p.name} | ${p.holds ? 'holds' : '**FAILS**'} | ${p.numbers} |`);
  line();
  line(`"While down" is from \`pg_ctl stop\` returning to \`pg_ctl start\` being called. Overlapping the outage: sent before`);
  line('`pg_ctl start` returned and answered after `pg_ctl stop` was called. The API\'s 503s are problems with `Retry-After`;');
  line('`/health/ready`\'s 503 is its JSON health body and is not held to that.');
  line();
  line('Also seen:');
  line();
  line(`- \`/health/ready\` answered 200 again ${readyBack ? `${fmt((readyBack.end - marks.up) / 1000, 2)} s after \`pg_ctl start\` returned` : '— never after the restart'}.`);
  line(`- The hit beacon during the outage phase: ${thousands(hitsOutage.length)} hits, ${thousands(hitsOutage202)} answered 202 ` +
    `(it buffers in memory and does not need the database); statuses ${statusLine(countBy(hitsOutage))}.`);
  line(`- Counter flush batches written: ${db.counter_flushes}. The client's event loop lagged up to ${fmt(load.eventLoopDelay.max, 0)} ms ` +
    `(p99 ${fmt(load.eventLoopDelay.p99, 0)} ms); latencies below include that lag.`);
  line();
  line('## Status counts per phase');
  line();
  line('| request | before | outage | after |');
  line('| --- | --- | --- | --- |');
  const names = {
    write: 'PUT /api/v1/admin/articles/by-source/…',
    hit: 'POST /api/v1/hits',
    ready: 'GET /health/ready',
    live: 'GET /health/live',
  };
  for (const kind of KINDS) {
    const cells = phases.map((phase) => statusLine(countBy(requests.filter((r) => r.kind === kind && phaseOf(r) === phase))));
    line(`| ${names[kind]} | ${cells.join(' | ')} |`);
  }
  line(`| phase length, s | ${phases.map((p) => fmt(phaseSeconds[p])).join(' | ')} |`);
  line();
  line('## Latency');
  line();
  line('Milliseconds from sending a request to having read its whole answer, measured by the client.');
  line();
  line('| request | phase | answers | p50 | p99 | max | over 2 s |');
  line('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
  for (const kind of KINDS) {
    for (const phase of phases) {
      const list = requests.filter((r) => r.kind === kind && phaseOf(r) === phase && r.status !== 0);
      const s = stats(list.map((r) => r.ms));
      line(`| ${names[kind]} | ${phase} | ${thousands(s.n)} | ${fmt(s.p50)} | ${fmt(s.p99)} | ${fmt(s.max)} | ${list.filter((r) => r.ms > ANSWER_LIMIT_MS).length} |`);
    }
  }
  line(`| PUT …, 503 answers only | outage | ${thousands(outage503.n)} | ${fmt(outage503.p50)} | ${fmt(outage503.p99)} | ${fmt(outage503.max)} | ` +
    `${requests.filter((r) => r.kind === 'write' && phaseOf(r) === 'outage' && r.status === 503 && r.ms > ANSWER_LIMIT_MS).length} |`);
  line();
  line('## Counters after the flush');
  line();
  line('| check | expected (hits answered 202) | database | |');
  line('| --- | ---: | ---: | --- |');
  for (const c of checks) line(`| ${c.name} | ${thousands(load.hitsAccepted)} | ${thousands(c.value)} | ${c.ok ? 'equal' : '**differs**'} |`);
  line();
  line('Every hit has a new visitor id and views one published article, so each 202 is one view, one visit, one visitor-day and');
  line('one visitor-activity row.');
  if (load.details.length > 0) {
    line();
    line('## Answers that broke a rule, or were slow');
    line();
    line(`The first ${Math.min(load.details.length, 20)} of ${load.details.length}${load.details.length >= 200 ? '+' : ''} (times in ms since the load began):`);
    line();
    line('| request | sent at | ms | status | Content-Type | Retry-After | body or error |');
    line('| --- | ---: | ---: | --- | --- | --- | --- |');
    for (const d of load.details.slice(0, 20)) {
      const text = (d.error ?? d.body ?? '').replace(/\s+/g, ' ').replace(/\|/g, '\\|').slice(0, 160);
      line(`| ${d.kind}${d.externalId ? ` ${d.externalId}` : ''} | ${fmt(d.start, 0)} | ${d.ms} | ${d.status || 'no answer'} | ${d.contentType || '—'} | ${d.retryAfter ?? '—'} | ${text || '—'} |`);
    }
  }
  line();
  line('## Logs');
  line();
  const warnCount = Number(readOptional('server-warning-count.txt') || 0);
  const errorCount = Number(readOptional('server-error-count.txt') || 0);
  const logBytes = Number(readOptional('server-log-bytes.txt') || 0);
  line(`The service logged ${thousands(warnCount)} entries at warn or above from the start of the load (${thousands(errorCount)} of them at ` +
    `fail or crit), ${fmt(logBytes / 1048576)} MiB of log in all. Distinct ones (count, first lines; this run's paths folded):`);
  line();
  line('```');
  line(readOptional('server-warnings.txt') || '(none)');
  line('```');
  line();
  line('PostgreSQL log from the immediate stop on (shutdown, crash recovery, ready again; connections it turned away, counted):');
  line();
  line('```');
  line(readOptional('pg-recovery.txt') || '(nothing matched)');
  line('```');
  line();
  line('## Setup');
  line();
  line(`- machine: ${setting('MACHINE')}; the client, the service and PostgreSQL share it. Load average (1, 5, 15 min) at the start: ${setting('LOAD_START')}`);
  line(`- ${setting('SOFTWARE')} (client: deploy/chaos/db-outage.mjs, built-in fetch, keep-alive)`);
  line(`- PostgreSQL: a temporary cluster on 127.0.0.1 with production durability: ${setting('PG_SETTINGS')}`);
  line(`- service: ${setting('SERVICE')}; RSS after the run ${setting('SERVER_RSS')}`);
  line(`- settings: OUTAGE=${setting('OUTAGE')} LOAD_BEFORE=${setting('LOAD_BEFORE')} LOAD_AFTER=${setting('LOAD_AFTER')} ` +
    `CONCURRENCY=${setting('CONCURRENCY')} HIT_SENDERS=${setting('HIT_SENDERS')} ARTICLES=${setting('ARTICLES')} FLUSH_TIMEOUT=${setting('FLUSH_TIMEOUT')}`);
  line(`- writes: \`PUT /api/v1/admin/articles/by-source/${setting('SOURCE_NAME')}/outage-<run>-w<writer>-<n>\` with the bootstrap admin key,`);
  line('  body `{"title","summary","body"}`, a new external id each (201 created); hits: `{"visitorId": <new uuid>, "articleId": <published>}`');
  line('  with a browser User-Agent; health polls every 200 ms, each waiting for the previous answer');
  writeFileSync(setting('REPORT_FILE'), `${out.join('\n')}\n`);

  for (const p of promises) log(`${p.holds ? 'holds' : 'FAILS'}: ${p.name.replace(/`/g, '')} — ${p.numbers.replace(/`/g, '')}`);
  return verdict === 'PASS' ? 0 : EXIT_FAILED;
}

function countBy(list) {
  const counts = new Map();
  for (const r of list) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  return counts;
}

// --- main ------------------------------------------------------------------------------------------------------

const [phase] = process.argv.slice(2);
let code;
try {
  if (phase === 'load') code = await loadPhase();
  else if (phase === 'report') code = reportPhase();
  else throw new SetupError(`usage: node db-outage.mjs load | report (got '${process.argv.slice(2).join(' ')}')`);
} catch (error) {
  log(`error: ${error instanceof SetupError ? error.message : error.stack ?? error}`);
  code = EXIT_SETUP;
}
process.exitCode = code;
