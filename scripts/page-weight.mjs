// Page weight and throughput side by side with the start page, for
// `npm run bench`: one production instance, a connected customer, prices
// cached (the pages were requested before). Per page:
//   HTML bytes (raw and gzipped), the document as served (its gzipped body
//   as the server compresses it, with the status line and headers), of
//   them the RSC payload (the
//   `self.__next_f.push` scripts React hydrates from), the elements in the
//   HTML (start tags outside scripts: what the browser builds), requests/s
//   at CONNECTIONS parallel connections for SECONDS, and p50/p95 of
//   SEQUENTIAL requests one after another.
// `checkPageTargets` holds the pages to their budget; the rows name `/` as
// the reference, measured in the same run on the same instance. The pages
// take turns: the SECONDS of each come in ROUNDS windows, page after page,
// and the sequential requests alternate between the pages, so a slower
// second of the machine weighs on every page alike.
import { request } from 'node:http';
import { gzipSync } from 'node:zlib';

const CONNECTIONS = 8;
const SECONDS = 5;
const ROUNDS = 5;
const SEQUENTIAL = 40;

/** The budget: bytes per page, and speed as a share of the start page's in the same run. */
export const PAGE_TARGETS = {
  htmlBytes: 100 * 1024,
  payloadBytes: 40 * 1024,
  throughputShare: 0.5,
  p50Factor: 3,
  /**
   * The document as served, headers included, within what a new connection
   * delivers in its first round trip: TCP's initial window of 10 segments of
   * 1,460 bytes (RFC 6928). A byte more costs a whole round trip before the
   * page can paint, 150 ms on Lighthouse's phone network.
   */
  servedBytes: 10 * 1460,
};

const percentile = (values, p) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))];

/** Sizes and element count of one page's HTML. */
export function weigh(html) {
  const bytes = Buffer.byteLength(html);
  let payload = 0;
  for (const match of html.matchAll(/<script[^>]*>(self\.__next_f\.push\([\s\S]*?)<\/script>/g)) {
    payload += Buffer.byteLength(match[1]);
  }
  // Scripts' text holds no elements; a <noscript>'s is text where scripts run.
  const markup = html
    .replace(/(<script[^>]*>)[\s\S]*?<\/script>/g, '$1')
    .replace(/<noscript>[\s\S]*?<\/noscript>/g, '');
  const elements = markup.match(/<[a-zA-Z][^\s/>]*/g)?.length ?? 0;
  return { bytes, gzip: gzipSync(Buffer.from(html)).length, payload, elements };
}

/**
 * Bytes of the response as the server sends it to a browser that accepts
 * gzip: status line, headers and compressed body (the server compresses as
 * it streams, so this is more than the HTML gzipped at once).
 */
function served(url, cookie) {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { cookie, 'accept-encoding': 'gzip' } }, (response) => {
      let bytes = `HTTP/1.1 ${response.statusCode} ${response.statusMessage}\r\n`.length + 2;
      for (let i = 0; i < response.rawHeaders.length; i += 2)
        bytes += `${response.rawHeaders[i]}: ${response.rawHeaders[i + 1]}\r\n`.length;
      response.on('data', (chunk) => (bytes += chunk.length));
      response.on('end', () =>
        response.statusCode === 200 ? resolve(bytes) : reject(new Error(`GET ${url}: ${response.statusCode}`)),
      );
      response.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function get(url, cookie) {
  const response = await fetch(url, { headers: { cookie }, redirect: 'manual' });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`GET ${url}: ${response.status}`);
  return body;
}

/** Requests completed with `connections` requests always in flight for `seconds`, and the seconds it took. */
async function load(url, cookie, connections, seconds) {
  let done = 0;
  const until = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        await get(url, cookie);
        done += 1;
      }
    }),
  );
  return { done, seconds: (performance.now() - t0) / 1000 };
}

/**
 * Measures `paths` on `app` with the session in `cookie` (the first path is
 * the reference); each page is warmed up first, so its prices are cached.
 */
export async function measurePages(app, cookie, paths) {
  const pages = [];
  for (const path of paths) {
    const url = `${app}${path}`;
    // Weighed once its data is cached, as every later view of it is.
    await get(url, cookie);
    const weight = { ...weigh(await get(url, cookie)), served: await served(url, cookie) };
    await load(url, cookie, CONNECTIONS, 1);
    pages.push({ path, url, weight, done: 0, seconds: 0, times: [] });
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const page of pages) {
      const { done, seconds } = await load(page.url, cookie, CONNECTIONS, SECONDS / ROUNDS);
      page.done += done;
      page.seconds += seconds;
    }
  }
  for (let i = 0; i < SEQUENTIAL; i++) {
    for (const page of pages) {
      const t0 = performance.now();
      await get(page.url, cookie);
      page.times.push(performance.now() - t0);
    }
  }
  return pages.map((page) => ({
    path: page.path,
    ...page.weight,
    perSecond: page.done / page.seconds,
    p50: percentile(page.times, 0.5),
    p95: percentile(page.times, 0.95),
  }));
}

export function printPages(rows) {
  const [reference] = rows;
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB`.padStart(11);
  console.log(
    `\nPages in German, a connected customer with prices cached, side by side with ${reference.path} (requests/s at ${CONNECTIONS} connections for ${SECONDS} s in ${ROUNDS} turns, p50/p95 of ${SEQUENTIAL} requests one at a time, alternating):`,
  );
  console.log(
    `${'page'.padEnd(18)}${'HTML'.padStart(11)}${'gzipped'.padStart(11)}${'served'.padStart(11)}${'RSC payload'.padStart(13)}${'elements'.padStart(10)}${'req/s'.padStart(9)}${'share'.padStart(7)}${'p50 ms'.padStart(8)}${'factor'.padStart(8)}${'p95 ms'.padStart(8)}`,
  );
  for (const row of rows) {
    console.log(
      `${row.path.padEnd(18)}${kib(row.bytes)}${kib(row.gzip)}${kib(row.served)}${kib(row.payload).padStart(13)}${String(row.elements).padStart(10)}${row.perSecond.toFixed(1).padStart(9)}${`${(row.perSecond / reference.perSecond).toFixed(2)}×`.padStart(7)}${row.p50.toFixed(1).padStart(8)}${`${(row.p50 / reference.p50).toFixed(1)}×`.padStart(8)}${row.p95.toFixed(1).padStart(8)}`,
    );
  }
}

/** The targets each page but the reference misses, as sentences; empty when all are met. */
export function checkPageTargets(rows) {
  const [reference, ...pages] = rows;
  const failures = [];
  const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;
  for (const row of pages) {
    if (row.bytes > PAGE_TARGETS.htmlBytes)
      failures.push(`${row.path}: HTML ${kib(row.bytes)} > ${kib(PAGE_TARGETS.htmlBytes)}`);
    if (row.served > PAGE_TARGETS.servedBytes)
      failures.push(
        `${row.path}: ${row.served} bytes served > ${PAGE_TARGETS.servedBytes}, the first round trip of a new connection`,
      );
    if (row.payload > PAGE_TARGETS.payloadBytes)
      failures.push(`${row.path}: RSC payload ${kib(row.payload)} > ${kib(PAGE_TARGETS.payloadBytes)}`);
    if (row.perSecond < PAGE_TARGETS.throughputShare * reference.perSecond)
      failures.push(
        `${row.path}: ${row.perSecond.toFixed(1)} requests/s < ${PAGE_TARGETS.throughputShare} × ${reference.perSecond.toFixed(1)} (${reference.path})`,
      );
    if (row.p50 > PAGE_TARGETS.p50Factor * reference.p50)
      failures.push(
        `${row.path}: p50 ${row.p50.toFixed(1)} ms > ${PAGE_TARGETS.p50Factor} × ${reference.p50.toFixed(1)} ms (${reference.path})`,
      );
  }
  return failures;
}
