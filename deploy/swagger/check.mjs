// Browser half of deploy/swagger-check.sh: opens the Swagger UI of a running KhoaGiao.Api in headless Chromium and,
// through the page itself ("Try it out", then "Execute"), runs two operations as a reader of the documentation would:
//
//   GET  /api/v1/articles/{idOrSlug}  with the demo article's slug typed in             → the page must show 200
//   POST /api/v1/auth/login           with the request body the page offers (the
//                                     document's example), sent unchanged              → the page must show 200
//
// Any console error or uncaught exception in the page fails the check as well.
//
//   node deploy/swagger/check.mjs <base URL>
//
// Environment: CHROMIUM  the browser binary (default /usr/bin/chromium).
// Exit code: 0 when every check passed, 1 when one failed, 2 on a setup error.

import puppeteer from 'puppeteer-core';

const EXIT_FAILED = 1;
const EXIT_SETUP = 2;

// The demo content's article (src/KhoaGiao.Api/Data/Demo); deploy/run.sh loads it in Development.
const DEMO_SLUG = 'toa-dam-nang-cao-chat-luong-hieu-qua-cong-tac-khoa-giao-tren-dia-ban-tinh-ha-nam';
const STEP_TIMEOUT_MS = 30_000;

class SetupError extends Error {}

function log(message) {
  process.stderr.write(`[swagger check] ${message}\n`);
}

/** The operation's block in the page, found by method and path as the page shows them. */
async function operation(page, method, path) {
  const block = await page.waitForFunction(
    (m, p) => [...document.querySelectorAll('.opblock')].find((b) =>
      b.querySelector('.opblock-summary-method')?.textContent.trim().toUpperCase() === m
      && b.querySelector('.opblock-summary-path')?.getAttribute('data-path') === p),
    { timeout: STEP_TIMEOUT_MS }, method, path);
  const element = block.asElement();
  if (element === null) throw new SetupError(`${method} ${path} is not in the Swagger UI`);
  return element;
}

/** Expands the operation and presses "Try it out". */
async function tryItOut(block) {
  await (await block.waitForSelector('.opblock-summary-control, .opblock-summary', { timeout: STEP_TIMEOUT_MS })).click();
  await (await block.waitForSelector('button.try-out__btn', { timeout: STEP_TIMEOUT_MS })).click();
  await block.waitForSelector('button.execute', { timeout: STEP_TIMEOUT_MS });
}

/** Replaces what a parameter's input holds by typing, as a person would. */
async function typeParameter(block, name, value) {
  const input = await block.waitForSelector(`tr[data-param-name="${name}"] input`, { timeout: STEP_TIMEOUT_MS });
  await input.click({ count: 3 });
  await input.press('Backspace');
  await input.type(value);
}

/** Presses "Execute" and returns the status code and body the page then shows. */
async function execute(block) {
  await (await block.waitForSelector('button.execute', { timeout: STEP_TIMEOUT_MS })).click();
  const status = await block.waitForSelector('.live-responses-table tbody .response-col_status', { timeout: STEP_TIMEOUT_MS });
  const shown = (await status.evaluate((cell) => cell.textContent)).trim();
  const body = await block.$eval('.live-responses-table tbody .response-col_description',
    (cell) => (cell.querySelector('.microlight, pre') ?? cell).textContent ?? '');
  return { status: shown.split(/\s+/)[0], body };
}

async function main() {
  const baseUrl = (process.argv[2] ?? '').replace(/\/+$/, '');
  if (!/^https?:\/\//.test(baseUrl)) throw new SetupError('usage: node deploy/swagger/check.mjs <base URL>');
  const failures = [];
  const consoleErrors = [];

  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    // As root Chromium refuses to start with its sandbox; /dev/shm is small in containers.
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--no-first-run'],
  }).catch((error) => { throw new SetupError(`could not start Chromium: ${error.message}`); });
  try {
    const page = await browser.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') {
        const where = message.location()?.url ? ` (${message.location().url})` : '';
        consoleErrors.push(`${message.text()}${where}`);
      }
    });
    page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));

    const response = await page.goto(`${baseUrl}/swagger/index.html`, { waitUntil: 'networkidle0', timeout: STEP_TIMEOUT_MS });
    if (response === null || response.status() !== 200) {
      throw new SetupError(`GET /swagger/index.html answered ${response?.status() ?? 'nothing'}`);
    }
    await page.waitForSelector('.opblock', { timeout: STEP_TIMEOUT_MS });

    const article = await operation(page, 'GET', '/api/v1/articles/{idOrSlug}');
    await tryItOut(article);
    await typeParameter(article, 'idOrSlug', DEMO_SLUG);
    const read = await execute(article);
    log(`GET /api/v1/articles/{idOrSlug} (idOrSlug=${DEMO_SLUG}): the page shows ${read.status}`);
    if (read.status !== '200') {
      failures.push(`GET /api/v1/articles/{idOrSlug} with idOrSlug=${DEMO_SLUG}: the page shows ${read.status}, not 200: ${read.body.slice(0, 400)}`);
    } else if (!read.body.includes(DEMO_SLUG)) {
      failures.push(`GET /api/v1/articles/{idOrSlug}: 200, but the body shown is not the demo article: ${read.body.slice(0, 400)}`);
    }

    const login = await operation(page, 'POST', '/api/v1/auth/login');
    await tryItOut(login);
    const example = await login.$eval('textarea.body-param__text', (area) => area.value).catch(() => '(no request body editor)');
    const signedIn = await execute(login);
    log(`POST /api/v1/auth/login with the example body ${example.replace(/\s+/g, ' ')}: the page shows ${signedIn.status}`);
    if (signedIn.status !== '200') {
      failures.push(`POST /api/v1/auth/login with the request body the page offers (${example.replace(/\s+/g, ' ')}): `
        + `the page shows ${signedIn.status}, not 200: ${signedIn.body.slice(0, 400)}`);
    } else if (!signedIn.body.includes('accessToken')) {
      failures.push(`POST /api/v1/auth/login: 200, but no accessToken in the body shown: ${signedIn.body.slice(0, 400)}`);
    }
  } finally {
    await browser.close();
  }

  for (const error of consoleErrors) failures.push(`browser console error: ${error}`);
  if (failures.length > 0) {
    for (const failure of failures) log(`FAILED ${failure}`);
    return EXIT_FAILED;
  }
  log('passed: both operations answered 200 in the page, and the console showed no error');
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  // A step the page never completes (a button or a response that never shows) fails the check; a browser or a service
  // that cannot be reached is a setup error.
  log(error instanceof SetupError ? `setup error: ${error.message}` : `FAILED ${error.stack ?? error}`);
  process.exitCode = error instanceof SetupError ? EXIT_SETUP : EXIT_FAILED;
}
