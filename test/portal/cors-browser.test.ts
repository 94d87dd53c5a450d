// CORS as a browser applies it: a page of another origin calls the provider
// with fetch(), as the eboxenterprise.be portal does, and reads what it may.
import { expect } from 'chai';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { useBrowser } from '../helpers/browser';
import { A, PDF_BYTES, messageFixture } from '../helpers/message-fixture';
import { useServer } from '../helpers/server';

interface Seen {
  status: number;
  headers: Record<string, string | null>;
  error?: string;
}

/** A blank page at an origin of its own, standing in for the portal's. */
function pageServer(): { origin: () => string; start: () => Promise<void>; stop: () => Promise<void> } {
  const server = http.createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>portal</title>'));
  return {
    origin: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    start: () => new Promise((resolve) => server.listen(0, '127.0.0.1', resolve)),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** fetch() in the page; the headers the script can read (null: hidden from it by CORS). */
function call(page: Page, url: string, headers: Record<string, string>): Promise<Seen> {
  return page.evaluate(
    async ({ url, headers }) => {
      const names = ['etag', 'content-disposition', 'content-range', 'accept-ranges', 'www-authenticate', 'x-request-id', 'content-type'];
      try {
        const res = await fetch(url, { headers });
        return { status: res.status, headers: Object.fromEntries(names.map((n) => [n, res.headers.get(n)])) };
      } catch (err) {
        return { status: 0, headers: {}, error: String(err) };
      }
    },
    { url, headers },
  );
}

describe('CORS in Chromium: a page of the portal\'s origin calling the provider', () => {
  const portal = pageServer();
  const stranger = pageServer();
  before(async () => {
    await portal.start();
    await stranger.start();
  });
  after(async () => {
    await portal.stop();
    await stranger.stop();
  });
  const server = useServer({ seed: messageFixture, env: () => ({ CORS_ORIGINS: portal.origin() }) });
  const browser = useBrowser();
  const content = () => `${server.url}/ebox/messages/full/attachments/main/content`;

  async function pageAt(origin: string): Promise<Page> {
    const page = await (await browser.context()).newPage();
    await page.goto(origin);
    return page;
  }

  it('reads a byte range with its ETag, Content-Range, Accept-Ranges, Content-Disposition and X-Request-Id', async () => {
    const page = await pageAt(portal.origin());
    const seen = await call(page, content(), { Authorization: `Bearer ${A}`, Range: 'bytes=0-9' });
    expect(seen.error).to.equal(undefined);
    expect(seen.status).to.equal(206);
    expect(seen.headers['content-range']).to.equal(`bytes 0-9/${PDF_BYTES.length}`);
    expect(seen.headers['accept-ranges']).to.equal('bytes');
    expect(seen.headers.etag).to.match(/^"[A-Za-z0-9_-]{43}"$/);
    expect(seen.headers['content-disposition']).to.match(/^attachment; filename=/);
    expect(seen.headers['x-request-id']).to.match(/^[0-9a-f-]{36}$/);
  });

  it('revalidates with If-None-Match and If-Range set by the script (fetch then sends Cache-Control: no-cache): 304, and a range under If-Range', async () => {
    const page = await pageAt(portal.origin());
    const etag = (await call(page, content(), { Authorization: `Bearer ${A}` })).headers.etag as string;
    expect((await call(page, content(), { Authorization: `Bearer ${A}`, 'If-None-Match': etag })).status).to.equal(304);
    expect((await call(page, content(), { Authorization: `Bearer ${A}`, Range: 'bytes=0-9', 'If-Range': etag })).status).to.equal(206);
  });

  it('reads WWW-Authenticate on a 401, to ask for a new token', async () => {
    const page = await pageAt(portal.origin());
    const seen = await call(page, `${server.url}/ebox`, { Authorization: 'Bearer not-a-token' });
    expect(seen.status).to.equal(401);
    expect(seen.headers['www-authenticate']).to.equal('Bearer error="invalid_token"');
  });

  it('refuses a page of an origin not in CORS_ORIGINS: its fetch fails', async () => {
    const page = await pageAt(stranger.origin());
    const seen = await call(page, `${server.url}/ebox`, { Authorization: `Bearer ${A}` });
    expect(seen.status).to.equal(0);
    expect(seen.error).to.match(/TypeError: Failed to fetch/);
  });
});
