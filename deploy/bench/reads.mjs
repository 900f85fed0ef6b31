// Loader of deploy/bench/reads.sh: publishes a few events, then ARTICLES articles through the service's own batch route
// (change log, search text and revisions written as in production). Node 20 or later; built-in modules only.
//
//   node deploy/bench/reads.mjs load                 publish the events and articles
//   node deploy/bench/reads.mjs writes               create and publish WRITES more articles one by one, as an editor
//                                                     does: POST /api/v1/admin/articles, then POST …/{id}/publish with
//                                                     the If-Match of the first answer; WRITE_CONCURRENCY editors at a
//                                                     time, after WRITE_WARMUP untimed ones
//   node deploy/bench/reads.mjs same <a.json> <b.json>  compare two answers of the same read (the service's and the
//                                                     baseline's): equal JSON, key order aside, timestamps compared
//                                                     as instants; prints the first difference
//
// reads.sh sets the environment (it documents the settings):
//   BASE_URL        the service's base URL              ADMIN_KEY     the bootstrap admin key
//   ARTICLES, BATCH_SIZE, CONCURRENCY, WRITES, WRITE_WARMUP, WRITE_CONCURRENCY
//   SEED_ARTICLE    text the article bodies are cut from (paragraphs of at least 120 characters)
//
// The content is deterministic: article i (from 1) is source "Báo Hà Nam", external id reads-<i>, 5.5–6.5 KB of HTML
// paragraphs, category i mod 10 of CATEGORIES, 2–4 of the 50 TAGS, published 37 minutes after article i - 1 (from
// 2024-01-01 08:00 in Vietnam, so every one is due), and every tenth one reports one of EVENTS (published).
// Exit code: 0 when every item answered 2xx (load) or the answers are the same (same), 1 when not, 2 on a setup error.

import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { EXIT_FAILED, EXIT_SETUP, SetupError, setting, whole, logger } from './lib.mjs';

const log = logger('reads.mjs');

// --- content ---------------------------------------------------------------------------------------

const SOURCE = 'Báo Hà Nam';
const FIRST_PUBLISHED_MS = Date.parse('2024-01-01T08:00:00+07:00');
const PUBLISH_STEP_MS = 37 * 60 * 1000;
const CATEGORIES = [
  'Hoạt động khoa giáo', 'Giáo dục và đào tạo', 'Khoa học và công nghệ', 'Y tế và sức khỏe', 'Văn hóa và xã hội',
  'Môi trường', 'Nông nghiệp và nông thôn', 'Chuyển đổi số', 'Gương điển hình', 'Tin tổng hợp',
];
const TAGS = [
  'Khoa giáo', 'Tọa đàm', 'Hội nghị', 'Hội thảo', 'Sơ kết', 'Tổng kết', 'Nghị quyết', 'Chỉ thị', 'Ban Tuyên giáo',
  'Tỉnh ủy', 'Học sinh giỏi', 'Tuyển sinh', 'Đại học', 'Giáo dục nghề nghiệp', 'Giáo viên', 'Sáng kiến', 'Đổi mới sáng tạo',
  'Khởi nghiệp', 'Chuyển giao công nghệ', 'Sở hữu trí tuệ', 'Tiêm chủng', 'Bệnh viện', 'Y tế cơ sở', 'Dân số',
  'An toàn thực phẩm', 'Di tích', 'Lễ hội', 'Thư viện', 'Thể thao', 'Du lịch', 'Rác thải', 'Nước sạch', 'Biến đổi khí hậu',
  'Nông thôn mới', 'OCOP', 'Hợp tác xã', 'Chính quyền số', 'Dịch vụ công', 'An toàn thông tin', 'Người tốt việc tốt',
  'Thi đua', 'Khen thưởng', 'Thanh niên', 'Phụ nữ', 'Cựu chiến binh', 'Duy Tiên', 'Kim Bảng', 'Thanh Liêm', 'Bình Lục',
  'Lý Nhân',
];
const EVENTS = [
  { kind: 'toaDam', title: 'Tọa đàm “Nâng cao chất lượng, hiệu quả công tác khoa giáo trên địa bàn tỉnh Hà Nam”' },
  { kind: 'hoiNghi', title: 'Hội nghị sơ kết công tác khoa giáo 6 tháng đầu năm' },
  { kind: 'hoiThao', title: 'Hội thảo khoa học về chuyển đổi số trong giáo dục' },
  { kind: 'le', title: 'Lễ tuyên dương học sinh giỏi cấp quốc gia' },
  { kind: 'khac', title: 'Ngày hội sáng tạo khoa học kỹ thuật tỉnh Hà Nam' },
];
const TITLE_STEMS = [
  'Tọa đàm “Nâng cao chất lượng, hiệu quả công tác khoa giáo trên địa bàn tỉnh Hà Nam”',
  'Hội nghị sơ kết công tác khoa giáo 6 tháng đầu năm',
  'Phổ biến kiến thức khoa học, công nghệ đến cán bộ, đảng viên và nhân dân',
  'Kiểm tra việc thực hiện các chỉ thị, nghị quyết của Đảng về lĩnh vực khoa giáo',
  'Nâng cao chất lượng giáo dục toàn diện, giáo dục mũi nhọn trong tỉnh',
  'Nhân rộng điển hình tiên tiến trong thực hiện công tác khoa giáo',
];
const TAG_OFFSETS = [0, 13, 29, 41];

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

/** Article number i (from 1): 5.5–6.5 KB of HTML paragraphs, a different mix and length for each i. */
function articleItem(paragraphs, eventIds, i) {
  const target = 5500 + ((i * 211) % 1000);
  const first = paragraphs[i % paragraphs.length];
  const parts = [`<p><strong>Kỳ ${i}.</strong> ${escapeHtml(first)}</p>`];
  let bytes = Buffer.byteLength(parts[0]);
  for (let k = 1; bytes < target; k++) {
    const part = `<p>${escapeHtml(paragraphs[(i + k * 3) % paragraphs.length])}</p>`;
    parts.push(part);
    bytes += Buffer.byteLength(part);
  }
  const article = {
    title: `${TITLE_STEMS[i % TITLE_STEMS.length]} (kỳ ${i})`,
    summary: `Kỳ ${i}: ${first.split(/(?<=\.)\s/)[0].slice(0, 400)}`,
    body: parts.join(''),
    category: CATEGORIES[i % CATEGORIES.length],
    tags: TAG_OFFSETS.slice(0, 2 + (i % 3)).map((offset) => TAGS[(i * 7 + offset) % TAGS.length]),
  };
  if (i % 10 === 0) article.eventId = eventIds[(i / 10) % eventIds.length];
  const publishedAt = new Date(FIRST_PUBLISHED_MS + (i - 1) * PUBLISH_STEP_MS).toISOString();
  return { source: SOURCE, externalId: `reads-${i}`, article, publishedAt };
}

// --- HTTP ------------------------------------------------------------------------------------------

async function post(path, body, extraHeaders = {}) {
  const headers = { authorization: `ApiKey ${setting('ADMIN_KEY')}`, ...extraHeaders };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${setting('BASE_URL')}${path}`, {
    method: 'POST',
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(120_000),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

async function createEvents() {
  const ids = [];
  for (const [n, event] of EVENTS.entries()) {
    const startsAt = new Date(FIRST_PUBLISHED_MS + n * 30 * 24 * 3600 * 1000).toISOString();
    const created = await post('/api/v1/admin/events', { ...event, startsAt, location: 'Phủ Lý, Hà Nam', summary: event.title });
    if (created.status !== 201) throw new SetupError(`POST /api/v1/admin/events answered ${created.status}: ${created.text.slice(0, 300)}`);
    const { id } = JSON.parse(created.text);
    const published = await post(`/api/v1/admin/events/${id}/publish`, undefined, { 'if-match': created.headers.get('etag') ?? '' });
    if (published.status !== 200) throw new SetupError(`publishing event ${id} answered ${published.status}: ${published.text.slice(0, 300)}`);
    ids.push(id);
  }
  return ids;
}

// --- load ------------------------------------------------------------------------------------------

async function load() {
  const articles = whole('ARTICLES');
  const batchSize = whole('BATCH_SIZE');
  const concurrency = whole('CONCURRENCY');
  const paragraphs = loadParagraphs();
  const eventIds = await createEvents();

  const statuses = new Map();
  const problems = [];
  const count = (status, n = 1) => statuses.set(status, (statuses.get(status) ?? 0) + n);
  let next = 1;
  let bytes = 0;
  async function worker() {
    while (next <= articles) {
      const first = next;
      const last = Math.min(articles, first + batchSize - 1);
      next = last + 1;
      const items = [];
      for (let i = first; i <= last; i++) {
        const item = articleItem(paragraphs, eventIds, i);
        bytes += Buffer.byteLength(item.article.body);
        items.push(item);
      }
      let answer;
      try {
        answer = await post('/api/v1/admin/articles/batch', { items });
      } catch (error) {
        count('request error', items.length);
        problems.push(`items ${first}-${last}: ${error.message}`);
        continue;
      }
      if (answer.status !== 200) {
        count(`batch ${answer.status}`, items.length);
        problems.push(`items ${first}-${last}: batch answered ${answer.status}: ${answer.text.slice(0, 300)}`);
        continue;
      }
      const answered = JSON.parse(answer.text).items ?? [];
      for (const item of answered) {
        count(String(item.status));
        if (!(item.status >= 200 && item.status < 300)) {
          problems.push(`reads-${first + item.index}: ${item.status} ${JSON.stringify(item.problem ?? null).slice(0, 300)}`);
        }
      }
      if (answered.length !== items.length) count('not answered', items.length - answered.length);
    }
  }

  log(`loading ${articles} articles: batches of up to ${batchSize}, ${concurrency} in flight, ${EVENTS.length} events`);
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  const ok = [...statuses].filter(([status]) => /^2\d\d$/.test(status)).reduce((s, [, n]) => s + n, 0);
  const statusText = [...statuses].sort().map(([k, v]) => `${k}: ${v}`).join(', ');
  log(`loaded ${ok}/${articles} in ${seconds.toFixed(1)} s (${(ok / seconds).toFixed(0)}/s), mean body ${(bytes / articles).toFixed(0)} bytes; statuses ${statusText}`);
  for (const problem of problems.slice(0, 10)) log(`  ${problem}`);
  // One line for reads.sh: loaded, seconds, mean body bytes.
  process.stdout.write(`LOAD_RESULT ${ok} ${seconds.toFixed(1)} ${(bytes / articles).toFixed(0)}\n`);
  return ok === articles ? 0 : EXIT_FAILED;
}

// --- writes ----------------------------------------------------------------------------------------

/** Creates and publishes article i (numbered after the loaded ones); answers the milliseconds both took. */
async function createAndPublish(paragraphs, eventIds, i) {
  const { article, publishedAt, externalId } = articleItem(paragraphs, eventIds, i);
  const started = performance.now();
  const created = await post('/api/v1/admin/articles', { ...article, source: { name: SOURCE, externalId } });
  if (created.status !== 201) throw new Error(`creating ${externalId} answered ${created.status}: ${created.text.slice(0, 300)}`);
  const { id } = JSON.parse(created.text);
  const published = await post(`/api/v1/admin/articles/${id}/publish`, { publishedAt }, { 'if-match': created.headers.get('etag') ?? '' });
  if (published.status !== 200) throw new Error(`publishing ${externalId} answered ${published.status}: ${published.text.slice(0, 300)}`);
  return performance.now() - started;
}

function percentile(sorted, p) {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function writes() {
  const first = whole('ARTICLES') + 1;
  const [count, warmup, concurrency] = [whole('WRITES'), whole('WRITE_WARMUP'), whole('WRITE_CONCURRENCY')];
  const paragraphs = loadParagraphs();
  const eventIds = [];
  const problems = [];
  const durations = [];
  let next = first;
  async function worker(last, timed) {
    while (next <= last) {
      const i = next++;
      try {
        const ms = await createAndPublish(paragraphs, eventIds, i);
        if (timed) durations.push(ms);
      } catch (error) {
        problems.push(error.message);
      }
    }
  }

  log(`writing ${warmup} articles untimed, then ${count}: create and publish, ${concurrency} at a time`);
  await Promise.all(Array.from({ length: concurrency }, () => worker(first + warmup - 1, false)));
  // One line for reads.sh, printed when the timed writes start: it samples the CPU counters then.
  process.stdout.write('WRITES_START\n');
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, () => worker(first + warmup + count - 1, true)));
  const seconds = (performance.now() - started) / 1000;
  const sorted = durations.sort((a, b) => a - b);
  log(`wrote ${durations.length}/${count} in ${seconds.toFixed(1)} s (${(durations.length / seconds).toFixed(0)}/s), `
    + `create and publish p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms`);
  for (const problem of problems.slice(0, 10)) log(`  ${problem}`);
  // One line for reads.sh: written (timed), seconds, p50 and p99 ms of one create-and-publish.
  process.stdout.write(`WRITE_RESULT ${durations.length} ${seconds.toFixed(2)} ${percentile(sorted, 50).toFixed(1)} ${percentile(sorted, 99).toFixed(1)}\n`);
  return problems.length === 0 ? 0 : EXIT_FAILED;
}

// --- same ------------------------------------------------------------------------------------------

const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

/** A timestamp as whole seconds since 1970 and its fraction to 100 ns, whatever its offset or trailing zeros. */
function instant(text) {
  const fraction = TIMESTAMP.exec(text)[1] ?? '';
  const seconds = Date.parse(text.replace(fraction, '')) / 1000;
  return `${seconds}.${fraction.slice(1).padEnd(7, '0')}`;
}

/** The first place where a and b differ, as "path: a | b", or null. */
function difference(a, b, path) {
  if (typeof a === 'string' && typeof b === 'string' && TIMESTAMP.test(a) && TIMESTAMP.test(b)) {
    return instant(a) === instant(b) ? null : `${path}: ${a} | ${b}`;
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    return a === b ? null : `${path}: ${JSON.stringify(a)?.slice(0, 80)} | ${JSON.stringify(b)?.slice(0, 80)}`;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: array | object`;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if (!(key in a) || !(key in b)) return `${path}.${key}: ${key in a ? 'present' : 'missing'} | ${key in b ? 'present' : 'missing'}`;
    const found = difference(a[key], b[key], Array.isArray(a) ? `${path}[${key}]` : `${path}.${key}`);
    if (found) return found;
  }
  return null;
}

function same(fileA, fileB) {
  if (!fileA || !fileB) throw new SetupError('usage: node reads.mjs same <a.json> <b.json>');
  const read = (file) => {
    try {
      return JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new SetupError(`${file}: ${error.message}`);
    }
  };
  const found = difference(read(fileA), read(fileB), '$');
  if (found) {
    process.stdout.write(`${found}\n`);
    return EXIT_FAILED;
  }
  return 0;
}

// --- main ------------------------------------------------------------------------------------------

let code;
try {
  const [command, ...args] = process.argv.slice(2);
  if (command === 'load') code = await load();
  else if (command === 'writes') code = await writes();
  else if (command === 'same') code = same(args[0], args[1]);
  else throw new SetupError(`usage: node reads.mjs load | writes | same <a.json> <b.json> (got '${process.argv.slice(2).join(' ')}')`);
} catch (error) {
  log(`error: ${error instanceof SetupError ? error.message : error.stack ?? error}`);
  code = error instanceof SetupError ? EXIT_SETUP : EXIT_FAILED;
}
process.exitCode = code;
