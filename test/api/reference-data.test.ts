import { expect } from 'chai';
import { startServer, useServer } from '../helpers/server';
import { seed, PNG } from '../helpers/seed';
import { APP_ID, ORG_FR_ONLY, ORG_FULL, ORG_NO_DE, referenceFixture } from '../helpers/reference-fixture';

const TOKEN = 'dev.0123456749';

describe('reference data', () => {
  const server = useServer({ env: { REFERENCE_DATA_MAX_AGE: '3600' }, seed: referenceFixture });

  describe('paging', () => {
    it('defaults to page 1 of 25 items, with the full count', async () => {
      const res = await server.get('/referenceData/messageTypes', TOKEN);
      expect(res.status).to.equal(200);
      const body = res.json();
      expect(body.items).to.have.length(25);
      expect(body.totalItems).to.equal(60);
      expect(body.items[0].messageTypeId).to.equal('type-01');
    });

    it('serves the last, partial page and an empty page past the end', async () => {
      const last = (await server.get('/referenceData/messageTypes?page=3', TOKEN)).json();
      expect(last.items.map((t: { messageTypeId: string }) => t.messageTypeId)).to.deep.equal(
        Array.from({ length: 10 }, (_, i) => `type-${51 + i}`),
      );
      const past = await server.get('/referenceData/messageTypes?page=4', TOKEN);
      expect(past.status).to.equal(200);
      expect(past.json()).to.deep.equal({ items: [], totalItems: 60 });
    });

    it('keeps a stable order: pages of 7 concatenate to the whole list without overlap', async () => {
      const ids: string[] = [];
      for (let page = 1; page <= 9; page++) {
        const body = (await server.get(`/referenceData/messageTypes?page=${page}&pageSize=7`, TOKEN)).json();
        ids.push(...body.items.map((t: { messageTypeId: string }) => t.messageTypeId));
      }
      expect(ids).to.have.length(60);
      expect(new Set(ids).size).to.equal(60);
      expect(ids).to.deep.equal([...ids].sort());
    });

    it('accepts pageSize 1 and 100', async () => {
      expect((await server.get('/referenceData/messageTypes?pageSize=1', TOKEN)).json().items).to.have.length(1);
      expect((await server.get('/referenceData/messageTypes?pageSize=100', TOKEN)).json().items).to.have.length(60);
    });

    for (const query of ['page=0', 'page=-1', 'page=abc', 'page=1.5', 'page=1e1', 'pageSize=0', 'pageSize=101', 'pageSize=', 'page=99999999999']) {
      it(`answers 400 with a StatusMessage for ${query}`, async () => {
        const res = await server.get(`/referenceData/senderOrganizations?${query}`, TOKEN);
        expect(res.status).to.equal(400);
        expect(res.json().code).to.equal('INVALID_REQUEST');
      });
    }

    it('ignores query parameters the contract does not declare', async () => {
      const res = await server.get('/referenceData/senderOrganizations?utm_source=portal&page=1', TOKEN);
      expect(res.status).to.equal(200);
      expect(res.json().totalItems).to.equal(3);
    });

    it('pages sender applications and organizations the same way', async () => {
      expect((await server.get('/referenceData/senderApplications', TOKEN)).json().totalItems).to.equal(1);
      const orgs = (await server.get('/referenceData/senderOrganizations?pageSize=2&page=2', TOKEN)).json();
      expect(orgs.totalItems).to.equal(3);
      expect(orgs.items.map((o: { organizationId: string }) => o.organizationId)).to.deep.equal([ORG_NO_DE]);
    });
  });

  describe('TranslatedString completion', () => {
    it('fills a missing German name from French', async () => {
      const org = (await server.get(`/referenceData/senderOrganizations/${ORG_NO_DE}`, TOKEN)).json();
      expect(org.organizationShortName).to.deep.equal({ nl: 'RSZ', fr: 'ONSS', de: 'ONSS' });
    });

    it('fills every language from the only one given, in lists too', async () => {
      const orgs = (await server.get('/referenceData/senderOrganizations', TOKEN)).json();
      const inami = orgs.items.find((o: { organizationId: string }) => o.organizationId === ORG_FR_ONLY);
      expect(inami.organizationShortName).to.deep.equal({ nl: 'Inami', fr: 'Inami', de: 'Inami' });
      const types = (await server.get('/referenceData/messageTypes', TOKEN)).json();
      expect(types.items[0].messageTypeName).to.deep.equal({ nl: 'Aanslagbiljet', fr: 'Aanslagbiljet', de: 'Aanslagbiljet' });
    });

    it('leaves complete values untouched', async () => {
      const org = (await server.get(`/referenceData/senderOrganizations/${ORG_FULL}`, TOKEN)).json();
      expect(org.organizationShortName).to.deep.equal({ nl: 'FOD Financiën', fr: 'SPF Finances', de: 'FÖD Finanzen' });
    });
  });

  describe('single items', () => {
    for (const path of ['/referenceData/messageTypes/nope', '/referenceData/senderApplications/nope', '/referenceData/senderOrganizations/0999999999']) {
      it(`answers 404 for an unknown id: ${path}`, async () => {
        const res = await server.get(path, TOKEN);
        expect(res.status).to.equal(404);
        expect(res.json().code).to.equal('NOT_FOUND');
        expect(res.headers.get('cache-control')).to.equal(null);
      });
    }

    for (const path of ['/referenceData/messageTypes/type-02', `/referenceData/senderApplications/${APP_ID}`, `/referenceData/senderOrganizations/${ORG_FULL}`]) {
      it(`is cacheable and revalidates: ${path}`, async () => {
        const res = await server.get(path, TOKEN);
        expect(res.status).to.equal(200);
        expect(res.headers.get('cache-control')).to.equal('public, no-transform, proxy-revalidate, max-age=3600');
        const etag = res.header('etag');
        expect(etag).to.match(/^"[A-Za-z0-9_-]{43}"$/);
        const lastModified = res.header('last-modified');
        expect(new Date(lastModified).getTime()).to.be.greaterThan(Date.now() - 600_000);

        const again = await server.get(path, TOKEN);
        expect(again.headers.get('etag')).to.equal(etag);

        // As a browser's fetch() sends a revalidation it makes by hand (Cache-Control: no-cache): still 304.
        const byEtag = await server.get(path, TOKEN, { 'If-None-Match': etag, 'Cache-Control': 'no-cache' });
        expect(byEtag.status).to.equal(304);
        expect(byEtag.bytes).to.have.length(0);
        expect(byEtag.headers.get('etag')).to.equal(etag);

        const byDate = await server.get(path, TOKEN, { 'If-Modified-Since': lastModified, 'Cache-Control': 'no-cache' });
        expect(byDate.status).to.equal(304);

        const stale = await server.get(path, TOKEN, { 'If-None-Match': '"something-else"' });
        expect(stale.status).to.equal(200);
        const older = await server.get(path, TOKEN, { 'If-Modified-Since': 'Mon, 01 Jan 2001 00:00:00 GMT' });
        expect(older.status).to.equal(200);
      });
    }

    it('does not mark paged lists as cacheable', async () => {
      const res = await server.get('/referenceData/messageTypes', TOKEN);
      expect(res.headers.get('cache-control')).to.equal(null);
    });
  });

  describe('logos', () => {
    it('describes each logo with its size in kB and a link to its content', async () => {
      const org = (await server.get(`/referenceData/senderOrganizations/${ORG_FULL}`, TOKEN)).json();
      expect(org.organizationLogos).to.have.length(2);
      const [png, svg] = org.organizationLogos;
      expect(png).to.deep.include({ imageId: 'logo-png', mediaType: 'image/png', language: 'nl', size: PNG.length / 1024 });
      expect(png.contentHref).to.equal(`${server.url}/referenceData/senderOrganizations/${ORG_FULL}/images/logo-png/content`);
      expect(svg.mediaType).to.equal('image/svg+xml');
    });

    it('serves the logo bytes with their own media type, cacheable', async () => {
      const org = (await server.get(`/referenceData/senderOrganizations/${ORG_FULL}`, TOKEN)).json();
      const href = new URL(org.organizationLogos[0].contentHref);
      const res = await server.get(href.pathname, TOKEN);
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.equal('image/png');
      expect(res.headers.get('content-length')).to.equal(String(PNG.length));
      expect(res.bytes.equals(PNG)).to.equal(true);
      expect(res.headers.get('cache-control')).to.match(/max-age=3600/);
      const etag = res.header('etag');
      expect((await server.get(href.pathname, TOKEN, { 'If-None-Match': etag, 'Cache-Control': 'no-cache' })).status).to.equal(304);
    });

    it('serves application logos, and 404s an image of another owner', async () => {
      const app = (await server.get(`/referenceData/senderApplications/${APP_ID}`, TOKEN)).json();
      const res = await server.get(new URL(app.applicationLogos[0].contentHref).pathname, TOKEN);
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.equal('image/png');
      const wrongOwner = await server.get(`/referenceData/senderOrganizations/${ORG_NO_DE}/images/logo-png/content`, TOKEN);
      expect(wrongOwner.status).to.equal(404);
      expect(wrongOwner.json().code).to.equal('NOT_FOUND');
    });

    it('builds links on PUBLIC_BASE_URL when it is set', async () => {
      const other = await startServer({ PUBLIC_BASE_URL: 'https://dp.example.be/registry/' });
      try {
        await seed(other, referenceFixture());
        const org = (await other.get(`/referenceData/senderOrganizations/${ORG_FULL}`, TOKEN)).json();
        expect(org.organizationLogos[0].contentHref).to.equal(
          `https://dp.example.be/registry/referenceData/senderOrganizations/${ORG_FULL}/images/logo-png/content`,
        );
      } finally {
        await other.close();
      }
    });
  });
});
