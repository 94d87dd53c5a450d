import { expect } from 'chai';
import fs from 'node:fs';
import yaml from 'js-yaml';
import { specPath } from '../../src/contract/spec-path';
import { useBrowser } from '../helpers/browser';
import { useServer } from '../helpers/server';

const spec = yaml.load(fs.readFileSync(specPath, 'utf8')) as { paths: Record<string, Record<string, { operationId?: string }>> };
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

describe('API docs page (/docs, Chromium)', () => {
  const server = useServer();
  const browser = useBrowser();

  it('lists every operation of the contract, with nothing fetched beyond this server', async () => {
    const context = await browser.context();
    const own = new URL(server.url).origin;
    const elsewhere: string[] = [];
    // Everything not from this server is refused, and remembered.
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (new URL(url).origin === own) await route.continue();
      else {
        elsewhere.push(url);
        await route.abort();
      }
    });
    const page = await context.newPage();
    page.on('pageerror', (err) => expect.fail(`error in the page: ${err.message}`));
    await page.goto(`${own}/docs`);
    await page.locator('.opblock').first().waitFor();

    const shown = await page.locator('.opblock').evaluateAll((blocks) =>
      blocks.map((b) => `${b.querySelector('.opblock-summary-method')?.textContent?.toLowerCase()} ${b.querySelector('.opblock-summary-path')?.getAttribute('data-path')}`),
    );
    const operations = Object.entries(spec.paths).flatMap(([path, item]) => Object.keys(item).filter((m) => METHODS.includes(m)).map((m) => `${m} ${path}`));
    expect(operations.length).to.be.greaterThan(15);
    expect([...shown].sort()).to.deep.equal([...operations].sort());
    expect(await page.locator('.servers select').inputValue()).to.equal(own);
    expect(elsewhere).to.deep.equal([]);
  });
});
