// Content generator and HTTP client of deploy/bench/search.sh. Node 20 or later; built-in modules only.
//
//   node deploy/bench/search.mjs content <dir>    write the pieces the loader combines into articles, as PostgreSQL
//                                                 COPY text files in <dir> (see "content" below)
//   node deploy/bench/search.mjs run <queries>    measure the search classes of the queries file (lines of
//                                                 "class<TAB>query") against the running service
//
// search.sh sets the environment of run (it documents the settings):
//   BASE_URL        the service's base URL       DURATION, CONCURRENCY
//   SERVER_PID      the service's process id, CLK_TCK: for the CPU columns (read from /proc)
//   SEED_ARTICLE    (content) the page the text is cut from, src/KhoaGiao.Api/Data/Demo/seed-article.txt
//
// content, deterministic (a seeded generator, no network), from the sentences of SEED_ARTICLE:
//   paragraphs.tsv  id, text   4,000 paragraphs of seed sentences in a random order, 1,340–1,580 bytes each (four of
//                              them make a 5.5–6.5 KB body)
//   titles.tsv      id, text   2,000 titles: 8–14 consecutive words of a seed sentence
//   summaries.tsv   id, text   2,000 summaries: 36–44 consecutive words of the seed text
//   rare.tsv        id, word, folded, prefix   Vietnamese-looking syllables with marks (onset × rhyme × tone), up to
//                              two tone variants of each folded form: no word of the seed, the names or the loader's
//                              own sentence folds to one of them or starts with one, so each one, typed with or without
//                              marks, finds only the articles it was put in (and, as a prefix, those of the rare forms
//                              that start with it: prefix is t for those)
//   names.tsv       id, name   5,000 person names, family × middle × given name ("Trần Hữu Kiên"), of the names' words
//                              that the seed text does not hold
//   misses.tsv      id, word   syllables like the rare ones that are in no article (nor start a word of one), and a
//                              few foreign words
//   phrases.tsv     id, phrase 40 runs of five consecutive words of a seed sentence (letters only)
//   words.tsv       id, word, folded, count   the seed's words in lower case as written, how often each is there
// run: first every phase's queries once, each answer checked (200; a miss finds no item, any other query some; the
// first item of a rare-1 query on /api/v1/search holds the syllable in its title or snippet) and its items counted;
// then per phase each query once more and CONCURRENCY clients for DURATION s; one "RESULT <json>" line per phase on
// stdout (latency percentiles, items, CPU per request, the slowest query, problems), progress on stderr.
// Exit code: 0 when every answer was 200 and every check passed, 1 when not, 2 on a setup error.

import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { EXIT_FAILED, EXIT_SETUP, SetupError, setting, whole, logger } from './lib.mjs';

const log = logger('search.mjs');

// --- text ------------------------------------------------------------------------------------------

/** A word as the search index holds it (khoagiao_fold): marks dropped, lower case, đ as d, y as i. */
function fold(text) {
  return text.normalize('NFD').replace(/[\u0300-\u036f]+/g, '').toLowerCase().replace(/đ/g, 'd').replace(/y/g, 'i');
}

/** The words of a text as search splits it (SearchText.Words): runs of letters, digits and marks. */
function words(text) {
  return text.normalize('NFC').replace(/[.:/@_\-+~\u201C\u201D\u2018\u2019\u00AB\u00BB\u2026\u2013\u2014\u00A0]/g, ' ')
    .match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
}

const escapeHtml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const capitalize = (text) => text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);

/** Seeded generator (mulberry32): the same content on every run. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle(items, next) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** The sentences of the seed page's article: from the line after "Lượt xem" to the source line. */
function seedSentences() {
  const path = setting('SEED_ARTICLE');
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SetupError(`cannot read ${path}: ${error.message}`);
  }
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  const start = lines.findIndex((line) => line.startsWith('Lượt xem'));
  const end = lines.findIndex((line) => line.startsWith('Nguồn '));
  if (start < 0 || end <= start) throw new SetupError(`${path}: no article text between "Lượt xem" and "Nguồn "`);
  const sentences = lines.slice(start + 1, end).filter((line) => line.length > 0)
    .flatMap((line) => line.split(/(?<=[.;!?…])\s+/)).map((s) => s.trim()).filter((s) => words(s).length >= 3);
  if (sentences.length < 20) throw new SetupError(`${path}: ${sentences.length} sentences; need 20`);
  return sentences;
}

// --- rare syllables --------------------------------------------------------------------------------

const ONSETS = ['', 'b', 'c', 'ch', 'd', 'đ', 'g', 'gh', 'gi', 'h', 'k', 'kh', 'l', 'm', 'n', 'ng', 'ngh', 'nh', 'p',
  'ph', 'qu', 'r', 's', 't', 'th', 'tr', 'v', 'x'];
const RHYMES = [
  'a', 'ai', 'am', 'an', 'ang', 'anh', 'ao', 'au', 'ay', 'ac', 'ach', 'ap', 'at', 'ăm', 'ăn', 'ăng', 'ăc', 'ăp', 'ăt',
  'âm', 'ân', 'âng', 'âu', 'ây', 'âc', 'âp', 'ât', 'e', 'em', 'en', 'eng', 'eo', 'ec', 'ep', 'et', 'ê', 'êm', 'ên',
  'ênh', 'êu', 'êch', 'êp', 'êt', 'i', 'ia', 'im', 'in', 'inh', 'iu', 'ich', 'ip', 'it', 'iêm', 'iên', 'iêng', 'iêu',
  'iêc', 'iêp', 'iêt', 'o', 'oa', 'oai', 'oan', 'oang', 'oanh', 'oay', 'oac', 'oach', 'oat', 'oăn', 'oăng', 'oăc',
  'oăt', 'oe', 'oen', 'oet', 'oi', 'om', 'on', 'ong', 'oc', 'op', 'ot', 'ô', 'ôi', 'ôm', 'ôn', 'ông', 'ôc', 'ôp', 'ôt',
  'ơ', 'ơi', 'ơm', 'ơn', 'ơp', 'ơt', 'u', 'ua', 'uân', 'uâng', 'uât', 'uê', 'uênh', 'ui', 'um', 'un', 'ung', 'uôi',
  'uôm', 'uôn', 'uông', 'uôc', 'uôt', 'uc', 'up', 'ut', 'uy', 'uya', 'uyên', 'uyêt', 'uynh', 'uych', 'uyp', 'uyt',
  'ư', 'ưa', 'ưi', 'ưng', 'ưc', 'ưt', 'ươi', 'ươm', 'ươn', 'ương', 'ươc', 'ươp', 'ươt', 'ươu', 'ưu',
];
// Grave, acute, hook, tilde, dot below; a syllable ending in p, t, c or ch takes only acute or dot below.
const TONES = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];
const VOWELS = 'aăâeêioôơuưy';

/** The rhyme with its tone on the vowel that carries it (old style: "hòa", "thúy"). */
function toned(rhyme, tone) {
  if (tone === '') return rhyme;
  const letters = [...rhyme];
  const nucleus = [];
  for (let i = 0; i < letters.length && VOWELS.includes(letters[i]); i++) nucleus.push(i);
  const marked = nucleus.filter((i) => 'ăâêôơư'.includes(letters[i]));
  let at;
  if (marked.length > 0) at = marked[marked.length - 1];
  else if (nucleus.length < letters.length) at = nucleus[nucleus.length - 1];
  else at = nucleus[nucleus.length === 3 ? 1 : 0];
  letters[at] += tone;
  return letters.join('').normalize('NFC');
}

/** Every onset × rhyme × tone Vietnamese spelling allows (roughly). */
function syllables() {
  const all = [];
  for (const onset of ONSETS) {
    for (const rhyme of RHYMES) {
      const front = /^[eêi]/.test(rhyme);
      if (['k', 'gh', 'ngh'].includes(onset) !== front && ['c', 'k', 'g', 'gh', 'ng', 'ngh'].includes(onset)) continue;
      if (onset === 'qu' && /^[uo]/.test(rhyme)) continue;
      if (onset === 'gi' && /^i/.test(rhyme)) continue;
      const checked = /(p|t|c|ch)$/.test(rhyme);
      for (const tone of TONES) {
        if (checked && tone !== '\u0301' && tone !== '\u0323') continue;
        const syllable = onset + toned(rhyme, tone);
        if (/[^\x00-\x7f]/.test(syllable)) all.push(syllable);
      }
    }
  }
  return all;
}

// --- names -----------------------------------------------------------------------------------------

// Candidates: search.mjs keeps those the seed text does not hold, so a name's three words are each common (one article
// in 15 to 45 has each) and rare together (only the articles naming that person have all three).
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô',
  'Dương', 'Lý', 'Đinh', 'Trịnh', 'Cao', 'Lương', 'Tạ', 'Đoàn', 'Lâm', 'Tô', 'Vương', 'Kiều', 'Chu', 'Quách', 'Thái',
  'Mạc', 'Triệu', 'Doãn', 'Lã', 'Đàm', 'Phùng', 'Âu', 'Kha', 'Tăng', 'Khổng', 'Giáp', 'Ninh', 'Lục', 'Hứa', 'Mẫn'];
const MIDDLE = ['Thị', 'Văn', 'Hữu', 'Đức', 'Minh', 'Thanh', 'Ngọc', 'Quang', 'Xuân', 'Thu', 'Hồng', 'Kim', 'Bảo', 'Gia',
  'Mạnh', 'Diệu', 'Thế', 'Khắc', 'Duy', 'Bích', 'Đình', 'Công', 'Trọng', 'Quốc', 'Như', 'Tiến', 'Bá', 'Hoài', 'Mỹ',
  'Tường', 'Thúy', 'Vĩnh', 'Nhật', 'Phúc'];
const GIVEN = ['Lụa', 'Hà', 'Long', 'An', 'Bình', 'Cường', 'Dũng', 'Giang', 'Hải', 'Hạnh', 'Hiếu', 'Hòa', 'Hùng', 'Hương',
  'Khánh', 'Lan', 'Linh', 'Mai', 'Nam', 'Nga', 'Phong', 'Phương', 'Quân', 'Sơn', 'Tâm', 'Thảo', 'Thắng', 'Trang', 'Tú',
  'Yến', 'Vy', 'Nhung', 'Loan', 'Đạt', 'Hiền', 'Huy', 'Kiên', 'Lộc', 'Ngân', 'Oanh', 'Quyên', 'Thủy', 'Uyên', 'Vinh',
  'Tùng', 'Dung', 'Hằng', 'Thư', 'Trâm', 'Nhi', 'Ngà', 'Diệp', 'Khuê', 'Quỳnh', 'Lam', 'Hậu', 'Toản', 'Thịnh', 'Lợi',
  'Tài', 'Hưng', 'Khải', 'Nguyên', 'Quyết', 'Sang', 'Tín', 'Trí', 'Tuyết', 'Vân', 'Xuyến', 'Thoa', 'Thuận', 'Phượng',
  'Đông', 'Hiển', 'Kỳ', 'Lực', 'Mừng', 'Ánh', 'Bằng', 'Chiến', 'Duyên', 'Giao', 'Hoan'];
const NAMES = 5000;

/** The sentence the loader adds to each body around the injected words (deploy/bench/search.sh). */
const LOADER_WORDS = 'Đồng chí đã trao đổi về mô hình tại';

const FOREIGN_MISSES = ['xylophone', 'zeppelin', 'quokka', 'fjord', 'wombat'];

// --- content ---------------------------------------------------------------------------------------

/** The COPY text format of one row. */
const row = (...fields) => fields.map((f) => String(f).replace(/\\/g, '\\\\').replace(/\t/g, ' ').replace(/\n/g, ' ')).join('\t');

function content(dir) {
  if (!dir) throw new SetupError('usage: node search.mjs content <dir>');
  mkdirSync(dir, { recursive: true });
  const next = random(20261207);
  const sentences = seedSentences();
  const pick = (list) => list[Math.floor(next() * list.length)];
  const between = (low, high) => low + Math.floor(next() * (high - low + 1));

  // Paragraphs: seed sentences in a random order up to a length, the last one cut at a word.
  const paragraphs = [];
  for (let id = 1; id <= 4000; id++) {
    const target = between(1340, 1580);
    let text = '';
    let previous = -1;
    while (true) {
      let s;
      do s = Math.floor(next() * sentences.length); while (s === previous);
      previous = s;
      const sentence = escapeHtml(sentences[s]);
      const joined = text === '' ? sentence : `${text} ${sentence}`;
      if (Buffer.byteLength(joined) <= target) {
        text = joined;
        continue;
      }
      const tokens = sentence.split(' ');
      let cut = text;
      for (const token of tokens) {
        const longer = cut === '' ? token : `${cut} ${token}`;
        if (Buffer.byteLength(longer) + 1 > target) break;
        cut = longer;
      }
      text = cut.replace(/[,;:“”]+$/, '') + (/[.;!?…]$/.test(cut) ? '' : '.');
      break;
    }
    paragraphs.push(row(id, text));
  }

  const tokenized = sentences.map((s) => s.split(/\s+/));
  const stream = tokenized.flat();
  const titles = [];
  for (let id = 1; id <= 2000; id++) {
    const long = tokenized.filter((t) => t.length >= 8);
    const tokens = pick(long);
    const length = Math.min(tokens.length, between(8, 14));
    const start = Math.floor(next() * (tokens.length - length + 1));
    titles.push(row(id, capitalize(tokens.slice(start, start + length).join(' ').replace(/[,;:.…“”()]+$/, ''))));
  }
  const summaries = [];
  for (let id = 1; id <= 2000; id++) {
    const length = between(36, 44);
    const start = Math.floor(next() * (stream.length - length));
    summaries.push(row(id, capitalize(stream.slice(start, start + length).join(' ').replace(/[,;:.…“”(]+$/, '')) + '.'));
  }

  // Names: family × middle × given of the words the seed does not hold, shuffled, the first NAMES.
  const seedWords = new Set([...sentences, LOADER_WORDS].flatMap((s) => words(s)).map(fold));
  const unseen = (list) => list.filter((w) => !seedWords.has(fold(w)));
  const [family, middle, given] = [unseen(FAMILY), unseen(MIDDLE), unseen(GIVEN)];
  const names = shuffle(family.flatMap((f) => middle.flatMap((m) => given.map((g) => `${f} ${m} ${g}`))), next).slice(0, NAMES);
  if (names.length < 1000) throw new SetupError(`only ${names.length} names of words the seed does not hold`);

  // Every word an article can hold besides the rare syllables, folded.
  const known = new Set([...sentences, ...names, LOADER_WORDS].flatMap((s) => words(s)).map(fold));
  const startsAnother = (word, others) => {
    for (const other of others) if (other !== word && other.startsWith(word)) return true;
    return false;
  };
  // Misses first: a few syllables that neither are nor start a word an article can hold (checked again below against
  // the rare ones). Then the rare syllables: up to two tone variants of each folded form that is not known and starts
  // no known word; rare.tsv marks those whose folded form starts another's (search.sh asks those for no class that
  // counts on one word's articles).
  const candidates = shuffle(syllables(), next);
  const startsKnown = (folded) => known.has(folded) || startsAnother(folded, known);
  const missed = new Map();
  const variants = new Map();
  for (const syllable of candidates) {
    const folded = fold(syllable);
    if (startsKnown(folded)) continue;
    if (missed.size < 60 && !variants.has(folded) && !missed.has(folded)) {
      missed.set(folded, syllable);
      continue;
    }
    if (missed.has(folded)) continue;
    const list = variants.get(folded) ?? [];
    if (list.length < 2) variants.set(folded, [...list, syllable]);
  }
  const forms = new Set(variants.keys());
  const rare = [...variants].flatMap(([folded, list]) => list.map((word) => ({ word, folded, prefix: startsAnother(folded, forms) })));
  const misses = [...missed].filter(([folded]) => !forms.has(folded) && !startsAnother(folded, forms)).map(([, word]) => word);

  const phrases = [];
  const runs = tokenized.flatMap((tokens) => tokens.map((_, i) => tokens.slice(i, i + 5)))
    .filter((run) => run.length === 5 && run.every((t) => /^[\p{L}\p{M}]+$/u.test(t)) && run.some((t) => /[^\x00-\x7f]/.test(t)));
  for (const run of shuffle(runs, next)) {
    const phrase = run.join(' ');
    if (!phrases.includes(phrase)) phrases.push(phrase);
    if (phrases.length >= 40) break;
  }

  const counts = new Map();
  for (const word of sentences.flatMap((s) => words(s)).map((w) => w.toLocaleLowerCase('vi'))) {
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }

  const write = (name, lines) => writeFileSync(join(dir, name), lines.join('\n') + '\n');
  write('words.tsv', [...counts].map(([word, count], i) => row(i + 1, word, fold(word), count)));
  write('paragraphs.tsv', paragraphs);
  write('titles.tsv', titles);
  write('summaries.tsv', summaries);
  write('rare.tsv', rare.map((r, i) => row(i + 1, r.word, r.folded, r.prefix ? 't' : 'f')));
  write('names.tsv', names.map((n, i) => row(i + 1, n)));
  write('misses.tsv', [...FOREIGN_MISSES, ...misses].map((m, i) => row(i + 1, m)));
  write('phrases.tsv', phrases.map((p, i) => row(i + 1, p)));
  log(`content: ${sentences.length} seed sentences, ${paragraphs.length} paragraphs, ${titles.length} titles, `
    + `${summaries.length} summaries, ${rare.length} rare syllables (${forms.size} folded forms, of ${candidates.length} `
    + `syllables), ${names.length} names (${family.length} × ${middle.length} × ${given.length} words), `
    + `${FOREIGN_MISSES.length + misses.length} misses, ${phrases.length} phrases`);
  if (rare.length < 2000 || misses.length < 15 || phrases.length < 20) {
    throw new SetupError('too few rare syllables, misses or phrases');
  }
  return 0;
}

// --- measuring -------------------------------------------------------------------------------------

// What is measured, in order: [phase, class, path before the query, endpoint's label].
const SEARCH = '/api/v1/search?q=';
const PHASES = [
  ...['common-1', 'common-1-ascii', 'common-5', 'rare-1', 'rare-1-ascii', 'rare-2', 'name', 'miss-1', 'miss-5',
    'prefix', 'prefix-3'].map((c) => [c, c, SEARCH, 'search']),
  ['articles:common-1', 'common-1', '/api/v1/articles?q=', 'articles'],
  ['articles:rare-1', 'rare-1', '/api/v1/articles?q=', 'articles'],
  ['newest:common-1', 'common-1', '/api/v1/articles?sort=newest&q=', 'articles newest'],
  ['newest:rare-1', 'rare-1', '/api/v1/articles?sort=newest&q=', 'articles newest'],
];
const MISS = /^miss-/;

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** CPU ticks so far of the service and of every process named postgres. */
function cpuTicks() {
  const ticks = (stat) => {
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  };
  let server = 0;
  let postgres = 0;
  try {
    server = ticks(readFileSync(`/proc/${setting('SERVER_PID')}/stat`, 'utf8'));
  } catch {
    // The service is gone: the run's answers tell.
  }
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.includes('(postgres)')) postgres += ticks(stat);
    } catch {
      // Ended meanwhile.
    }
  }
  return { server, postgres };
}

function get(agent, path, timeoutMs) {
  return new Promise((resolve, reject) => {
    const request = http.get(`${setting('BASE_URL')}${path}`, { agent, headers: { accept: 'application/json' } }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.setTimeout(timeoutMs, () => request.destroy(new Error(`no answer in ${timeoutMs} ms`)));
    request.on('error', reject);
  });
}

/** Whether the text holds the word (or a word starting with it), folded, with the HTML tags taken out. */
function holds(text, word) {
  const wanted = fold(word);
  return words(fold((text ?? '').replace(/<[^>]*>/g, ' '))).some((w) => w.startsWith(wanted));
}

async function run(queriesFile) {
  if (!queriesFile) throw new SetupError('usage: node search.mjs run <queries>');
  const duration = whole('DURATION');
  const concurrency = whole('CONCURRENCY');
  const clockTicks = whole('CLK_TCK');
  const classes = new Map();
  for (const line of readFileSync(queriesFile, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const [name, query] = line.split('\t');
    if (!classes.has(name)) classes.set(name, []);
    classes.get(name).push(query);
  }
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  let failedChecks = 0;

  // First every phase's queries once, checked and counted: this also has the service compile every route's code
  // (the JIT settings compile a method optimised on its first call) before anything is timed.
  const checked = new Map();
  for (const [phase, name, prefix, endpoint] of PHASES) {
    const queries = classes.get(name) ?? [];
    if (queries.length === 0) throw new SetupError(`no query of class ${name} in ${queriesFile}`);
    const paths = queries.map((q) => prefix + encodeURIComponent(q));
    const problems = [];
    const items = [];
    let failures = 0;
    let zero = 0;
    let suggestions = 0;
    for (const [i, path] of paths.entries()) {
      let answer;
      try {
        answer = await get(agent, path, 120_000);
      } catch (error) {
        failures++;
        problems.push(`"${queries[i]}": ${error.message}`);
        continue;
      }
      if (answer.status !== 200) {
        failures++;
        problems.push(`"${queries[i]}": ${answer.status} ${answer.body.toString().slice(0, 200)}`);
        continue;
      }
      const body = JSON.parse(answer.body.toString());
      const found = body.items ?? [];
      items.push(found.length);
      suggestions += (body.suggestions ?? []).length;
      if (found.length === 0) zero++;
      if (MISS.test(name) && found.length > 0) problems.push(`"${queries[i]}" (a miss) found ${found.length} items`);
      if (!MISS.test(name) && found.length === 0) problems.push(`"${queries[i]}" found nothing`);
      if (name.startsWith('rare-1') && endpoint === 'search' && found.length > 0
        && !holds(`${found[0].title} ${found[0].snippet ?? ''}`, queries[i])) {
        problems.push(`"${queries[i]}": the first item's title and snippet do not hold it: ${found[0].title} | ${found[0].snippet}`);
      }
    }
    checked.set(phase, { queries, paths, problems, items, failures, zero, suggestions });
  }
  log(`checked every query once (${[...checked.values()].reduce((n, c) => n + c.paths.length, 0)} requests)`);

  for (const [phase, , , endpoint] of PHASES) {
    const { queries, paths, problems, items, zero, suggestions } = checked.get(phase);
    let { failures } = checked.get(phase);

    // Warm-up: each query once more, untimed.
    for (const path of paths) {
      try {
        await get(agent, path, 60_000);
      } catch {
        // Counted in the measured run if it persists.
      }
    }

    // Measured: CONCURRENCY clients for DURATION seconds, each taking the class's next query in turn.
    const latencies = [];
    const perQuery = paths.map(() => []);
    let turn = 0;
    const cpuBefore = cpuTicks();
    const started = process.hrtime.bigint();
    const end = started + BigInt(duration) * 1_000_000_000n;
    const client = async () => {
      while (process.hrtime.bigint() < end) {
        const q = turn++ % paths.length;
        const sent = process.hrtime.bigint();
        let status;
        try {
          status = (await get(agent, paths[q], 30_000)).status;
        } catch (error) {
          status = error.message;
        }
        const ms = Number(process.hrtime.bigint() - sent) / 1e6;
        latencies.push(ms);
        perQuery[q].push(ms);
        if (status !== 200) {
          failures++;
          if (failures <= 5) problems.push(`"${queries[q]}" answered ${status} in the measured run`);
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, client));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpuAfter = cpuTicks();
    const sorted = latencies.sort((a, b) => a - b);
    const median = (list) => percentile([...list].sort((a, b) => a - b), 50);
    const slowest = perQuery.map((list, q) => ({ q, ms: median(list) })).filter((s) => !Number.isNaN(s.ms))
      .sort((a, b) => b.ms - a.ms)[0];
    const perRequest = (ticks) => (latencies.length > 0 ? (1000 * ticks) / clockTicks / latencies.length : NaN);
    const fixed = (n, digits = 1) => (Number.isNaN(n) ? 'n/a' : n.toFixed(digits));

    if (failures > 0 || problems.length > 0) failedChecks++;
    const result = {
      phase, endpoint, queries: queries.length, requests: latencies.length, rate: fixed(latencies.length / seconds, 0),
      p50: fixed(percentile(sorted, 50)), p95: fixed(percentile(sorted, 95)), p99: fixed(percentile(sorted, 99)),
      max: fixed(sorted[sorted.length - 1] ?? NaN),
      items: fixed(items.reduce((s, n) => s + n, 0) / Math.max(items.length, 1)), zero,
      suggestions: fixed(suggestions / Math.max(items.length, 1)),
      failures, cpuServer: fixed(perRequest(cpuAfter.server - cpuBefore.server), 2),
      cpuPostgres: fixed(perRequest(cpuAfter.postgres - cpuBefore.postgres), 2),
      slowest: slowest ? `${queries[slowest.q]} (${slowest.ms.toFixed(1)} ms)` : 'n/a',
      problems: problems.slice(0, 5),
    };
    log(`${phase}: ${result.requests} requests, ${result.rate}/s, p50 ${result.p50} ms, p95 ${result.p95} ms, `
      + `p99 ${result.p99} ms, max ${result.max} ms; ${result.items} items on average, ${zero} of ${queries.length} `
      + `queries found nothing; ${failures} failures`);
    for (const problem of problems.slice(0, 5)) log(`  ${problem}`);
    // One line for search.sh per phase.
    process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  agent.destroy();
  return failedChecks === 0 ? 0 : EXIT_FAILED;
}

// --- main ------------------------------------------------------------------------------------------

let code;
try {
  const [command, ...args] = process.argv.slice(2);
  if (command === 'content') code = content(args[0]);
  else if (command === 'run') code = await run(args[0]);
  else throw new SetupError(`usage: node search.mjs content <dir> | run <queries> (got '${process.argv.slice(2).join(' ')}')`);
} catch (error) {
  log(`error: ${error instanceof SetupError ? error.message : error.stack ?? error}`);
  code = error instanceof SetupError ? EXIT_SETUP : EXIT_FAILED;
}
process.exitCode = code;
