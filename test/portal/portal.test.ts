import { expect } from 'chai';
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { buildPortal } from '../../scripts/build-portal';
import { FsBlobStore } from '../../src/blobs/fs-blob-store';
import { useBrowser } from '../helpers/browser';
import { query } from '../helpers/db';
import { seedDemo, type DemoData } from '../helpers/demo';
import { useServer } from '../helpers/server';

const TOKEN = 'dev.0123456749';
const PAGE_SIZE = 25;
// demo-0002 has a main-content PDF with a non-ASCII name and a CSV annex, and no body;
// demo-0003 has a body that is its main content, and no attachment.
const PINNED = 'demo-0002';
const BODY_MAIN = 'demo-0003';

interface ApiMessage {
  messageId: string;
  readStatus: boolean;
  visible?: boolean;
  receiptDate: string;
  subject: Record<string, string>;
  senderOrganizationId: string;
  messageTypeId: string;
  attachments?: { items: { attachmentId: string; fileName: string; mainContent: boolean }[] };
  businessDataList?: { items: { values: Record<string, string>[] }[] };
  paymentData?: { iban: string };
}

describe('portal view', () => {
  // The page is built before the servers of these suites start, so a fresh
  // clone's `make test` tests the page it has just built.
  before(async () => {
    await buildPortal();
  });

  describe('in Chromium', () => {
    const server = useServer();
    const browser = useBrowser();
    let data: DemoData;

    before(async () => {
      data = await seedDemo(server, (demo) => {
        // Pinned so the read tests start from unread, visible messages.
        for (const id of [PINNED, BODY_MAIN]) {
          const pinned = demo.messages.find((m) => m.messageId === id);
          Object.assign(pinned ?? expect.fail(`${id} is not in the demo data`), { readStatus: false, visible: true });
        }
      });
    });

    const api = async <T = { items: ApiMessage[]; totalItems: number }>(path: string): Promise<T> => {
      const res = await server.get(path, TOKEN);
      expect(res.status, path).to.equal(200);
      return res.json<T>();
    };
    const apiIds = async (params: string) => (await api(`/ebox/messages?pageSize=${PAGE_SIZE}&${params}`)).items.map((m) => m.messageId);

    /** Waits until the page's actions are done (it is aria-busy while they run). */
    const settled = (page: Page) => page.locator('body[aria-busy="false"]').waitFor();

    /** A page with the e-Box open, as a person does it: the token in the field, then the button. */
    async function openEbox(locale = 'fr-BE'): Promise<Page> {
      const context = await browser.context({ locale });
      const page = await context.newPage();
      page.on('pageerror', (err) => expect.fail(`error in the page: ${err.message}`));
      await page.goto(`${server.url}/portal/`);
      await page.getByLabel('Access token').fill(TOKEN);
      await page.getByRole('button', { name: 'Open e-Box' }).click();
      await page.locator('[data-message-id]').first().waitFor();
      await settled(page);
      return page;
    }

    const rowIds = (page: Page) => page.locator('#messages [data-message-id]').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.messageId ?? ''));

    async function search(page: Page, text: string, lang: string): Promise<void> {
      await page.getByRole('combobox', { name: 'Language' }).selectOption(lang);
      await page.getByRole('searchbox', { name: 'Search' }).fill(text);
      await page.getByRole('searchbox', { name: 'Search' }).press('Enter');
      await settled(page);
    }

    async function openMessage(page: Page, messageId: string): Promise<void> {
      await page.locator(`#messages [data-message-id="${messageId}"]`).click();
      await settled(page);
      await page.locator(`#message[data-message-id="${messageId}"]:not([hidden])`).waitFor();
    }

    async function storedBytes(messageId: string, attachmentId: string): Promise<Buffer> {
      const [row] = await query<{ blob_key: string }>(server, 'select blob_key from attachments where message_id = ? and attachment_id = ?', [messageId, attachmentId]);
      const chunks: Buffer[] = [];
      for await (const chunk of await new FsBlobStore(server.config.storageDir).open(row.blob_key)) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    }

    it('is served without a token, with its assets and a strict content security policy', async () => {
      const page = await server.get('/portal/');
      expect(page.status).to.equal(200);
      expect(page.header('content-type')).to.equal('text/html; charset=utf-8');
      expect(page.header('content-security-policy')).to.include("default-src 'self'");
      expect(page.text).to.include('name="provider-root" content="../"');
      for (const [file, type] of [
        ['portal.js', 'text/javascript'],
        ['portal.css', 'text/css'],
      ]) {
        const res = await server.get(`/portal/${file}`);
        expect(res.status, file).to.equal(200);
        expect(res.header('content-type'), file).to.include(type);
        const revalidated = await server.get(`/portal/${file}`, undefined, { 'If-None-Match': res.header('etag') });
        expect(revalidated.status, `${file} revalidated`).to.equal(304);
      }
      const redirect = await fetch(`${server.url}/portal`, { redirect: 'manual' });
      expect(redirect.status).to.equal(302);
      expect(redirect.headers.get('location')).to.equal('portal/');
    });

    it('answers a StatusMessage for what it does not serve', async () => {
      for (const path of ['/portal/missing.js', '/portal/index.html', '/Portal/', '/portal/portal.js/']) {
        const res = await server.get(path);
        expect(res.status, path).to.equal(404);
        expect(res.json().code, path).to.equal('NOT_FOUND');
      }
      const post = await server.request('POST', '/portal/', { body: {} });
      expect(post.status).to.equal(405);
      expect(post.json().code).to.equal('METHOD_NOT_ALLOWED');
      expect(post.header('allow')).to.equal('GET, HEAD');
    });

    it('opens the e-Box with the token: its summary and its visible messages, newest first, 25 a page', async () => {
      const page = await openEbox();
      const summary = await api<{ numberOfMessages: number; numberOfUnreadMessages: number }>('/ebox');
      expect(await page.locator('#summary-messages').textContent()).to.equal(String(summary.numberOfMessages));
      expect(await page.locator('#summary-unread').textContent()).to.equal(String(summary.numberOfUnreadMessages));

      const shown = await rowIds(page);
      expect(shown).to.have.length(PAGE_SIZE);
      expect(shown).to.deep.equal(await apiIds('visible=true'));
      const hidden = new Set(data.messages.filter((m) => m.visible === false).map((m) => m.messageId as string));
      expect(hidden.size).to.be.greaterThan(0);
      expect(shown.filter((id) => hidden.has(id))).to.deep.equal([]);
      const received = await page.locator('#messages time').evaluateAll((times) => times.map((t) => t.getAttribute('datetime') ?? ''));
      expect(received).to.deep.equal([...received].sort().reverse());
    });

    it('pages through the list with the pager', async () => {
      const page = await openEbox('nl-BE');
      const { totalItems } = await api('/ebox/messages?visible=true&pageSize=1');
      const pages = Math.ceil(totalItems / PAGE_SIZE);
      expect(pages).to.be.at.least(3);
      expect(await page.locator('#page').textContent()).to.equal(`Pagina 1 van ${pages}`);
      expect(await page.getByRole('button', { name: 'Vorige' }).isDisabled()).to.equal(true);
      await page.getByRole('button', { name: 'Volgende' }).click();
      await settled(page);
      expect(await rowIds(page)).to.deep.equal(await apiIds('visible=true&page=2'));
      expect(await page.locator('#page').textContent()).to.equal(`Pagina 2 van ${pages}`);
      for (let p = 3; p <= pages; p++) {
        await page.getByRole('button', { name: 'Volgende' }).click();
        await settled(page);
      }
      expect(await rowIds(page)).to.deep.equal(await apiIds(`visible=true&page=${pages}`));
      expect(await page.getByRole('button', { name: 'Volgende' }).isDisabled()).to.equal(true);
      await page.getByRole('button', { name: 'Vorige' }).click();
      await settled(page);
      expect(await rowIds(page)).to.deep.equal(await apiIds(`visible=true&page=${pages - 1}`));
    });

    it('searches in the language of the select, when Enter is pressed', async () => {
      const page = await openEbox();
      const before = await rowIds(page);
      await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
      await page.getByRole('searchbox', { name: 'Search' }).fill('cotisations');
      await settled(page);
      expect(await rowIds(page), 'nothing applied before Enter').to.deep.equal(before);

      await page.getByRole('searchbox', { name: 'Search' }).press('Enter');
      await settled(page);
      const french = await apiIds('visible=true&q=cotisations&qlang=fr');
      expect(french.length).to.be.greaterThan(0);
      expect(french).to.not.deep.equal(before);
      expect(await rowIds(page)).to.deep.equal(french);

      // The same word in Dutch ("bijdragen" there): nothing.
      await search(page, 'cotisations', 'nl');
      expect(await apiIds('visible=true&q=cotisations&qlang=nl')).to.deep.equal([]);
      expect(await rowIds(page)).to.deep.equal([]);
      expect(await page.locator('#messages .empty').textContent()).to.equal('Geen berichten.');

      await search(page, 'Quartal', 'de');
      expect(await rowIds(page)).to.deep.equal(await apiIds('visible=true&q=Quartal&qlang=de'));
    });

    it('shows its own texts and the messages in the language of the select', async () => {
      const page = await openEbox('nl-BE');
      const first = (await api('/ebox/messages?visible=true&pageSize=1')).items[0];
      const expected = {
        nl: { label: 'Toegangstoken', messages: 'Berichten', previous: 'Vorige' },
        fr: { label: 'Jeton d’accès', messages: 'Messages', previous: 'Précédente' },
        de: { label: 'Zugriffstoken', messages: 'Nachrichten', previous: 'Zurück' },
      };
      expect(await page.getByRole('combobox', { name: 'Language' }).inputValue(), 'from the browser’s language').to.equal('nl');
      for (const lang of ['fr', 'de', 'nl'] as const) {
        await page.getByRole('combobox', { name: 'Language' }).selectOption(lang);
        expect(await page.locator('html').getAttribute('lang')).to.equal(lang);
        expect(await page.locator('label[for="token"]').textContent()).to.equal(expected[lang].label);
        expect(await page.locator('#list-title').textContent()).to.equal(expected[lang].messages);
        expect(await page.locator('#previous').textContent()).to.equal(expected[lang].previous);
        const subject = await page.locator(`[data-message-id="${first.messageId}"] .subject`).textContent();
        expect(subject, lang).to.equal(first.subject[lang]);
      }
    });

    it('filters by sender organization, message type, read status, received dates and hidden messages', async () => {
      const page = await openEbox();
      const organization = data.messages[0].senderOrganizationId as string;
      await page.getByLabel('Expéditeur', { exact: true }).selectOption(organization);
      await settled(page);
      const byOrganization = await apiIds(`visible=true&senderOrganizationId=${organization}`);
      expect(byOrganization.length).to.be.greaterThan(0);
      expect(await rowIds(page)).to.deep.equal(byOrganization);
      await page.getByLabel('Expéditeur', { exact: true }).selectOption('');

      const type = data.messages[1].messageTypeId as string;
      await page.getByLabel('Type de message', { exact: true }).selectOption(type);
      await settled(page);
      expect(await rowIds(page)).to.deep.equal(await apiIds(`visible=true&messageTypeId=${type}`));
      await page.getByLabel('Type de message', { exact: true }).selectOption('');

      await page.getByLabel('Lu', { exact: true }).selectOption('false');
      await settled(page);
      const unread = await apiIds('visible=true&readStatus=false');
      expect(unread.length).to.be.greaterThan(0);
      expect(await rowIds(page)).to.deep.equal(unread);
      expect(await page.locator('#messages [data-read-status="true"]').count()).to.equal(0);
      await page.getByLabel('Lu', { exact: true }).selectOption('');

      const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
      await page.getByLabel('Reçus après', { exact: true }).fill(day(-120));
      await page.getByLabel('Reçus avant', { exact: true }).fill(day(-30));
      await settled(page);
      const between = await apiIds(`visible=true&receivedAfter=${day(-120)}&receivedBefore=${day(-30)}`);
      expect(between.length).to.be.greaterThan(0);
      expect(await rowIds(page)).to.deep.equal(between);
      await page.getByLabel('Reçus après', { exact: true }).fill('');
      await page.getByLabel('Reçus avant', { exact: true }).fill('');

      await page.getByLabel('Affichage', { exact: true }).selectOption('false');
      await settled(page);
      const hidden = await apiIds('visible=false');
      expect(hidden.length).to.be.greaterThan(0);
      expect(await rowIds(page)).to.deep.equal(hidden);
    });

    it('shows a message: sender with logo, dates, business data, body, payment data and attachments', async () => {
      const listed = (await api('/ebox/messages?visible=true&pageSize=100')).items;
      const withBody = new Set(data.messages.filter((m) => m.bodyContent).map((m) => m.messageId as string));
      const message = listed.find((m) => m.paymentData && (m.attachments?.items.length ?? 0) > 0 && withBody.has(m.messageId)) ?? expect.fail('the demo data has no visible message with payment data, a body and attachments');
      const body = await api<Record<string, string>>(`/ebox/messages/${message.messageId}/body`);
      const organization = await api<{ organizationShortName: Record<string, string> }>(`/referenceData/senderOrganizations/${message.senderOrganizationId}`);

      const page = await openEbox('de-BE');
      await search(page, message.subject.de, 'de');
      await openMessage(page, message.messageId);
      const view = page.locator('#message');
      expect(await view.locator('#message-subject').textContent()).to.equal(message.subject.de);
      expect(await view.locator('.sender-name').textContent()).to.equal(organization.organizationShortName.de);
      const logo = view.locator('img.logo');
      expect(await logo.getAttribute('src')).to.match(/^blob:/);
      expect(await logo.evaluate((img) => (img as HTMLImageElement).naturalWidth)).to.be.greaterThan(0);
      const facts = await view.locator('.facts').first().textContent();
      expect(facts).to.include('Empfangen').and.include('Läuft ab');
      const businessData = (await view.locator('#business-data').textContent()) ?? '';
      for (const item of message.businessDataList?.items ?? []) expect(businessData).to.include(item.values[0].de);
      expect(await view.locator('#body .body-text').textContent()).to.equal(body.de);
      expect(await view.locator('#payment-data').textContent()).to.include(message.paymentData?.iban);
      const names = await view.locator('#attachments button.download').allTextContents();
      expect(names).to.deep.equal(message.attachments?.items.map((a) => a.fileName));
    });

    it('downloads attachments under their file names, bytes as stored; the main content marks the message read, an annex does not', async () => {
      const message = await api<ApiMessage>(`/ebox/messages/${PINNED}`);
      expect(message.readStatus).to.equal(false);
      const main = message.attachments?.items.find((a) => a.mainContent) ?? expect.fail('no main content');
      const annex = message.attachments?.items.find((a) => !a.mainContent) ?? expect.fail('no annex');
      const unreadBefore = (await api<{ numberOfUnreadMessages: number }>('/ebox')).numberOfUnreadMessages;

      const page = await openEbox('nl-BE');
      await search(page, message.subject.nl, 'nl');
      await openMessage(page, PINNED);
      const view = page.locator('#message');

      for (const attachment of [annex, main]) {
        const [download] = await Promise.all([page.waitForEvent('download'), view.getByRole('button', { name: attachment.fileName }).click()]);
        expect(download.suggestedFilename()).to.equal(attachment.fileName);
        const saved = fs.readFileSync(await download.path());
        expect(saved.equals(await storedBytes(PINNED, attachment.attachmentId)), `${attachment.fileName} byte for byte`).to.equal(true);
        await settled(page);
        const read = attachment.mainContent;
        expect((await api<ApiMessage>(`/ebox/messages/${PINNED}`)).readStatus, `read after ${attachment.fileName}`).to.equal(read);
        expect(await view.locator('[data-read-status]').getAttribute('data-read-status'), 'message view').to.equal(String(read));
        expect(await page.locator(`#messages [data-message-id="${PINNED}"]`).getAttribute('data-read-status'), 'list').to.equal(String(read));
        expect(await page.locator('#summary-unread').textContent(), 'summary').to.equal(String(read ? unreadBefore - 1 : unreadBefore));
      }
      expect(main.fileName).to.equal('Overzicht_financiële_toestand_2026.pdf');
      expect(await page.locator('#status').textContent()).to.include(main.fileName);
    });

    it('reads a message whose body is its main content when it is opened', async () => {
      const message = await api<ApiMessage & { bodyMainContent: boolean }>(`/ebox/messages/${BODY_MAIN}`);
      expect(message).to.deep.include({ readStatus: false, bodyMainContent: true });
      const page = await openEbox();
      await search(page, message.subject.fr, 'fr');
      const row = page.locator(`#messages [data-message-id="${BODY_MAIN}"]`);
      expect(await row.getAttribute('data-read-status')).to.equal('false');
      await openMessage(page, BODY_MAIN);
      expect(await page.locator('#message #body').count()).to.equal(1);
      expect((await api<ApiMessage>(`/ebox/messages/${BODY_MAIN}`)).readStatus).to.equal(true);
      expect(await page.locator('#message [data-read-status]').getAttribute('data-read-status')).to.equal('true');
      expect(await row.getAttribute('data-read-status')).to.equal('true');
    });

    it('hides and unhides a message (PATCH)', async () => {
      const [target] = await apiIds('visible=true');
      const page = await openEbox();
      await openMessage(page, target);
      await page.getByRole('button', { name: 'Masquer' }).click();
      await settled(page);
      expect((await api<ApiMessage>(`/ebox/messages/${target}`)).visible).to.equal(false);
      expect(await rowIds(page)).to.not.include(target);
      expect(await page.locator('#message .hidden-badge').count()).to.equal(1);

      await page.getByLabel('Affichage', { exact: true }).selectOption('false');
      await settled(page);
      expect(await rowIds(page)).to.include(target);
      await page.getByRole('button', { name: 'Afficher à nouveau' }).click();
      await settled(page);
      expect((await api<ApiMessage>(`/ebox/messages/${target}`)).visible).to.equal(true);
      expect(await rowIds(page)).to.not.include(target);
      await page.getByLabel('Affichage', { exact: true }).selectOption('true');
      await settled(page);
      expect(await rowIds(page)).to.deep.equal(await apiIds('visible=true'));
    });

    it('says so when the provider refuses the token', async () => {
      const context = await browser.context({ locale: 'fr-BE' });
      const page = await context.newPage();
      await page.goto(`${server.url}/portal/`);
      await page.getByLabel('Access token').fill('not-a-dev-token');
      await page.getByRole('button', { name: 'Open e-Box' }).click();
      await settled(page);
      expect(await page.locator('#status').textContent()).to.match(/^Échec : Unknown development token/);
      expect(await page.locator('#ebox').isHidden()).to.equal(true);
    });
  });

  describe('portal view settings', () => {
    describe('PORTAL=off', () => {
      const server = useServer({ env: { PORTAL: 'off' } });
      it('serves no page: /portal/ is the contract’s 404', async () => {
        const res = await server.get('/portal/');
        expect(res.status).to.equal(404);
        expect(res.json().code).to.equal('NOT_FOUND');
      });
    });

    describe('BASE_PATH=/dp', () => {
      const server = useServer({ env: { BASE_PATH: '/dp' } });
      it('stays at the server root and finds the contract under the prefix', async () => {
        const res = await fetch(`${server.url.replace(/\/dp$/, '')}/portal/`);
        expect(res.status).to.equal(200);
        expect(await res.text()).to.include('name="provider-root" content="../dp/"');
      });
    });
  });
});
