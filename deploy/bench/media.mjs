// Client of deploy/bench/media.sh: uploads the 12 MP phone photo, watches the media folder for the files made from it,
// asks for renditions that are missing, and writes the article the read phases GET. Node 20 or later; built-in modules
// only (fetch, FormData).
//
//   node deploy/bench/media.mjs uploads     UPLOAD_WARMUP untimed uploads, one at a time, each waiting for its files;
//                                            then UPLOADS uploads, UPLOAD_CONCURRENCY at a time, then waits until every
//                                            photo's files are in the folder (the drain)
//   node deploy/bench/media.mjs background  BACKGROUND_PHOTOS uploads one at a time, each waiting until its own files
//                                            are all in the folder before the next is sent
//   node deploy/bench/media.mjs on-demand   ON_DEMAND_WARMUP + ON_DEMAND_TRIES times: deletes ON_DEMAND_FILE of a
//                                            photo whose files are all made, GETs it, and times the answer; then GETs
//                                            it again (now stored)
//   node deploy/bench/media.mjs article     creates and publishes the article of the read phases: the first photo of
//                                            IDS_FILE as its cover, the second in its body
//
// media.sh sets the environment (it documents the settings):
//   BASE_URL     the service's base URL              ADMIN_KEY    the bootstrap admin key
//   PHOTO        the JPEG to upload                  MEDIA_DIR    <Media:LocalPath>/media, where each photo's folder is
//   IDS_FILE     uploads and background append "<id> <file names, comma-separated>" lines; on-demand and article read them
//   UPLOADS, UPLOAD_CONCURRENCY, UPLOAD_WARMUP, DRAIN_TIMEOUT, BACKGROUND_PHOTOS, RENDER_TIMEOUT, ON_DEMAND_TRIES, ON_DEMAND_WARMUP,
//   ON_DEMAND_FILE, SEED_ARTICLE (article: text its body is cut from)
//
// Every upload sends the same photo with a JPEG comment segment of its own (after the Exif block), so each has its own
// bytes and hash and is decoded and rendered in full like any other photo. The times of files come from their
// modification times: the service writes each file beside its name and moves it into place once written, so a file's
// mtime is when it was finished, whatever the polling interval.
//
// Prints one "BENCH_RESULT key=value …" line (and, for background, "BENCH_FILE name=… p50_ms=… p95_ms=…" lines) for
// media.sh. Exit code: 0 when every request answered as expected and every file appeared in time, 1 when not, 2 on a
// setup error.

import { appendFileSync, readdirSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { EXIT_FAILED, EXIT_SETUP, SetupError, setting, whole, logger } from './lib.mjs';

const log = logger('media.mjs');

/** Nearest rank, as the other benchmarks report percentiles. */
function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const ms = (value) => (Number.isFinite(value) ? value.toFixed(1) : 'nan');

// --- the photo -------------------------------------------------------------------------------------

let photoBytes;
function photo() {
  if (!photoBytes) {
    try {
      photoBytes = readFileSync(setting('PHOTO'));
    } catch (error) {
      throw new SetupError(`cannot read the photo: ${error.message}`);
    }
    if (photoBytes[0] !== 0xff || photoBytes[1] !== 0xd8) throw new SetupError(`${setting('PHOTO')} is not a JPEG`);
  }
  return photoBytes;
}

/** The photo with a COM segment (ITU T.81, B.2.4.5) holding the tag, placed after the APPn segments (Exif stays first). */
function uniquePhoto(tag) {
  const bytes = photo();
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff && bytes[at + 1] >= 0xe0 && bytes[at + 1] <= 0xef) {
    at += 2 + bytes.readUInt16BE(at + 2);
  }
  const text = Buffer.from(`KhoaGiao media benchmark ${tag}`, 'latin1');
  const segment = Buffer.alloc(4 + text.length);
  segment.writeUInt16BE(0xfffe, 0);
  segment.writeUInt16BE(2 + text.length, 2);
  text.copy(segment, 4);
  return Buffer.concat([bytes.subarray(0, at), segment, bytes.subarray(at)]);
}

// --- HTTP ------------------------------------------------------------------------------------------

const RUN_TAG = `${process.pid}-${Date.now()}`;
let uploadNumber = 0;

/**
 * Uploads one photo as an editor's browser does. Answers the milliseconds from sending to the whole answer, the
 * wall-clock time (Date.now) the answer was complete, the new id and the names of the files it will be served as.
 */
async function upload() {
  const n = ++uploadNumber;
  const form = new FormData();
  form.append('file', new Blob([uniquePhoto(`${RUN_TAG}-${n}`)], { type: 'image/jpeg' }), `IMG_20240816_${String(143000 + n)}.jpg`);
  form.append('alt', `Các đại biểu dự tọa đàm, ảnh số ${n}`);
  form.append('caption', `Tọa đàm “Nâng cao chất lượng, hiệu quả công tác khoa giáo trên địa bàn tỉnh Hà Nam” (ảnh ${n}).`);
  form.append('credit', 'Báo Hà Nam');
  const started = performance.now();
  const response = await fetch(`${setting('BASE_URL')}/api/v1/admin/media`, {
    method: 'POST',
    headers: { authorization: `ApiKey ${setting('ADMIN_KEY')}` },
    body: form,
    signal: AbortSignal.timeout(120_000),
  });
  const text = await response.text();
  const answeredAt = Date.now();
  const elapsed = performance.now() - started;
  if (response.status !== 201) throw new Error(`upload ${n} answered ${response.status}: ${text.slice(0, 300)}`);
  const body = JSON.parse(text);
  const names = [body.url, ...body.sources.map((source) => source.url)].map((url) => url.slice(url.lastIndexOf('/') + 1));
  return { id: body.id, names, elapsed, answeredAt, width: body.width, height: body.height };
}

async function post(path, body, extraHeaders = {}) {
  const response = await fetch(`${setting('BASE_URL')}${path}`, {
    method: 'POST',
    headers: { authorization: `ApiKey ${setting('ADMIN_KEY')}`, 'content-type': 'application/json', ...extraHeaders },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

// --- the media folder ------------------------------------------------------------------------------

const folderOf = (id) => join(setting('MEDIA_DIR'), id.replaceAll('-', ''));

/** The modification times (ms since 1970) of the named files of a photo, or null while any is missing. */
function fileTimes(item) {
  const folder = folderOf(item.id);
  let present;
  try {
    present = new Set(readdirSync(folder));
  } catch {
    return null;
  }
  if (!item.names.every((name) => present.has(name))) return null;
  return item.names.map((name) => statSync(join(folder, name)).mtimeMs);
}

/** Waits until every item's files are in the folder; answers each item's file times (null for an item timed out). */
async function waitForFiles(items, timeoutMs, pollMs) {
  const deadline = performance.now() + timeoutMs;
  const times = new Map();
  while (times.size < items.length && performance.now() < deadline) {
    for (const item of items) {
      if (!times.has(item.id)) {
        const found = fileTimes(item);
        if (found) times.set(item.id, found);
      }
    }
    if (times.size < items.length) await sleep(pollMs);
  }
  return items.map((item) => times.get(item.id) ?? null);
}

function recordIds(items) {
  for (const item of items) appendFileSync(setting('IDS_FILE'), `${item.id} ${item.names.join(',')}\n`);
}

function readIds() {
  return readFileSync(setting('IDS_FILE'), 'utf8').split('\n').filter(Boolean).map((line) => {
    const [id, names] = line.split(' ');
    return { id, names: names.split(',') };
  });
}

// --- uploads ---------------------------------------------------------------------------------------

async function uploads() {
  const [count, concurrency, drainTimeout, warmup] = [whole('UPLOADS'), whole('UPLOAD_CONCURRENCY'), whole('DRAIN_TIMEOUT'), whole('UPLOAD_WARMUP')];
  photo();
  const items = [];
  const problems = [];
  // A fresh service compiles the upload's and the renditions' code on first use: that is not what is measured.
  const warmItems = [];
  for (let n = 0; n < warmup; n++) {
    const item = await upload();
    const [times] = await waitForFiles([item], drainTimeout * 1000, 50);
    if (!times) throw new Error(`warm-up photo ${item.id}: not every file after ${drainTimeout} s`);
    warmItems.push(item);
  }
  if (warmup > 0) {
    recordIds(warmItems);
    log(`${warmup} untimed upload(s) and their files made`);
    await sleep(500);
  }
  let next = 0;
  async function worker() {
    while (next < count) {
      next++;
      try {
        items.push(await upload());
      } catch (error) {
        problems.push(error.message);
      }
    }
  }

  log(`uploading ${count} photos, ${concurrency} at a time`);
  const startedAt = Date.now();
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  const lastAnsweredAt = Math.max(...items.map((item) => item.answeredAt));
  const firstAnsweredAt = Math.min(...items.map((item) => item.answeredAt));
  const latencies = items.map((item) => item.elapsed);
  log(`${items.length}/${count} uploaded in ${seconds.toFixed(2)} s (${(items.length / seconds).toFixed(2)}/s), `
    + `p50 ${ms(percentile(latencies, 50))} ms, p95 ${ms(percentile(latencies, 95))} ms; waiting for every file`);
  recordIds(items);

  const times = await waitForFiles(items, drainTimeout * 1000, 100);
  const missing = times.filter((t) => t === null).length;
  const lastFile = Math.max(...times.filter(Boolean).flat());
  if (missing > 0) problems.push(`${missing} of ${items.length} photos did not have every file after ${drainTimeout} s`);
  const drainAll = (lastFile - startedAt) / 1000;
  const drainAfter = (lastFile - lastAnsweredAt) / 1000;
  // Renditions start with the first 201; from then to the last file, the background made this many photos a second.
  const renderRate = items.length / ((lastFile - firstAnsweredAt) / 1000);
  // Per photo: its 201 to its last file, queueing behind the photos before it included.
  const perPhoto = items.map((item, i) => (times[i] ? Math.max(...times[i]) - item.answeredAt : NaN)).filter(Number.isFinite);
  log(`every file of ${items.length - missing} photos made ${drainAll.toFixed(1)} s after the first upload was sent, `
    + `${drainAfter.toFixed(1)} s after the last 201 (${renderRate.toFixed(2)} photos/s)`);
  for (const problem of problems.slice(0, 10)) log(`  ${problem}`);
  process.stdout.write(`BENCH_RESULT uploaded=${items.length} seconds=${seconds.toFixed(3)} rate=${(items.length / seconds).toFixed(3)} `
    + `p50_ms=${ms(percentile(latencies, 50))} p95_ms=${ms(percentile(latencies, 95))} max_ms=${ms(Math.max(...latencies))} `
    + `drain_s=${drainAll.toFixed(2)} drain_after_s=${drainAfter.toFixed(2)} render_rate=${renderRate.toFixed(3)} `
    + `photo_done_p50_s=${(percentile(perPhoto, 50) / 1000).toFixed(2)} photo_done_max_s=${(Math.max(...perPhoto) / 1000).toFixed(2)} `
    + `files=${items[0]?.names.length ?? 0} width=${items[0]?.width ?? 0} height=${items[0]?.height ?? 0} `
    + `upload_bytes=${uniquePhoto('x').length} warmup=${warmup} missing=${missing} errors=${problems.length}\n`);
  return problems.length === 0 ? 0 : EXIT_FAILED;
}

// --- background ------------------------------------------------------------------------------------

async function background() {
  const [count, renderTimeout] = [whole('BACKGROUND_PHOTOS'), whole('RENDER_TIMEOUT')];
  photo();
  const totals = [];
  const uploadTimes = [];
  const fileSteps = new Map();
  const problems = [];
  const done = [];
  log(`uploading ${count} photos one at a time, each after the files of the one before are made`);
  for (let n = 1; n <= count; n++) {
    let item;
    try {
      item = await upload();
    } catch (error) {
      problems.push(error.message);
      continue;
    }
    uploadTimes.push(item.elapsed);
    const [times] = await waitForFiles([item], renderTimeout * 1000, 10);
    if (!times) {
      problems.push(`photo ${item.id}: not every file after ${renderTimeout} s`);
      continue;
    }
    done.push(item);
    totals.push(Math.max(...times) - item.answeredAt);
    // The files are made one after the other; each one's step is from the one finished before it (the first: the 201).
    const order = item.names.map((name, i) => ({ name, at: times[i] })).sort((a, b) => a.at - b.at);
    let previous = item.answeredAt;
    for (const { name, at } of order) {
      if (!fileSteps.has(name)) fileSteps.set(name, []);
      fileSteps.get(name).push(at - previous);
      previous = at;
    }
    log(`photo ${n}: upload ${ms(item.elapsed)} ms, every file ${ms(totals.at(-1))} ms after the 201`);
    // Nothing in flight between photos.
    await sleep(200);
  }
  recordIds(done);
  for (const problem of problems.slice(0, 10)) log(`  ${problem}`);
  for (const [name, steps] of fileSteps) {
    process.stdout.write(`BENCH_FILE name=${name} p50_ms=${ms(percentile(steps, 50))} p95_ms=${ms(percentile(steps, 95))}\n`);
  }
  process.stdout.write(`BENCH_RESULT photos=${totals.length} p50_ms=${ms(percentile(totals, 50))} p95_ms=${ms(percentile(totals, 95))} `
    + `min_ms=${ms(Math.min(...totals))} max_ms=${ms(Math.max(...totals))} `
    + `upload_p50_ms=${ms(percentile(uploadTimes, 50))} upload_p95_ms=${ms(percentile(uploadTimes, 95))} errors=${problems.length}\n`);
  return problems.length === 0 ? 0 : EXIT_FAILED;
}

// --- on demand -------------------------------------------------------------------------------------

async function timedGet(path) {
  const started = performance.now();
  const response = await fetch(`${setting('BASE_URL')}${path}`, { headers: { accept: 'image/webp,*/*' }, signal: AbortSignal.timeout(60_000) });
  const body = Buffer.from(await response.arrayBuffer());
  return { elapsed: performance.now() - started, status: response.status, type: response.headers.get('content-type'), bytes: body.length };
}

async function onDemand() {
  const [tries, warmup, file] = [whole('ON_DEMAND_TRIES'), whole('ON_DEMAND_WARMUP'), setting('ON_DEMAND_FILE')];
  const photos = readIds().filter((item) => item.names.includes(file) && fileTimes(item));
  if (photos.length === 0) throw new SetupError(`no photo with every file made, ${file} among them`);
  const made = [];
  const stored = [];
  const problems = [];
  let bytes = 0;
  log(`${warmup} untimed, then ${tries} timed: delete ${file} of a photo, GET it; ${photos.length} photos in turn`);
  for (let n = 0; n < warmup + tries; n++) {
    const item = photos[n % photos.length];
    const path = `/media/${item.id}/${file}`;
    unlinkSync(join(folderOf(item.id), file));
    await sleep(100);
    const first = await timedGet(path);
    const second = await timedGet(path);
    const ok = first.status === 200 && second.status === 200 && first.bytes > 0 && first.bytes === second.bytes
      && fileTimes(item) !== null && statSync(join(folderOf(item.id), file)).size === first.bytes;
    if (!ok) {
      problems.push(`${path}: ${first.status} (${first.bytes} bytes, ${first.type}), then ${second.status} (${second.bytes} bytes)`);
      continue;
    }
    if (n >= warmup) {
      made.push(first.elapsed);
      stored.push(second.elapsed);
      bytes = first.bytes;
    }
  }
  log(`made on request: p50 ${ms(percentile(made, 50))} ms, p95 ${ms(percentile(made, 95))} ms; `
    + `already stored: p50 ${ms(percentile(stored, 50))} ms`);
  for (const problem of problems.slice(0, 10)) log(`  ${problem}`);
  process.stdout.write(`BENCH_RESULT tries=${made.length} p50_ms=${ms(percentile(made, 50))} p95_ms=${ms(percentile(made, 95))} `
    + `min_ms=${ms(Math.min(...made))} max_ms=${ms(Math.max(...made))} stored_p50_ms=${ms(percentile(stored, 50))} `
    + `stored_p95_ms=${ms(percentile(stored, 95))} bytes=${bytes} photos=${photos.length} errors=${problems.length}\n`);
  return problems.length === 0 ? 0 : EXIT_FAILED;
}

// --- article ---------------------------------------------------------------------------------------

async function article() {
  const photos = readIds();
  if (photos.length < 2) throw new SetupError('the article needs two uploaded photos');
  const paragraphs = readFileSync(setting('SEED_ARTICLE'), 'utf8').split(/\r?\n/).map((line) => line.trim())
    .filter((line) => line.length >= 120).slice(0, 8);
  const escape = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const body = [
    ...paragraphs.slice(0, 3).map((p) => `<p>${escape(p)}</p>`),
    `<figure data-media-id="${photos[1].id}"></figure>`,
    ...paragraphs.slice(3).map((p) => `<p>${escape(p)}</p>`),
  ].join('');
  const created = await post('/api/v1/admin/articles', {
    title: 'Tọa đàm “Nâng cao chất lượng, hiệu quả công tác khoa giáo trên địa bàn tỉnh Hà Nam”',
    summary: paragraphs[0].slice(0, 400),
    body,
    coverImageId: photos[0].id,
    category: 'Hoạt động khoa giáo',
    tags: ['Khoa giáo', 'Tọa đàm'],
  });
  if (created.status !== 201) throw new Error(`POST /api/v1/admin/articles answered ${created.status}: ${created.text.slice(0, 300)}`);
  const { id, slug } = JSON.parse(created.text);
  const published = await post(`/api/v1/admin/articles/${id}/publish`, {}, { 'if-match': created.headers.get('etag') ?? '' });
  if (published.status !== 200) throw new Error(`publishing article ${id} answered ${published.status}: ${published.text.slice(0, 300)}`);
  process.stdout.write(`BENCH_RESULT slug=${slug} cover=${photos[0].id} figure=${photos[1].id}\n`);
  return 0;
}

// --- main ------------------------------------------------------------------------------------------

let code;
try {
  const [command] = process.argv.slice(2);
  if (command === 'uploads') code = await uploads();
  else if (command === 'background') code = await background();
  else if (command === 'on-demand') code = await onDemand();
  else if (command === 'article') code = await article();
  else throw new SetupError(`usage: node media.mjs uploads | background | on-demand | article (got '${process.argv.slice(2).join(' ')}')`);
} catch (error) {
  log(`error: ${error instanceof SetupError ? error.message : error.stack ?? error}`);
  code = error instanceof SetupError ? EXIT_SETUP : EXIT_FAILED;
}
process.exitCode = code;
