import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FsBlobStore } from '../src/blobs/fs-blob-store';
import { loadConfig } from '../src/config';
import { connect, migrate } from '../src/db/connect';
import { DEMO_EBOXES, generateDemo } from '../src/demo/generate';
import { start } from '../src/server';
import { importFile } from '../src/services/importer';
import { buildPortal } from './build-portal';
import { launchChromium } from './chromium';

/**
 * The README's picture of the portal view: the demo data in a throw-away
 * store, the real server, Chromium; one message open. Usage:
 * `npx tsx scripts/screenshot-portal.ts [out.png]` (default docs/portal-view.png).
 */
async function main(out = path.join('docs', 'portal-view.png')): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ebox-screenshot-'));
  const config = loadConfig({ DATABASE_URL: path.join(dir, 'ebox.sqlite'), STORAGE_DIR: path.join(dir, 'blobs'), AUTH_MODE: 'dev', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn' });
  await buildPortal();
  const db = connect(config.databaseUrl);
  await migrate(db);
  await importFile(generateDemo(path.join(dir, 'demo')).file, { db, blobs: new FsBlobStore(config.storageDir) });
  await db.destroy();
  const running = await start(config);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1360, height: 1000 }, locale: 'fr-BE' });
    await page.goto(`${running.url}/portal/`);
    await page.getByLabel('Access token').fill(`dev.${DEMO_EBOXES[0]}`);
    await page.getByRole('button', { name: 'Open e-Box' }).click();
    await page.locator('body[aria-busy="false"] [data-message-id]').first().waitFor();
    // One of the newest messages with payment data shows most of the view.
    const listed = await fetch(`${running.url}/ebox/messages?visible=true`, { headers: { Authorization: `Bearer dev.${DEMO_EBOXES[0]}` } });
    const { items } = (await listed.json()) as { items: { messageId: string; paymentData?: object; attachments?: { totalItems: number } }[] };
    const shown = items.slice(0, 12).find((m) => m.paymentData) ?? items[0];
    await page.locator(`#messages [data-message-id="${shown.messageId}"]`).click();
    await page.locator('body[aria-busy="false"] #message:not([hidden])').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: out });
    console.log(`wrote ${out}`);
  } finally {
    await browser.close();
    await running.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main(process.argv[2]).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
