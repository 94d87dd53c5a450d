import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it when missing), driven by playwright-core. */
export const CHROMIUM = '/usr/bin/chromium';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface SuiteBrowser {
  /** A fresh context (its own storage and downloads) for one test. */
  context(options?: Parameters<Browser['newContext']>[0]): Promise<BrowserContext>;
}

/**
 * One browser for the enclosing describe block, launched by a `before` hook
 * and closed by an `after` hook; each test opens its own context from it.
 */
export function useBrowser(): SuiteBrowser {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  before(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });
  after(async () => {
    await browser?.close();
  });
  return {
    async context(options) {
      if (!browser) throw new Error('useBrowser(): the browser runs only during the tests of the describe block that declares it');
      const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 900 }, ...options });
      contexts.push(context);
      return context;
    },
  };
}
