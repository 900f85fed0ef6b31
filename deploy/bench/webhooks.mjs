// HTTP client and webhook receiver of deploy/bench/webhooks.sh: subscribes a receiver on 127.0.0.1, imports articles
// through instances A and B alternately, and records every delivery the two instances' dispatchers send it.
// Node 20 or later; built-in modules only.
//
//   node deploy/bench/webhooks.mjs run
//
// The receiver answers every request 204 at once, then checks its signature and records the receipt time
// (performance.timeOrigin + performance.now(), ms), the webhook-id, the body's timestamp and data.id, and which
// instance sent it (the owner of the connection's other end, read from /proc).
//
// webhooks.sh sets the environment (it documents the settings):
//   BASE_A, BASE_B       the two instances' base URLs          ADMIN_KEY     the bootstrap admin key
//   CHANGES, WARMUP, BATCH_SIZE, CONCURRENCY, DELIVERY_TIMEOUT
//   SEED_ARTICLE         text the article bodies are cut from (paragraphs of at least 120 characters)
//   STATE_DIR            where every receipt is written (receipts.jsonl), for BENCH_KEEP=1
//   RESULTS_FILE         where results are appended, one "key value" line each
//   PID_A, PID_B, CLK_TCK  for the CPU columns and for telling which instance sent a delivery (read from /proc)
// Exit code: 0 when every check passed, 1 when one failed, 2 on a setup error.

import { createHmac, timingSafeEqual } from 'node:crypto';
import { appendFileSync, readFileSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { EXIT_FAILED, EXIT_SETUP, SetupError, setting, whole, logger } from './lib.mjs';

const log = logger('webhooks.mjs');

const results = [];
function result(key, value) {
  results.push(`${key} ${String(value).replace(/\s+/g, ' ').trim()}`);
}
function flushResults() {
  if (results.length > 0) appendFileSync(setting('RESULTS_FILE'), results.join('\n') + '\n');
  results.length = 0;
}

/**
 * Wall-clock milliseconds with sub-millisecond resolution: the receipt times, compared with the service's clock (the
 * body's timestamp) on the same machine. Monotonic from the process start, so an NTP step during the run does not
 * move it (the report gives its offset from Date.now() at the end).
 */
const now = () => performance.timeOrigin + performance.now();

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

// --- HTTP client -----------------------------------------------------------------------------------

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

// --- content ---------------------------------------------------------------------------------------

const SOURCE = 'Báo Hà Nam';
const WARMUP_SOURCE = 'Bench warm-up';
const PUBLISHED_AT = '2023-08-16T18:00:00+07:00';
const CATEGORY = 'Hoạt động khoa giáo';
const TAGS = ['Khoa giáo'];
const EVENT_TYPE = 'article.published';
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

// --- receiver --------------------------------------------------------------------------------------

/** How far webhook-timestamp may be from the receipt time, as Standard Webhooks' verifiers allow (5 minutes). */
const TIMESTAMP_TOLERANCE_MS = 5 * 60_000;

/** Most time to wait, after the last delivery, until the delivery log lists none pending. */
const PENDING_TIMEOUT_MS = 30_000;

/** Time the receiver keeps listening after the delivery log has no pending row, for a late second copy of a delivery. */
const QUIET_MS = 1000;

/**
 * An ISO 8601 instant in milliseconds, keeping the fraction past the millisecond (.NET writes seven digits and
 * PostgreSQL keeps six; Date.parse would round them away).
 */
function parseInstant(text) {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(String(text));
  if (!m) return NaN;
  return Date.parse(m[1] + m[3]) + (m[2] ? Number(`0.${m[2]}`) * 1000 : 0);
}

/**
 * Standard Webhooks verification: HMAC-SHA256 over `id.timestamp.body` under the secret's key (the base64 after
 * `whsec_`); the header holds one or more `v1,<base64>` separated by spaces, and one match is enough.
 */
function signatureValid(key, id, timestamp, body, header) {
  if (!id || !timestamp || !header) return false;
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest();
  return header.split(' ').some((part) => {
    const comma = part.indexOf(',');
    if (comma < 0 || part.slice(0, comma) !== 'v1') return false;
    const given = Buffer.from(part.slice(comma + 1), 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/**
 * Which instance holds the other end of a connection to the receiver: the socket inode of 127.0.0.1:<peerPort> →
 * 127.0.0.1:<serverPort> in /proc/net/tcp, looked for among the file descriptors of PID_A and PID_B.
 */
function connectionOwner(peerPort, serverPort) {
  const hex = (port) => port.toString(16).toUpperCase().padStart(4, '0');
  const local = `0100007F:${hex(peerPort)}`;
  const remote = `0100007F:${hex(serverPort)}`;
  let inode = null;
  try {
    for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields[1] === local && fields[2] === remote) {
        inode = fields[9];
        break;
      }
    }
    if (inode === null) return '?';
    const link = `socket:[${inode}]`;
    for (const [name, pid] of [['A', process.env.PID_A], ['B', process.env.PID_B]]) {
      if (!pid) continue;
      for (const fd of readdirSync(`/proc/${pid}/fd`)) {
        try {
          if (readlinkSync(`/proc/${pid}/fd/${fd}`) === link) return name;
        } catch {
          // The descriptor closed while we looked.
        }
      }
    }
  } catch {
    // /proc not readable here: the sender stays unknown.
  }
  return '?';
}

class Receiver {
  constructor() {
    this.key = null;
    this.receipts = [];
    this.byDelivery = new Map(); // webhook-id → receipts
    this.firstByArticle = new Map(); // data.id → first receipt
    this.connections = { A: 0, B: 0, '?': 0 };
    this.awaiting = null;
    this.server = createServer((request, response) => this.handle(request, response));
    // The dispatchers keep connections in their pools for up to a minute idle (SocketsHttpHandler's default); Node's
    // default of 5 s would close them under a request now and then, and the failed attempt would wait 5 s for its retry.
    this.server.keepAliveTimeout = 65_000;
    this.server.on('connection', (socket) => {
      socket.sender = connectionOwner(socket.remotePort, this.port);
      this.connections[socket.sender]++;
    });
  }

  async listen() {
    await new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', resolve);
    });
    this.port = this.server.address().port;
    return `http://127.0.0.1:${this.port}/hook`;
  }

  handle(request, response) {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const at = now();
      response.writeHead(204).end();
      const body = Buffer.concat(chunks);
      const id = request.headers['webhook-id'];
      const timestamp = request.headers['webhook-timestamp'];
      const receipt = {
        at,
        id: id ?? null,
        sender: request.socket.sender ?? '?',
        path: request.url,
        signatureValid: this.key !== null && signatureValid(this.key, id, timestamp, body, request.headers['webhook-signature']),
        timestampOff: Math.abs(at - Number(timestamp) * 1000) > TIMESTAMP_TOLERANCE_MS,
        type: null,
        recordedAt: NaN,
        articleId: null,
      };
      try {
        const payload = JSON.parse(body.toString('utf8'));
        receipt.type = payload.type ?? null;
        receipt.recordedAt = parseInstant(payload.timestamp);
        receipt.articleId = payload.data?.id ?? null;
      } catch {
        receipt.type = 'not JSON';
      }
      this.record(receipt);
    });
  }

  record(receipt) {
    this.receipts.push(receipt);
    if (receipt.id) {
      const copies = this.byDelivery.get(receipt.id);
      if (copies) copies.push(receipt);
      else this.byDelivery.set(receipt.id, [receipt]);
    }
    if (receipt.type === EVENT_TYPE && receipt.articleId && !this.firstByArticle.has(receipt.articleId)) {
      this.firstByArticle.set(receipt.articleId, receipt);
      const awaiting = this.awaiting;
      if (awaiting && awaiting.left.delete(receipt.articleId) && awaiting.left.size === 0) awaiting.done();
    }
  }

  /** Resolves true once every article in `ids` has a delivery, false after `timeoutMs`. */
  waitFor(ids, timeoutMs) {
    const left = new Set(ids.filter((id) => !this.firstByArticle.has(id)));
    if (left.size === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.awaiting = null;
        resolve(false);
      }, timeoutMs);
      this.awaiting = {
        left,
        done: () => {
          clearTimeout(timer);
          this.awaiting = null;
          resolve(true);
        },
      };
    });
  }

  close() {
    this.server.close();
    this.server.closeAllConnections();
  }
}

// --- import ----------------------------------------------------------------------------------------

/**
 * Imports articles `${prefix}1…${prefix}count` of `source` through the batch route, batch k on A when k is even and
 * on B when it is odd, `concurrency` requests in flight. Returns the ids in item order (null where an item failed) and
 * what the answers said.
 */
async function importArticles({ source, prefix, count, batchSize, concurrency, paragraphs }) {
  const bases = [setting('BASE_A'), setting('BASE_B')];
  const batches = [];
  for (let start = 1; start <= count; start += batchSize) {
    batches.push({ first: start, last: Math.min(count, start + batchSize - 1), base: bases[batches.length % 2] });
  }
  const ids = new Array(count).fill(null);
  const statuses = new Map();
  const problems = [];
  const batchMs = [];
  let next = 0;
  const tally = (status, n = 1) => statuses.set(status, (statuses.get(status) ?? 0) + n);

  async function send(batch) {
    const items = [];
    for (let i = batch.first; i <= batch.last; i++) {
      items.push({ source, externalId: `${prefix}${i}`, article: articleContent(paragraphs, i, titleOf(i)), publishedAt: PUBLISHED_AT });
    }
    const size = batch.last - batch.first + 1;
    const started = performance.now();
    let answer;
    try {
      answer = await http('POST', `${batch.base}/api/v1/admin/articles/batch`, { body: JSON.stringify({ items }), headers: adminHeaders() });
    } catch (error) {
      tally('request error', size);
      problems.push(`${prefix}${batch.first}-${batch.last}: ${error.message}`);
      return;
    }
    batchMs.push(performance.now() - started);
    if (answer.status !== 200) {
      tally(`batch ${answer.status}`, size);
      problems.push(`${prefix}${batch.first}-${batch.last}: batch answered ${answer.status}: ${answer.text.slice(0, 300)}`);
      return;
    }
    const page = parseJson(answer.text, 'batch');
    const answered = new Set();
    for (const item of page.items ?? []) {
      const i = batch.first + item.index;
      answered.add(item.index);
      tally(String(item.status));
      if (item.status >= 200 && item.status < 300 && item.id) {
        ids[i - 1] = item.id;
      } else {
        problems.push(`${prefix}${i}: ${item.status} ${JSON.stringify(item.problem ?? null).slice(0, 300)}`);
      }
    }
    if (answered.size !== size) {
      tally('not answered', size - answered.size);
      problems.push(`${prefix}${batch.first}-${batch.last}: the batch answered ${answered.size} of ${size} items`);
    }
  }

  async function worker() {
    while (next < batches.length) await send(batches[next++]);
  }

  const firstSent = now();
  await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, worker));
  const lastAnswered = now();
  const statusText = [...statuses].sort().map(([k, v]) => `${k}: ${v}`).join(', ');
  return { ids, batches: batches.length, statuses: statusText, problems, batchMs, firstSent, lastAnswered };
}

// --- the run ---------------------------------------------------------------------------------------

async function subscribe(url) {
  const answer = await http('POST', `${setting('BASE_A')}/api/v1/admin/webhooks`, {
    body: JSON.stringify({ url, description: 'Bench receiver', eventTypes: [EVENT_TYPE] }),
    headers: adminHeaders(),
  });
  if (answer.status !== 201) throw new SetupError(`POST /api/v1/admin/webhooks answered ${answer.status}: ${answer.text.slice(0, 300)}`);
  const subscription = parseJson(answer.text, 'subscription');
  if (typeof subscription.secret !== 'string' || !subscription.secret.startsWith('whsec_')) {
    throw new SetupError(`the subscription's secret is not in the whsec_ form: ${String(subscription.secret).slice(0, 20)}`);
  }
  return { id: subscription.id, key: Buffer.from(subscription.secret.slice('whsec_'.length), 'base64') };
}

/** Waits until the subscription's delivery log on A lists no pending delivery; false after `timeoutMs`. */
async function waitNoPending(subscriptionId, timeoutMs) {
  const started = now();
  for (;;) {
    const answer = await http('GET', `${setting('BASE_A')}/api/v1/admin/webhooks/${subscriptionId}/deliveries?status=pending&limit=1`,
      { headers: adminHeaders(), timeout: 10_000 });
    if (answer.status !== 200) throw new Error(`the delivery log answered ${answer.status}: ${answer.text.slice(0, 200)}`);
    if (parseJson(answer.text, 'delivery log').items.length === 0) return true;
    if (now() - started > timeoutMs) return false;
    await sleep(100);
  }
}

function resultImport(prefix, outcome, count) {
  const imported = outcome.ids.filter(Boolean).length;
  const seconds = (outcome.lastAnswered - outcome.firstSent) / 1000;
  result(`${prefix}.articles`, count);
  result(`${prefix}.batches`, outcome.batches);
  result(`${prefix}.ok`, imported);
  result(`${prefix}.seconds`, seconds.toFixed(2));
  result(`${prefix}.rate`, (imported / seconds).toFixed(0));
  result(`${prefix}.statuses`, outcome.statuses);
  for (const [n, problem] of outcome.problems.slice(0, 5).entries()) result(`${prefix}.problem${n + 1}`, problem);
  for (const problem of outcome.problems.slice(0, 10)) log(`  ${problem}`);
  return imported;
}

/** The warm-up: WARMUP articles through A and B, untimed, until all their deliveries have arrived. */
async function warmUp(receiver, settings) {
  const { warmup, batchSize, concurrency, timeoutMs, paragraphs } = settings;
  // At least two batches when there are two articles, so both instances compile their write path.
  const size = Math.max(1, Math.min(batchSize, Math.ceil(warmup / 2)));
  log(`warm-up: importing ${warmup} articles of source '${WARMUP_SOURCE}' through A and B, batches of up to ${size} (untimed)`);
  const cpuBefore = cpuSample();
  const outcome = await importArticles({ source: WARMUP_SOURCE, prefix: 'w-', count: warmup, batchSize: size, concurrency, paragraphs });
  const imported = resultImport('warmup', outcome, warmup);
  const ids = outcome.ids.filter(Boolean);
  const arrived = await receiver.waitFor(ids, timeoutMs);
  resultCpu('warmup', cpuBefore, cpuSample());
  const firsts = ids.map((id) => receiver.firstByArticle.get(id)).filter(Boolean);
  result('warmup.delivered', firsts.length);
  if (firsts.length > 0) result('warmup.delivery_seconds', ((Math.max(...firsts.map((r) => r.at)) - outcome.firstSent) / 1000).toFixed(2));
  log(`warm-up: ${imported}/${warmup} imported, ${firsts.length} delivered`);
  if (imported === warmup && arrived) return true;
  log(imported !== warmup ? 'warm-up: not every article was imported' : `warm-up: not every delivery arrived within ${timeoutMs / 1000} s`);
  result('warmup.failed', 'yes');
  return false;
}

/** The timed part: CHANGES articles through A and B, until every one has been delivered. Returns whether all went well. */
async function timedRun(receiver, settings) {
  const { changes, batchSize, concurrency, timeoutMs, paragraphs } = settings;
  let ok = true;
  log(`importing ${changes} articles: batches of up to ${batchSize} alternately on A and B, ${concurrency} in flight`);
  const received = receiver.receipts.length;
  const cpuBefore = cpuSample();
  const outcome = await importArticles({ source: SOURCE, prefix: 'bhn-', count: changes, batchSize, concurrency, paragraphs });
  const cpuImported = cpuSample();
  const imported = resultImport('import', outcome, changes);
  resultSummary('import.batch', outcome.batchMs);
  result('import.started_at', new Date(outcome.firstSent).toISOString());
  log(`imported ${imported}/${changes} in ${((outcome.lastAnswered - outcome.firstSent) / 1000).toFixed(2)} s; ` +
    `statuses ${outcome.statuses}; ${receiver.receipts.length - received} deliveries so far`);
  if (imported !== changes) ok = false;

  const ids = outcome.ids.filter(Boolean);
  const arrived = await receiver.waitFor(ids, timeoutMs);
  const cpuDelivered = cpuSample();
  resultCpu('import', cpuBefore, cpuImported);
  // When the deliveries kept up with the import there is nothing left to drain, and a few milliseconds' CPU is noise.
  if (cpuDelivered.wall - cpuImported.wall >= 100) resultCpu('drain', cpuImported, cpuDelivered);
  resultCpu('timed', cpuBefore, cpuDelivered);

  const wanted = new Set(ids);
  const articlesDelivered = ids.filter((id) => receiver.firstByArticle.has(id)).length;
  // One delay per delivery (webhook-id): its first copy, should the same delivery come twice.
  const firstCopies = new Map();
  for (const receipt of receiver.receipts) {
    if (receipt.type === EVENT_TYPE && receipt.id && wanted.has(receipt.articleId) && !firstCopies.has(receipt.id)) {
      firstCopies.set(receipt.id, receipt);
    }
  }
  const delivered = [...firstCopies.values()];
  const last = delivered.length > 0 ? Math.max(...delivered.map((r) => r.at)) : NaN;
  const seconds = (last - outcome.firstSent) / 1000;
  const delays = delivered.map((r) => r.at - r.recordedAt).filter(Number.isFinite);
  result('deliveries.expected', ids.length);
  result('deliveries.articles_delivered', articlesDelivered);
  result('deliveries.missing', ids.length - articlesDelivered);
  result('deliveries.received', delivered.length);
  result('deliveries.seconds', Number.isFinite(seconds) ? seconds.toFixed(2) : 'n/a');
  result('deliveries.rate', seconds > 0 ? (delivered.length / seconds).toFixed(0) : 'n/a');
  result('deliveries.drain_seconds', Number.isFinite(last) ? ((last - outcome.lastAnswered) / 1000).toFixed(2) : 'n/a');
  result('deliveries.during_import', delivered.filter((r) => r.at <= outcome.lastAnswered).length);
  result('deliveries.sent_by_a', delivered.filter((r) => r.sender === 'A').length);
  result('deliveries.sent_by_b', delivered.filter((r) => r.sender === 'B').length);
  result('deliveries.sent_by_unknown', delivered.filter((r) => r.sender === '?').length);
  result('deliveries.no_timestamp', delivered.length - delays.length);
  const delay = resultSummary('delay', delays);
  result('delay.over_2s', delays.filter((v) => v > 2000).length);
  log(`deliveries: ${delivered.length} for ${articlesDelivered}/${ids.length} articles in ${ms(seconds)} s ` +
    `(${seconds > 0 ? (delivered.length / seconds).toFixed(0) : 'n/a'}/s); ` +
    `delay p50 ${ms(delay.p50)} / p95 ${ms(delay.p95)} / p99 ${ms(delay.p99)} / max ${ms(delay.max)} ms`);
  if (!arrived) {
    log(`${ids.length - articlesDelivered} imported article(s) not delivered within ${timeoutMs / 1000} s of the import's end`);
    return false;
  }
  return ok;
}

/** What the receiver saw over the whole run: copies of one delivery, signatures, senders. Returns whether all was well. */
function resultReceipts(receiver) {
  const all = receiver.receipts;
  const duplicates = [...receiver.byDelivery.values()].filter((copies) => copies.length > 1);
  const badSignatures = all.filter((r) => !r.signatureValid).length;
  const withoutId = all.filter((r) => !r.id).length;
  const idsPerArticle = new Map();
  for (const [id, copies] of receiver.byDelivery) {
    const article = copies[0].articleId;
    if (article) idsPerArticle.set(article, (idsPerArticle.get(article) ?? new Set()).add(id));
  }
  result('requests.total', all.length);
  result('requests.distinct_ids', receiver.byDelivery.size);
  result('requests.without_id', withoutId);
  result('requests.duplicate_ids', duplicates.length);
  result('requests.duplicate_copies', duplicates.reduce((s, copies) => s + copies.length - 1, 0));
  result('requests.bad_signatures', badSignatures);
  result('requests.timestamp_off', all.filter((r) => r.timestampOff).length);
  result('requests.other', all.filter((r) => r.type !== EVENT_TYPE || r.path !== '/hook').length);
  result('requests.articles_with_several_ids', [...idsPerArticle.values()].filter((set) => set.size > 1).length);
  result('requests.sent_by_a', all.filter((r) => r.sender === 'A').length);
  result('requests.sent_by_b', all.filter((r) => r.sender === 'B').length);
  result('requests.sent_by_unknown', all.filter((r) => r.sender === '?').length);
  result('receiver.connections_a', receiver.connections.A);
  result('receiver.connections_b', receiver.connections.B);
  result('receiver.connections_unknown', receiver.connections['?']);
  result('clock.offset_ms', (Date.now() - now()).toFixed(1));
  for (const [n, copies] of duplicates.slice(0, 5).entries()) {
    const times = copies.map((r) => r.at);
    result(`requests.duplicate${n + 1}`, `${copies[0].id}: ${copies.length} copies, from ${copies.map((r) => r.sender).join(', ')}, ` +
      `${(Math.max(...times) - Math.min(...times)).toFixed(0)} ms apart`);
  }
  writeFileSync(join(setting('STATE_DIR'), 'receipts.jsonl'), all.map((r) => JSON.stringify(r)).join('\n') + '\n');
  log(`receiver: ${all.length} requests, ${receiver.byDelivery.size} distinct webhook-ids, ${duplicates.length} received twice or more, ` +
    `${badSignatures} with a bad signature`);
  return duplicates.length === 0 && badSignatures === 0 && withoutId === 0;
}

async function run() {
  const settings = {
    changes: whole('CHANGES'),
    warmup: whole('WARMUP'),
    batchSize: whole('BATCH_SIZE'),
    concurrency: whole('CONCURRENCY'),
    timeoutMs: whole('DELIVERY_TIMEOUT') * 1000,
    paragraphs: loadParagraphs(),
  };
  const receiver = new Receiver();
  const url = await receiver.listen();
  let ok;
  try {
    for (const base of [setting('BASE_A'), setting('BASE_B')]) {
      const answer = await http('GET', `${base}/health/live`, { timeout: 10_000 });
      if (answer.status !== 200) throw new SetupError(`${base}/health/live answered ${answer.status}`);
    }
    const subscription = await subscribe(url);
    receiver.key = subscription.key;
    result('receiver.url', url);
    log(`subscribed ${url} to ${EVENT_TYPE} through A (webhook ${subscription.id})`);

    ok = (settings.warmup === 0 || await warmUp(receiver, settings)) && await timedRun(receiver, settings);
    // A delivery is recorded as sent just after its answer: wait for the log to show none pending (the database check
    // comes next), then listen a moment longer for a late second copy of a delivery.
    const started = now();
    const drained = await waitNoPending(subscription.id, PENDING_TIMEOUT_MS);
    result('pending.wait_seconds', ((now() - started) / 1000).toFixed(2));
    if (!drained) log(`the delivery log still lists pending deliveries after ${PENDING_TIMEOUT_MS / 1000} s`);
    await sleep(QUIET_MS);
  } finally {
    receiver.close();
  }
  return resultReceipts(receiver) && ok ? 0 : EXIT_FAILED;
}

// --- main ------------------------------------------------------------------------------------------

const [phase] = process.argv.slice(2);
let code;
try {
  if (phase === 'run') code = await run();
  else throw new SetupError(`usage: node webhooks.mjs run (got '${process.argv.slice(2).join(' ')}')`);
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
