// HTTP client of deploy/bench/sync.sh: imports articles through instance A, reads the delta feed from instance B,
// and times how long an edit made through A takes to show on B. Node 20 or later; built-in modules only.
//
//   node deploy/bench/sync.mjs import            batch-upsert ARTICLES articles through A
//   node deploy/bench/sync.mjs feed <label> [q]  read B's feed from the start to the first empty page; q, when given,
//                                                is added to every URL as bench=<q> (a fresh output-cache key)
//   node deploy/bench/sync.mjs edits             EDITS title changes through A, each timed until B shows it
//
// sync.sh sets the environment (it documents the settings):
//   BASE_A, BASE_B       the two instances' base URLs          ADMIN_KEY     the bootstrap admin key
//   ARTICLES, BATCH_SIZE, CONCURRENCY, FEED_LIMIT, EDITS, POLL_TIMEOUT, POLL_INTERVAL_MS
//   SEED_ARTICLE         text the article bodies are cut from (paragraphs of at least 120 characters)
//   STATE_DIR            where the phases leave what later phases need (article ids, the feed's last cursor)
//   RESULTS_FILE         where results are appended, one "key value" line each
//   PID_A, PID_B, CLK_TCK  for the CPU columns (read from /proc)
// Exit code: 0 when every check of the phase passed, 1 when one failed, 2 on a setup error.

import { appendFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { EXIT_FAILED, EXIT_SETUP, SetupError, setting, whole, logger } from './lib.mjs';

const log = logger('sync.mjs');

const results = [];
function result(key, value) {
  results.push(`${key} ${String(value).replace(/\s+/g, ' ').trim()}`);
}
function flushResults() {
  if (results.length > 0) appendFileSync(setting('RESULTS_FILE'), results.join('\n') + '\n');
  results.length = 0;
}

// --- numbers ---------------------------------------------------------------------------------------

/** Nearest-rank percentile of an ascending list. */
function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.reduce((s, v) => s + v, 0) / (sorted.length || 1);
  return { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN, mean };
}

const ms = (v) => (Number.isFinite(v) ? v.toFixed(1) : 'n/a');

function resultSummary(prefix, values) {
  const s = summary(values);
  result(`${prefix}.n`, s.n);
  for (const k of ['p50', 'p95', 'p99', 'max', 'mean']) result(`${prefix}.${k}_ms`, ms(s[k]));
  return s;
}

// --- CPU, from /proc -------------------------------------------------------------------------------

function processTicks(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  } catch {
    return 0;
  }
}

/** Every process named postgres: the bench database's backends do the work, but others on the server count too. */
function postgresTicks() {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^[0-9]+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.includes(' (postgres) ')) {
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        total += Number(fields[11]) + Number(fields[12]);
      }
    } catch {
      // The process ended while we looked.
    }
  }
  return total;
}

function machineTicks() {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
  const total = line.reduce((s, v) => s + v, 0);
  return { busy: total - line[3] - line[4], total };
}

function cpuSample() {
  const usage = process.cpuUsage();
  return {
    wall: performance.now(),
    a: processTicks(process.env.PID_A),
    b: processTicks(process.env.PID_B),
    postgres: postgresTicks(),
    machine: machineTicks(),
    client: (usage.user + usage.system) / 1e6,
  };
}

function resultCpu(prefix, before, after) {
  const hz = Number(process.env.CLK_TCK || 100);
  const seconds = (after.wall - before.wall) / 1000;
  const cores = (ticks) => (seconds > 0 ? (ticks / hz / seconds).toFixed(2) : 'n/a');
  result(`${prefix}.cpu_seconds`, seconds.toFixed(1));
  result(`${prefix}.cpu_a`, cores(after.a - before.a));
  result(`${prefix}.cpu_b`, cores(after.b - before.b));
  result(`${prefix}.cpu_postgres`, cores(after.postgres - before.postgres));
  result(`${prefix}.cpu_client`, seconds > 0 ? ((after.client - before.client) / seconds).toFixed(2) : 'n/a');
  const total = after.machine.total - before.machine.total;
  result(`${prefix}.busy`, total > 0 ? ((100 * (after.machine.busy - before.machine.busy)) / total).toFixed(0) : 'n/a');
}

// --- HTTP ------------------------------------------------------------------------------------------

const REQUEST_TIMEOUT_MS = 60_000;

async function http(method, url, { body, headers = {}, timeout = REQUEST_TIMEOUT_MS } = {}) {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body,
    signal: AbortSignal.timeout(timeout),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text };
}

function parseJson(text, what) {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${what}: the answer is not JSON: ${text.slice(0, 200)}`);
  }
}

const adminHeaders = () => ({ authorization: `ApiKey ${setting('ADMIN_KEY')}` });

/**
 * Untimed requests before a phase, so the client's own start-up is not timed: a connection to each instance, and one
 * large compressed JSON answer (A's OpenAPI document, ~300 KB; not B, whose feed path stays cold), which warms the
 * fetch, decompression and decoding code a fresh Node process otherwise compiles during the first feed page.
 */
async function warmClient() {
  for (const base of [setting('BASE_A'), setting('BASE_B')]) {
    const answer = await http('GET', `${base}/health/live`, { timeout: 10_000 });
    if (answer.status !== 200) throw new Error(`${base}/health/live answered ${answer.status}`);
  }
  for (let n = 0; n < 3; n++) {
    const answer = await http('GET', `${setting('BASE_A')}/swagger/v1/swagger.json`, { timeout: 30_000 });
    if (answer.status === 200) JSON.parse(answer.text);
  }
}

// --- content ---------------------------------------------------------------------------------------

const SOURCE = 'Báo Hà Nam';
const WARMUP_SOURCE = 'Bench warm-up';
const WARMUP_FEED_LIMIT = 100;
const SOURCE_PATH = encodeURIComponent(SOURCE);
const PUBLISHED_AT = '2023-08-16T18:00:00+07:00';
const CATEGORY = 'Hoạt động khoa giáo';
const TAGS = ['Khoa giáo'];
const TITLE_STEMS = [
  'Tọa đàm “Nâng cao chất lượng, hiệu quả công tác khoa giáo trên địa bàn tỉnh Hà Nam”',
  'Hội nghị sơ kết công tác khoa giáo 6 tháng đầu năm',
  'Phổ biến kiến thức khoa học, công nghệ đến cán bộ, đảng viên và nhân dân',
  'Kiểm tra việc thực hiện các chỉ thị, nghị quyết của Đảng về lĩnh vực khoa giáo',
  'Nâng cao chất lượng giáo dục toàn diện, giáo dục mũi nhọn trong tỉnh',
  'Nhân rộng điển hình tiên tiến trong thực hiện công tác khoa giáo',
];

const escapeHtml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function loadParagraphs() {
  const path = setting('SEED_ARTICLE');
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SetupError(`cannot read ${path}: ${error.message}`);
  }
  const paragraphs = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('Nguồn ')) break; // the page's footer follows the source line
    if (line.length >= 120) paragraphs.push(line);
  }
  if (paragraphs.length < 4) throw new SetupError(`${path} has ${paragraphs.length} paragraphs of 120+ characters; need 4`);
  return paragraphs;
}

/** Article number i (from 1): 3–5 KB of HTML paragraphs, a different mix and length for each i. */
function articleContent(paragraphs, i, title) {
  const target = 3000 + ((i * 211) % 1200);
  const first = paragraphs[i % paragraphs.length];
  const parts = [`<p><strong>Kỳ ${i}.</strong> ${escapeHtml(first)}</p>`];
  let bytes = Buffer.byteLength(parts[0]);
  for (let k = 1; bytes < target; k++) {
    const part = `<p>${escapeHtml(paragraphs[(i + k * 3) % paragraphs.length])}</p>`;
    parts.push(part);
    bytes += Buffer.byteLength(part);
  }
  const sentence = first.split(/(?<=\.)\s/)[0].slice(0, 400);
  return { title, summary: `Kỳ ${i}: ${sentence}`, body: parts.join(''), category: CATEGORY, tags: TAGS };
}

const titleOf = (i) => `${TITLE_STEMS[i % TITLE_STEMS.length]} (kỳ ${i})`;
const editedTitleOf = (i, edit) => `${TITLE_STEMS[i % TITLE_STEMS.length]} (kỳ ${i}, cập nhật lần ${edit})`;

// --- state between phases ---------------------------------------------------------------------------

const statePath = (name) => join(setting('STATE_DIR'), name);

// --- import ----------------------------------------------------------------------------------------

async function importPhase() {
  const baseA = setting('BASE_A');
  const articles = whole('ARTICLES');
  const batchSize = whole('BATCH_SIZE');
  const concurrency = whole('CONCURRENCY');
  const paragraphs = loadParagraphs();

  const batches = [];
  for (let start = 1; start <= articles; start += batchSize) {
    batches.push({ first: start, last: Math.min(articles, start + batchSize - 1) });
  }

  const ids = new Array(articles).fill(null);
  const statuses = new Map();
  const problems = [];
  const batchMs = [];
  let bodyBytes = 0;
  let requestBytes = 0;
  let next = 0;
  const count = (status, n = 1) => statuses.set(status, (statuses.get(status) ?? 0) + n);

  async function send(batch) {
    const items = [];
    for (let i = batch.first; i <= batch.last; i++) {
      const article = articleContent(paragraphs, i, titleOf(i));
      bodyBytes += Buffer.byteLength(article.body);
      items.push({ source: SOURCE, externalId: `bhn-${i}`, article, publishedAt: PUBLISHED_AT });
    }
    const body = JSON.stringify({ items });
    requestBytes += Buffer.byteLength(body);
    const size = batch.last - batch.first + 1;
    const started = performance.now();
    let answer;
    try {
      answer = await http('POST', `${baseA}/api/v1/admin/articles/batch`, { body, headers: adminHeaders() });
    } catch (error) {
      count('request error', size);
      problems.push(`items ${batch.first}-${batch.last}: ${error.message}`);
      return;
    }
    batchMs.push(performance.now() - started);
    if (answer.status !== 200) {
      count(`batch ${answer.status}`, size);
      problems.push(`items ${batch.first}-${batch.last}: batch answered ${answer.status}: ${answer.text.slice(0, 300)}`);
      return;
    }
    const page = parseJson(answer.text, 'batch');
    const answered = new Set();
    for (const item of page.items ?? []) {
      const i = batch.first + item.index;
      answered.add(item.index);
      count(String(item.status));
      if (item.status >= 200 && item.status < 300 && item.id) {
        ids[i - 1] = item.id;
      } else {
        problems.push(`bhn-${i}: ${item.status} ${JSON.stringify(item.problem ?? null).slice(0, 300)}`);
      }
    }
    if (answered.size !== size) {
      count('not answered', size - answered.size);
      problems.push(`items ${batch.first}-${batch.last}: the batch answered ${answered.size} of ${size} items`);
    }
  }

  async function worker() {
    while (next < batches.length) await send(batches[next++]);
  }

  await warmClient();
  const warmup = whole('WARMUP');
  if (warmup > 0) {
    log(`warm-up: importing ${warmup} articles of source '${WARMUP_SOURCE}' (untimed)`);
    const warmStarted = performance.now();
    const failed = await warmUpImport(baseA, paragraphs, warmup, batchSize, concurrency);
    const warmSeconds = (performance.now() - warmStarted) / 1000;
    result('import.warmup_articles', warmup);
    result('import.warmup_seconds', warmSeconds.toFixed(2));
    result('import.warmup_rate', ((warmup - failed) / warmSeconds).toFixed(0));
    if (failed > 0) {
      log(`warm-up: ${failed} of ${warmup} items were not written`);
      return EXIT_FAILED;
    }
  }
  log(`importing ${articles} articles: ${batches.length} batches of up to ${batchSize}, ${concurrency} in flight`);
  const cpuBefore = cpuSample();
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, worker));
  const seconds = (performance.now() - started) / 1000;
  resultCpu('import', cpuBefore, cpuSample());

  writeFileSync(statePath('ids.json'), JSON.stringify(ids));
  const imported = ids.filter(Boolean).length;
  const statusText = [...statuses].sort().map(([k, v]) => `${k}: ${v}`).join(', ');
  result('import.articles', articles);
  result('import.batches', batches.length);
  result('import.seconds', seconds.toFixed(2));
  result('import.rate', (imported / seconds).toFixed(0));
  result('import.ok', imported);
  result('import.failed', articles - imported);
  result('import.statuses', statusText);
  result('import.body_bytes_mean', (bodyBytes / articles).toFixed(0));
  result('import.request_bytes_mean', (requestBytes / batches.length).toFixed(0));
  resultSummary('import.batch', batchMs);
  for (const [n, problem] of problems.slice(0, 5).entries()) result(`import.problem${n + 1}`, problem);
  log(`imported ${imported}/${articles} in ${seconds.toFixed(2)} s (${(imported / seconds).toFixed(0)}/s); statuses ${statusText}`);
  for (const problem of problems.slice(0, 10)) log(`  ${problem}`);
  return imported === articles ? 0 : EXIT_FAILED;
}

/**
 * The untimed import before the timed one: the same requests from another source (external ids warm-1…), so a fresh
 * instance has compiled its write path, and the timed import measures the rate it keeps up rather than its start-up.
 * Returns how many items were not written.
 */
async function warmUpImport(baseA, paragraphs, warmup, batchSize, concurrency) {
  let failed = 0;
  let next = 1;
  async function worker() {
    while (next <= warmup) {
      const first = next;
      const last = Math.min(warmup, first + batchSize - 1);
      next = last + 1;
      const items = [];
      for (let i = first; i <= last; i++) {
        items.push({ source: WARMUP_SOURCE, externalId: `warm-${i}`, article: articleContent(paragraphs, i, titleOf(i)), publishedAt: PUBLISHED_AT });
      }
      const answer = await http('POST', `${baseA}/api/v1/admin/articles/batch`, { body: JSON.stringify({ items }), headers: adminHeaders() });
      const written = answer.status === 200
        ? parseJson(answer.text, 'warm-up batch').items.filter((item) => item.status >= 200 && item.status < 300).length
        : 0;
      failed += last - first + 1 - written;
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  return failed;
}

// --- feed ------------------------------------------------------------------------------------------

function feedUrl(base, limit, since, bust) {
  const query = new URLSearchParams({ limit: String(limit) });
  if (since) query.set('since', since);
  if (bust) query.set('bench', bust);
  return `${base}/api/v1/changes?${query}`;
}

async function feedPhase(label, bust) {
  const baseB = setting('BASE_B');
  const limit = whole('FEED_LIMIT');
  const ids = JSON.parse(readFileSync(statePath('ids.json'), 'utf8')).filter(Boolean);
  const wanted = new Set(ids);
  const seen = new Set();
  const pageMs = [];
  let since = null;
  let entries = 0;
  let articleUpserts = 0;
  let other = 0;
  let bytes = 0;
  let encoding = '';
  let failure = '';

  await warmClient();
  if (label === 'cold' && whole('WARMUP') > 0) {
    // One page of another size: B compiles its feed path, and the pages timed below are still not in its cache.
    const answer = await http('GET', feedUrl(baseB, WARMUP_FEED_LIMIT, null, null));
    if (answer.status !== 200) throw new Error(`B's warm-up feed page answered ${answer.status}`);
    parseJson(answer.text, 'warm-up feed page');
  }
  log(`feed (${label}): reading ${baseB}/api/v1/changes from the start, limit=${limit}${bust ? `, bench=${bust}` : ''}`);
  const cpuBefore = cpuSample();
  const started = performance.now();
  for (;;) {
    const t = performance.now();
    const answer = await http('GET', feedUrl(baseB, limit, since, bust));
    pageMs.push(performance.now() - t);
    if (answer.status !== 200) {
      failure = `page ${pageMs.length} answered ${answer.status}: ${answer.text.slice(0, 300)}`;
      break;
    }
    encoding ||= answer.headers.get('content-encoding') ?? 'identity';
    bytes += Buffer.byteLength(answer.text);
    const page = parseJson(answer.text, 'feed page');
    if (page.items.length === 0) break;
    for (const entry of page.items) {
      entries++;
      if (entry.type === 'article' && entry.op === 'upsert' && entry.item) {
        articleUpserts++;
        if (wanted.has(entry.id)) seen.add(entry.id);
      } else {
        other++;
      }
    }
    if (!page.nextCursor) {
      failure = `page ${pageMs.length} has no nextCursor`;
      break;
    }
    since = page.nextCursor;
  }
  const seconds = (performance.now() - started) / 1000;
  resultCpu(`feed-${label}`, cpuBefore, cpuSample());
  if (since && !failure) writeFileSync(statePath('cursor.txt'), since);

  const missing = wanted.size - seen.size;
  const ok = !failure && missing === 0 && articleUpserts >= wanted.size;
  const p = `feed-${label}`;
  result(`${p}.pages`, pageMs.length);
  result(`${p}.entries`, entries);
  result(`${p}.article_upserts`, articleUpserts);
  result(`${p}.other`, other);
  result(`${p}.seen`, seen.size);
  result(`${p}.missing`, missing);
  result(`${p}.seconds`, seconds.toFixed(2));
  result(`${p}.rate`, (entries / seconds).toFixed(0));
  result(`${p}.mib`, (bytes / 1048576).toFixed(1));
  result(`${p}.encoding`, encoding || 'n/a');
  result(`${p}.ok`, ok ? 'yes' : 'no');
  if (failure) result(`${p}.failure`, failure);
  resultSummary(`${p}.page`, pageMs);
  log(`feed (${label}): ${entries} entries (${articleUpserts} article upserts, ${seen.size}/${wanted.size} imported ids) in ` +
    `${pageMs.length} pages, ${seconds.toFixed(2)} s, ${(entries / seconds).toFixed(0)} changes/s${failure ? `; ${failure}` : ''}`);
  if (missing > 0) log(`feed (${label}): ${missing} imported article(s) missing from the feed`);
  return ok ? 0 : EXIT_FAILED;
}

// --- edits -----------------------------------------------------------------------------------------

async function editsPhase() {
  const baseA = setting('BASE_A');
  const baseB = setting('BASE_B');
  const edits = whole('EDITS');
  const limit = whole('FEED_LIMIT');
  const timeoutMs = whole('POLL_TIMEOUT') * 1000;
  const intervalMs = whole('POLL_INTERVAL_MS');
  const paragraphs = loadParagraphs();
  const ids = JSON.parse(readFileSync(statePath('ids.json'), 'utf8'));
  let cursor = readFileSync(statePath('cursor.txt'), 'utf8').trim();
  const candidates = ids.map((id, n) => (id ? n + 1 : 0)).filter(Boolean);
  if (candidates.length === 0) throw new SetupError('no imported article to edit');

  const putMs = [];
  const feedMs = [];
  const deliveryMs = [];
  const feedPolls = [];
  const deliveryPolls = [];
  const firstPoll = { feed: 0, delivery: 0 }; // edits B showed on the first poll after the PUT's answer
  const failures = [];
  let feedMisses = 0;
  let deliveryMisses = 0;

  // Reads B's feed from the cursor: advances past pages that hold other changes, and reports whether the page holds
  // `id` with `title`. A page of the feed that comes back empty stays in B's output cache until a change evicts it.
  async function readFeed(id, title) {
    const answer = await http('GET', feedUrl(baseB, limit, cursor), { timeout: 10_000 });
    if (answer.status !== 200) throw new Error(`feed answered ${answer.status}: ${answer.text.slice(0, 200)}`);
    const page = parseJson(answer.text, 'feed page');
    const found = page.items.some((e) => e.id === id && e.op === 'upsert' && e.item?.title === title);
    if (page.items.length > 0) cursor = page.nextCursor;
    return { found, empty: page.items.length === 0 };
  }

  async function readArticle(id) {
    const answer = await http('GET', `${baseB}/api/v1/articles/${id}`, { timeout: 10_000 });
    if (answer.status !== 200) throw new Error(`GET /api/v1/articles/${id} answered ${answer.status}: ${answer.text.slice(0, 200)}`);
    return parseJson(answer.text, 'article').title;
  }

  // Polls until done() is true; answers [milliseconds since `since`, polls, null], or [null, polls, why] after the
  // timeout or a failed request (which ends the polling: the other poller of the edit still runs to its end).
  async function pollUntil(done, since) {
    for (let polls = 1; ; polls++) {
      try {
        if (await done()) return [performance.now() - since, polls, null];
      } catch (error) {
        return [null, polls, error.message];
      }
      if (performance.now() - since > timeoutMs) return [null, polls, `not seen after ${timeoutMs / 1000} s`];
      if (intervalMs > 0) await sleep(intervalMs);
    }
  }

  await warmClient();
  log(`edits: ${edits} title changes through A, each followed on B (feed and GET /api/v1/articles/{id})`);
  const cpuBefore = cpuSample();
  const started = performance.now();
  for (let edit = 1; edit <= edits; edit++) {
    const i = candidates[(edit * 7919) % candidates.length];
    const id = ids[i - 1];
    const title = editedTitleOf(i, edit);
    try {
      // What a client polling B has in B's output cache: the article as it was, and the feed's empty tail.
      const before = await readArticle(id);
      if (before === title) throw new Error(`bhn-${i} already has the new title`);
      for (let tries = 0; !(await readFeed(id, title)).empty; tries++) {
        if (tries > 100) throw new Error('the feed does not come to an empty page before the edit');
      }

      const sent = performance.now();
      const answer = await http('PUT', `${baseA}/api/v1/admin/articles/by-source/${SOURCE_PATH}/bhn-${i}`, {
        body: JSON.stringify(articleContent(paragraphs, i, title)),
        headers: adminHeaders(),
      });
      const done = performance.now();
      if (answer.status !== 200) throw new Error(`PUT bhn-${i} answered ${answer.status}: ${answer.text.slice(0, 300)}`);
      putMs.push(done - sent);

      const [[feed, fPolls, feedWhy], [delivery, dPolls, deliveryWhy]] = await Promise.all([
        pollUntil(async () => (await readFeed(id, title)).found, done),
        pollUntil(async () => (await readArticle(id)) === title, done),
      ]);
      feedPolls.push(fPolls);
      deliveryPolls.push(dPolls);
      if (feed === null) {
        feedMisses++;
        failures.push(`edit ${edit} (bhn-${i}) on B's feed: ${feedWhy}`);
      } else {
        feedMs.push(feed);
        if (fPolls === 1) firstPoll.feed++;
      }
      if (delivery === null) {
        deliveryMisses++;
        failures.push(`edit ${edit} (bhn-${i}) on B's GET /api/v1/articles/${id}: ${deliveryWhy}`);
      } else {
        deliveryMs.push(delivery);
        if (dPolls === 1) firstPoll.delivery++;
      }
    } catch (error) {
      failures.push(`edit ${edit} (bhn-${i}): ${error.message}`);
    }
    if (edit % 100 === 0) log(`edits: ${edit}/${edits}`);
  }
  const seconds = (performance.now() - started) / 1000;
  resultCpu('edits', cpuBefore, cpuSample());

  const mean = (list) => (list.length ? (list.reduce((s, v) => s + v, 0) / list.length).toFixed(1) : 'n/a');
  result('edits.count', edits);
  result('edits.seconds', seconds.toFixed(1));
  result('edits.failed', failures.length);
  result('edits.feed_missed', feedMisses);
  result('edits.delivery_missed', deliveryMisses);
  result('edits.feed_polls_mean', mean(feedPolls));
  result('edits.delivery_polls_mean', mean(deliveryPolls));
  result('edits.feed_first_poll', firstPoll.feed);
  result('edits.delivery_first_poll', firstPoll.delivery);
  resultSummary('edits.put', putMs);
  const feed = resultSummary('edits.feed', feedMs);
  const delivery = resultSummary('edits.delivery', deliveryMs);
  result('edits.feed_over_1s', feedMs.filter((v) => v > 1000).length);
  result('edits.delivery_over_1s', deliveryMs.filter((v) => v > 1000).length);
  for (const [n, failure] of failures.slice(0, 5).entries()) result(`edits.problem${n + 1}`, failure);
  log(`edits: ${edits} in ${seconds.toFixed(1)} s; to B's feed p50 ${ms(feed.p50)} / p99 ${ms(feed.p99)} / max ${ms(feed.max)} ms; ` +
    `to B's article GET p50 ${ms(delivery.p50)} / p99 ${ms(delivery.p99)} / max ${ms(delivery.max)} ms; ${failures.length} failed`);
  for (const failure of failures.slice(0, 10)) log(`  ${failure}`);
  return failures.length === 0 ? 0 : EXIT_FAILED;
}

// --- main ------------------------------------------------------------------------------------------

const [phase, ...args] = process.argv.slice(2);
let code;
try {
  if (phase === 'import') code = await importPhase();
  else if (phase === 'feed' && args[0]) code = await feedPhase(args[0], args[1]);
  else if (phase === 'edits') code = await editsPhase();
  else throw new SetupError(`usage: node sync.mjs import | feed <label> [cache-key] | edits (got '${process.argv.slice(2).join(' ')}')`);
} catch (error) {
  log(`error: ${error instanceof SetupError ? error.message : error.stack ?? error}`);
  code = error instanceof SetupError ? EXIT_SETUP : EXIT_FAILED;
}
try {
  flushResults();
} catch (error) {
  log(`error: cannot write results: ${error.message}`);
  code = EXIT_SETUP;
}
process.exitCode = code;
