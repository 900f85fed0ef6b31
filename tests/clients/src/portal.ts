// A news portal's use of the public delivery API, written against the types generated from
// openapi/khoagiao.v1.json and compiled with `tsc --strict`: if the document does not let a strict client read
// what the service answers, this file does not compile.
//
//   node dist/portal.js <base URL>      (or KHOAGIAO_BASE_URL=<base URL> node dist/portal.js)
//
// It reads the demo article and its event, pages through the article list, reads the visitor statistics and
// counts a page view, printing one line each:
//
//   article: <title>
//   articles listed: <n>
//   event: <title>
//   stats: online=<n> today=<n> thisWeek=<n> total=<n>
//   hit: 202
//
// Exit code: 0 when every answer is the expected one, 1 when one is not, 2 on bad usage.

import { randomUUID } from "node:crypto";
import createClient, { type Client } from "openapi-fetch";
import type { components, paths } from "../generated/khoagiao.js";

type ArticleListItem = components["schemas"]["ArticleListItemResponse"];
type ArticlePage = components["schemas"]["ArticleListItemResponsePageResponse"];

/** The demo content's article and the event it reports (src/KhoaGiao.Api/Data/Demo). */
const demoSlug = "toa-dam-nang-cao-chat-luong-hieu-qua-cong-tac-khoa-giao-tren-dia-ban-tinh-ha-nam";
const demoEventSlug = demoSlug;

/** Small, so that a few articles already take several pages. */
const pageSize = 2;

/** A cursor that never reaches null would page forever. */
const maxPages = 10_000;

class UnexpectedAnswer extends Error {}

function expectStatus(what: string, response: Response, expected: number, error: unknown): void {
  if (response.status !== expected) {
    const detail = error === undefined ? "" : ` ${JSON.stringify(error)}`;
    throw new UnexpectedAnswer(`${what}: expected ${expected}, got ${response.status}${detail}`);
  }
}

/** One page of the article list: the first without a cursor, then the next page's. */
async function listArticles(api: Client<paths>, cursor: string | null): Promise<ArticlePage> {
  const query = cursor === null ? { limit: pageSize } : { limit: pageSize, cursor };
  const { data, error, response } = await api.GET("/api/v1/articles", { params: { query } });
  expectStatus(`GET /api/v1/articles${cursor === null ? "" : ` (cursor ${cursor})`}`, response, 200, error);
  if (data === undefined) throw new UnexpectedAnswer("GET /api/v1/articles: 200 without a body");
  return data;
}

async function main(baseUrl: string): Promise<void> {
  const api = createClient<paths>({ baseUrl });

  const article = await api.GET("/api/v1/articles/{idOrSlug}", { params: { path: { idOrSlug: demoSlug } } });
  expectStatus(`GET /api/v1/articles/${demoSlug}`, article.response, 200, article.error);
  const demo = article.data;
  if (demo === undefined) throw new UnexpectedAnswer("GET /api/v1/articles/{idOrSlug}: 200 without a body");
  console.log(`article: ${demo.title}`);

  const listed: ArticleListItem[] = [];
  let cursor: string | null = null;
  for (let page = 1; ; page++) {
    if (page > maxPages) throw new UnexpectedAnswer(`GET /api/v1/articles: still a nextCursor after ${maxPages} pages`);
    const { items, nextCursor } = await listArticles(api, cursor);
    if (items.length > pageSize) {
      throw new UnexpectedAnswer(`GET /api/v1/articles: ${items.length} items on a page of ${pageSize}`);
    }
    listed.push(...items);
    if (nextCursor === null) break;
    cursor = nextCursor;
  }
  if (new Set(listed.map((item) => item.slug)).size !== listed.length) {
    throw new UnexpectedAnswer("GET /api/v1/articles: an article appears on two pages");
  }
  if (!listed.some((item) => item.slug === demo.slug)) {
    throw new UnexpectedAnswer(`GET /api/v1/articles: the demo article ${demo.slug} is not listed`);
  }
  console.log(`articles listed: ${listed.length}`);

  const event = await api.GET("/api/v1/events/{idOrSlug}", { params: { path: { idOrSlug: demoEventSlug } } });
  expectStatus(`GET /api/v1/events/${demoEventSlug}`, event.response, 200, event.error);
  if (event.data === undefined) throw new UnexpectedAnswer("GET /api/v1/events/{idOrSlug}: 200 without a body");
  if (!event.data.articles.some((reported) => reported.slug === demo.slug)) {
    throw new UnexpectedAnswer(`GET /api/v1/events/${demoEventSlug}: the event does not list the demo article`);
  }
  console.log(`event: ${event.data.title}`);

  const stats = await api.GET("/api/v1/stats/visitors");
  expectStatus("GET /api/v1/stats/visitors", stats.response, 200, stats.error);
  if (stats.data === undefined) throw new UnexpectedAnswer("GET /api/v1/stats/visitors: 200 without a body");
  const { online, today, thisWeek, total } = stats.data;
  if (today > thisWeek || thisWeek > total) {
    throw new UnexpectedAnswer(`GET /api/v1/stats/visitors: today ${today} ≤ this week ${thisWeek} ≤ total ${total} does not hold`);
  }
  console.log(`stats: online=${online} today=${today} thisWeek=${thisWeek} total=${total}`);

  // What a portal's page sends once per view (navigator.sendBeacon in a browser).
  const hit = await api.POST("/api/v1/hits", {
    body: { visitorId: randomUUID(), articleSlug: demo.slug, path: `/tin-tuc/${demo.slug}` },
  });
  expectStatus("POST /api/v1/hits", hit.response, 202, hit.error);
  console.log(`hit: ${hit.response.status}`);
}

const baseUrl = process.argv[2] ?? process.env["KHOAGIAO_BASE_URL"];
if (baseUrl === undefined || baseUrl === "") {
  console.error("usage: node dist/portal.js <base URL>   (or set KHOAGIAO_BASE_URL)");
  process.exit(2);
}

try {
  await main(baseUrl);
} catch (error) {
  console.error(error instanceof UnexpectedAnswer ? error.message : error);
  process.exit(1);
}
