import type { Browser, BrowserContext } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium';

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
    browser = await launchChromium();
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
