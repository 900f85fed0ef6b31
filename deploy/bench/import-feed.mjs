// Fixture of deploy/bench/import.sh: writes the RSS 2.0 feed the importer reads, and serves it over HTTP.
// Node 20 or later; built-in modules only.
//
//   node deploy/bench/import-feed.mjs --out <file> [--items <n>] [--edit-every <k> --edit-tag <tag>] [--titles <file>]
//       writes the feed (UTF-8) to <file>, through a temporary file renamed over it, so a server reading the old one
//       is not disturbed. --items: how many items (default: ITEMS, else 10000). --edit-every k: every k-th item
//       (bhn-k, bhn-2k, …) gets another title and body, marked with --edit-tag (default v2), so a re-import updates
//       exactly those. --titles: also writes one line per item, tab-separated, for the database checks:
//       external id (the guid), title, edited (t/f), and the ASCII marker an edited body holds (empty otherwise).
//       Prints "key value" lines on stdout: items, edited, bytes, body_bytes_min, body_bytes_mean, body_bytes_max.
//   node deploy/bench/import-feed.mjs serve --dir <dir> --port-file <file>
//       serves the files of <dir> on 127.0.0.1 (a free port, written to <file> once listening): GET and HEAD, 200
//       with the whole file every time (no ETag, Last-Modified or conditional answers, Cache-Control: no-store),
//       one line per request on stdout: method, path, status, bytes, ms, user agent. Stops on SIGTERM or SIGINT.
//
// The feed, item n from 1 (newest first):
//   title        Vietnamese, unique: "<one of a few headlines> – kỳ <n>"; edited: "… – kỳ <n> (cập nhật <tag>)"
//   link         https://baohanam.example/tin/<n>.html
//   guid         bhn-<n> (isPermaLink="false")
//   pubDate      RFC 822 in +0700, 47 minutes apart going back from 2023-08-16 18:00 (10,000 items span ~326 days)
//   dc:creator, 1–3 category elements, description (a summary, plain text)
//   content:encoded  3–5 KB of HTML paragraphs cut from src/KhoaGiao.Api/Data/Demo/seed-article.txt (or SEED_ARTICLE)
//                with a relative <img src="/uploads/<n>.jpg"> in a figure with a figcaption; an edited body opens
//                with a paragraph holding the marker bhn-<n>-<tag>
//   media:content  url="https://baohanam.example/uploads/<n>.jpg" medium="image"
// The same arguments always write the same bytes: an unedited item is identical in every version of the feed.
// Exit code: 0 on success, 2 on a usage or setup error.

import { closeSync, createReadStream, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream';
import { fileURLToPath } from 'node:url';

const EXIT_SETUP = 2;

class SetupError extends Error {}

function log(message) {
  process.stderr.write(`[import-feed.mjs ${new Date().toTimeString().slice(0, 8)}] ${message}\n`);
}

function parseArgs(argv, known) {
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    if (!name.startsWith('--') || !known.includes(name.slice(2))) throw new SetupError(`unknown argument '${name}'`);
    if (i + 1 >= argv.length) throw new SetupError(`${name} needs a value`);
    options[name.slice(2)] = argv[++i];
  }
  return options;
}

function wholeNumber(text, what, min) {
  if (!/^[0-9]+$/.test(String(text)) || Number(text) < min) throw new SetupError(`${what} must be a whole number of at least ${min}, got '${text}'`);
  return Number(text);
}

// --- content ---------------------------------------------------------------------------------------

const SITE = 'https://baohanam.example';
const ANCHOR_MS = Date.parse('2023-08-16T18:00:00+07:00');
const STEP_MS = 47 * 60 * 1000;
const BODY_MIN_BYTES = 3000;
const BODY_MAX_BYTES = 5000;
const HEADLINES = [
  'Tọa đàm “Nâng cao chất lượng, hiệu quả công tác khoa giáo trên địa bàn tỉnh Hà Nam”',
  'Hội nghị sơ kết công tác khoa giáo 6 tháng đầu năm',
  'Phổ biến kiến thức khoa học, công nghệ đến cán bộ, đảng viên và nhân dân',
  'Kiểm tra việc thực hiện các chỉ thị, nghị quyết của Đảng về lĩnh vực khoa giáo',
  'Nâng cao chất lượng giáo dục toàn diện, giáo dục mũi nhọn trong tỉnh',
  'Nhân rộng điển hình tiên tiến trong thực hiện công tác khoa giáo',
  'Đẩy mạnh chuyển đổi số trong y tế cơ sở',
  'Bảo tồn và phát huy giá trị di sản văn hóa trên quê hương Hà Nam',
];
const CATEGORIES = ['Khoa giáo', 'Giáo dục', 'Y tế', 'Khoa học – Công nghệ', 'Văn hóa', 'Xã hội', 'Thời sự'];
const AUTHORS = ['Minh Hằng', 'Thu Trang', 'Đức Anh', 'Ngọc Lan', 'Việt Hưng'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const escapeXml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const cdata = (text) => `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
const two = (n) => String(n).padStart(2, '0');

/** RFC 822 date of an instant, as the time in +0700. */
function rfc822(ms) {
  const d = new Date(ms + 7 * 3600 * 1000);
  return `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ` +
    `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0700`;
}

/** The seed article's paragraphs (120+ characters) and captions (the short lines between them), up to its footer. */
function loadSeed() {
  const path = process.env.SEED_ARTICLE ||
    resolve(dirname(fileURLToPath(import.meta.url)), '../../src/KhoaGiao.Api/Data/Demo/seed-article.txt');
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SetupError(`cannot read ${path}: ${error.message}`);
  }
  const paragraphs = [];
  const captions = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('Nguồn ')) break; // the page's footer follows the source line
    if (line.length >= 120) paragraphs.push(line);
    else if (paragraphs.length > 0 && line.length >= 15) captions.push(line); // the lines before the first are the page's header
  }
  if (paragraphs.length < 4) throw new SetupError(`${path} has ${paragraphs.length} paragraphs of 120+ characters; need 4`);
  if (captions.length === 0) throw new SetupError(`${path} has no caption lines (15–119 characters between paragraphs)`);
  return { paragraphs, captions };
}

/** The longest start of a paragraph's text, cut after a sentence (else a word), whose <p> fits in bytes. */
function cutParagraph(text, bytes) {
  const room = bytes - Buffer.byteLength('<p></p>');
  if (room < 200) return null;
  let cut = text;
  while (Buffer.byteLength(escapeXml(cut)) > room) {
    const sentence = cut.lastIndexOf('. ', cut.length - 2);
    const word = cut.lastIndexOf(' ', cut.length - 2);
    const at = sentence > 0 && Buffer.byteLength(escapeXml(cut.slice(0, sentence + 1))) > room / 2 ? sentence + 1 : word;
    if (at <= 0) return null;
    cut = cut.slice(0, at);
  }
  return `<p>${escapeXml(cut)}</p>`;
}

function articleOf(seed, n, editTag) {
  const { paragraphs, captions } = seed;
  const headline = HEADLINES[n % HEADLINES.length];
  const title = editTag ? `${headline} – kỳ ${n} (cập nhật ${editTag})` : `${headline} – kỳ ${n}`;
  const first = paragraphs[n % paragraphs.length];
  const caption = captions[n % captions.length];
  const marker = editTag ? `bhn-${n}-${editTag}` : '';
  const parts = [];
  if (editTag) {
    parts.push(`<p><em>Cập nhật ${escapeXml(editTag)} (${marker}):</em> bài viết đã được biên tập lại, bổ sung thông tin mới.</p>`);
  }
  parts.push(`<p><strong>Kỳ ${n}.</strong> ${escapeXml(first)}</p>`);
  parts.push(`<figure><img src="/uploads/${n}.jpg" alt="${escapeXml(caption)}"><figcaption>${escapeXml(caption)}</figcaption></figure>`);
  // Bytes of the body so far: the parts and the line breaks between them.
  let bytes = parts.reduce((s, p) => s + Buffer.byteLength(p), parts.length - 1);
  const target = BODY_MIN_BYTES + 200 + ((n * 211) % 1400); // 3.2–4.6 KB before the last paragraph is cut to fit
  for (let k = 1; bytes < target; k++) {
    const text = paragraphs[(n + k * 3) % paragraphs.length];
    let part = `<p>${escapeXml(text)}</p>`;
    if (bytes + 1 + Buffer.byteLength(part) > BODY_MAX_BYTES) {
      part = cutParagraph(text, BODY_MAX_BYTES - bytes - 1);
      if (part === null) break;
    }
    parts.push(part);
    bytes += 1 + Buffer.byteLength(part);
  }
  const sentence = first.split(/(?<=\.)\s/)[0].slice(0, 400);
  return { title, summary: `Kỳ ${n}: ${sentence}`, body: parts.join('\n'), marker };
}

function itemXml(seed, n, editTag) {
  const article = articleOf(seed, n, editTag);
  const categories = [];
  for (let k = 0; k < 1 + (n % 3); k++) categories.push(CATEGORIES[(n + k * 2) % CATEGORIES.length]);
  const xml = [
    '    <item>',
    `      <title>${escapeXml(article.title)}</title>`,
    `      <link>${SITE}/tin/${n}.html</link>`,
    `      <guid isPermaLink="false">bhn-${n}</guid>`,
    `      <pubDate>${rfc822(ANCHOR_MS - (n - 1) * STEP_MS)}</pubDate>`,
    `      <dc:creator>${escapeXml(AUTHORS[n % AUTHORS.length])}</dc:creator>`,
    ...categories.map((c) => `      <category>${escapeXml(c)}</category>`),
    `      <description>${escapeXml(article.summary)}</description>`,
    `      <content:encoded>${cdata(article.body)}</content:encoded>`,
    `      <media:content url="${SITE}/uploads/${n}.jpg" medium="image" type="image/jpeg" width="1200" height="800"/>`,
    '    </item>',
    '',
  ].join('\n');
  return { xml, article };
}

function writeFeed(options) {
  const out = options.out;
  if (!out) throw new SetupError('--out <file> is needed');
  const items = wholeNumber(options.items ?? process.env.ITEMS ?? 10000, 'the item count (--items or ITEMS)', 1);
  const editEvery = options['edit-every'] === undefined ? 0 : wholeNumber(options['edit-every'], '--edit-every', 1);
  const editTag = options['edit-tag'] ?? 'v2';
  if (!/^[A-Za-z0-9.-]{1,20}$/.test(editTag)) throw new SetupError(`--edit-tag must be 1–20 letters, digits, dots or dashes, got '${editTag}'`);
  const seed = loadSeed();

  const temporary = `${out}.tmp-${process.pid}`;
  const fd = openSync(temporary, 'w');
  let pending = [];
  let pendingBytes = 0;
  let total = 0;
  const write = (text) => {
    pending.push(text);
    pendingBytes += text.length;
    if (pendingBytes >= 1 << 20) flush();
  };
  const flush = () => {
    const buffer = Buffer.from(pending.join(''), 'utf8');
    writeSync(fd, buffer);
    total += buffer.length;
    pending = [];
    pendingBytes = 0;
  };

  const titles = [];
  let edited = 0;
  let bodyMin = Infinity;
  let bodyMax = 0;
  let bodySum = 0;
  try {
    write([
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">',
      '  <channel>',
      '    <title>Báo Hà Nam – Tin tổng hợp</title>',
      `    <link>${SITE}/</link>`,
      '    <description>Tin tức thời sự, khoa giáo, văn hóa và xã hội của tỉnh Hà Nam.</description>',
      '    <language>vi</language>',
      // An edited feed is a later build of the same channel.
      `    <lastBuildDate>${rfc822(ANCHOR_MS + (editEvery > 0 ? 3600 * 1000 : 0))}</lastBuildDate>`,
      '',
    ].join('\n'));
    for (let n = 1; n <= items; n++) {
      const tag = editEvery > 0 && n % editEvery === 0 ? editTag : null;
      const { xml, article } = itemXml(seed, n, tag);
      write(xml);
      const bodyBytes = Buffer.byteLength(article.body);
      bodyMin = Math.min(bodyMin, bodyBytes);
      bodyMax = Math.max(bodyMax, bodyBytes);
      bodySum += bodyBytes;
      if (tag) edited++;
      if (options.titles) titles.push(`bhn-${n}\t${article.title}\t${tag ? 't' : 'f'}\t${article.marker}\n`);
    }
    write('  </channel>\n</rss>\n');
    flush();
    closeSync(fd);
  } catch (error) {
    try {
      closeSync(fd);
      unlinkSync(temporary);
    } catch {
      // Already closed or gone.
    }
    throw new SetupError(`cannot write ${out}: ${error.message}`);
  }
  renameSync(temporary, out);
  if (options.titles) writeFileSync(options.titles, titles.join(''));

  process.stdout.write([
    `items ${items}`,
    `edited ${edited}`,
    `bytes ${total}`,
    `body_bytes_min ${bodyMin}`,
    `body_bytes_mean ${Math.round(bodySum / items)}`,
    `body_bytes_max ${bodyMax}`,
    '',
  ].join('\n'));
  log(`${out}: ${items} items (${edited} edited), ${(total / 1048576).toFixed(1)} MiB`);
}

// --- server ----------------------------------------------------------------------------------------

function serve(options) {
  if (!options.dir || !options['port-file']) throw new SetupError('serve needs --dir <dir> and --port-file <file>');
  const dir = resolve(options.dir);
  const server = createServer((request, response) => {
    const started = performance.now();
    let status = 200;
    let bytes = 0;
    const done = () => {
      const agent = (request.headers['user-agent'] ?? '-').replace(/\s+/g, '_');
      process.stdout.write(`${request.method} ${request.url} ${status} ${bytes} ${(performance.now() - started).toFixed(1)} ${agent}\n`);
    };
    response.on('close', done);
    const answer = (code, text) => {
      status = code;
      response.writeHead(code, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      response.end(text);
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') return answer(405, 'GET or HEAD only\n');
    const name = new URL(request.url, 'http://127.0.0.1').pathname.slice(1);
    if (!/^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(name)) return answer(404, 'not found\n');
    const path = join(dir, name);
    let size;
    try {
      const stat = statSync(path);
      if (!stat.isFile()) return answer(404, 'not found\n');
      size = stat.size;
    } catch {
      return answer(404, 'not found\n');
    }
    response.writeHead(200, {
      'content-type': name.endsWith('.xml') ? 'application/rss+xml; charset=utf-8' : 'application/octet-stream',
      'content-length': size,
      'cache-control': 'no-store',
    });
    if (request.method === 'HEAD') return response.end();
    const stream = createReadStream(path);
    stream.on('data', (chunk) => {
      bytes += chunk.length;
    });
    pipeline(stream, response, () => {}); // a client that hangs up ends the read; nothing to report beyond the log line
  });
  server.on('error', (error) => {
    log(`error: ${error.message}`);
    process.exit(EXIT_SETUP);
  });
  server.listen(0, '127.0.0.1', () => {
    const portFile = options['port-file'];
    writeFileSync(`${portFile}.tmp`, `${server.address().port}\n`);
    renameSync(`${portFile}.tmp`, portFile);
    log(`serving ${dir} on http://127.0.0.1:${server.address().port}/`);
  });
  const stop = () => {
    server.close();
    server.closeAllConnections();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

// --- main ------------------------------------------------------------------------------------------

const argv = process.argv.slice(2);
try {
  if (argv[0] === 'serve') serve(parseArgs(argv.slice(1), ['dir', 'port-file']));
  else writeFeed(parseArgs(argv, ['out', 'items', 'edit-every', 'edit-tag', 'titles']));
} catch (error) {
  log(`error: ${error instanceof SetupError ? error.message : error.stack ?? error}`);
  process.exitCode = EXIT_SETUP;
}
