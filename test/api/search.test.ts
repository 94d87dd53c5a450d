import { expect } from 'chai';
import { useServer } from '../helpers/server';
import { A, B, EBOX_B, msg } from '../helpers/message-fixture';
import { referenceFixture } from '../helpers/reference-fixture';
import { seed } from '../helpers/seed';
import { LANGUAGES } from '../../src/domain/translated-string';

const SENTENCE = 'This is some random with Special cases like épinards and François, ok?';
const FOUND = ['some', 'me rando', 'ok?', 'François', 'Francois', 'epinards', 'ép', 'SOME RAND'];
const NOT_FOUND = ['ok?This is', 'This some random'];
const FILLER = { fr: 'Rien à voir', nl: 'Niets te zien', de: 'Nichts zu sehen' };

const ids = (body: { items: { messageId: string }[] }) => body.items.map((m) => m.messageId);

describe('message list text search (q, qlang)', () => {
  const server = useServer({
    seed: () => ({
      ...referenceFixture(),
      messages: [
        ...LANGUAGES.map((lang) => msg(`in-${lang}`, { subject: { ...FILLER, [lang]: SENTENCE } })),
        msg('registered', { subject: { ...FILLER, fr: SENTENCE }, registeredMail: true }),
        msg('in-body', { subject: FILLER, bodyContent: { fr: SENTENCE, nl: SENTENCE, de: SENTENCE } }),
        msg('special', { subject: { ...FILLER, fr: `100% sure_thing back\\slash it's "quoted" *star (paren) key:value ^caret NEAR AND OR` } }),
        msg('other-ebox', { eboxId: EBOX_B, subject: { fr: SENTENCE, nl: SENTENCE, de: SENTENCE } }),
      ],
    }),
  });
  const get = (query: string, token = A) => server.get(`/ebox/messages?${query}`, token);
  const search = async (q: string, qlang: string, extra = '', token = A) => {
    const res = await get(`q=${encodeURIComponent(q)}&qlang=${qlang}${extra}`, token);
    expect(res.status, res.text).to.equal(200);
    return res.json();
  };

  for (const lang of LANGUAGES) {
    describe(`qlang=${lang}`, () => {
      const others = LANGUAGES.filter((l) => l !== lang).map((l) => `in-${l}`);
      for (const q of FOUND) {
        it(`finds "${q}" in the ${lang} text only`, async () => {
          const body = await search(q, lang);
          expect(ids(body)).to.include(`in-${lang}`);
          expect(ids(body)).to.not.include.members(others);
          expect(ids(body)).to.not.include('in-body');
          expect(body.totalItems).to.equal(body.items.length);
        });
      }
      for (const q of NOT_FOUND) {
        it(`does not find "${q}"`, async () => {
          const body = await search(q, lang);
          expect(ids(body)).to.deep.equal([]);
          expect(body.totalItems).to.equal(0);
        });
      }
    });
  }

  it('finds the sender organization, application and message type names in the language asked', async () => {
    // referenceFixture: ORG_FULL is "SPF Finances" in French, "FOD Financiën" in Dutch; the application is MyMinfin.
    const all = LANGUAGES.map((l) => `in-${l}`);
    expect(ids(await search('spf fin', 'fr'))).to.include.members(all);
    expect(ids(await search('spf fin', 'nl'))).to.deep.equal([]);
    expect(ids(await search('FOD FINANCIEN', 'nl'))).to.include.members(all);
    expect(ids(await search('myminfin', 'de'))).to.include.members(all);
  });

  it('combines with the other criteria', async () => {
    expect(ids(await search('some', 'fr', '&registeredMail=true'))).to.deep.equal(['registered']);
    expect(ids(await search('some', 'fr', '&registeredMail=false'))).to.deep.equal(['in-fr']);
    const paged = await search('some', 'fr', '&pageSize=1&page=2');
    expect(paged.totalItems).to.equal(2);
    expect(paged.items).to.have.length(1);
  });

  it('treats special characters in q as literal text', async () => {
    for (const q of ['100%', '%', '_', 'sure_thing', '\\', 'back\\slash', "'", "it's", '"', '"quoted"', '*star', '(paren)', 'key:value', '^caret', 'NEAR AND OR']) {
      expect(ids(await search(q, 'fr')), q).to.deep.equal(['special']);
    }
    for (const q of ['100%thing', 'sure%', 's_re', 'sure*', 'NEAR(sure thing)', 'sure OR caret']) {
      expect(ids(await search(q, 'fr')), q).to.deep.equal([]);
    }
  });

  it('searches only the caller’s e-Box', async () => {
    expect(ids(await search('some random', 'fr', '', B))).to.deep.equal(['other-ebox']);
    expect(ids(await search('some random', 'fr'))).to.not.include('other-ebox');
  });

  it('matches everything when q is empty', async () => {
    const all = (await get('')).json();
    const body = await search('', 'fr');
    expect(body.totalItems).to.equal(all.totalItems);
  });

  it('refuses q without qlang', async () => {
    const res = await get('q=some');
    expect(res.status).to.equal(400);
    expect(res.json().code).to.equal('INVALID_REQUEST');
  });

  for (const qlang of ['en', 'FR', '']) {
    it(`refuses qlang=${qlang || '(empty)'}`, async () => {
      const res = await get(`q=some&qlang=${qlang}`);
      expect(res.status).to.equal(400);
      expect(res.json().code).to.equal('INVALID_REQUEST');
    });
  }

  it('searches each language in its own text', async () => {
    expect(ids(await search('niets te zien', 'nl'))).to.include.members(['in-fr', 'in-de', 'registered', 'in-body']);
    expect(ids(await search('niets te zien', 'nl'))).to.not.include('in-nl');
    expect(ids(await search('niets te zien', 'fr'))).to.deep.equal([]);
  });
});

describe('a search’s totalItems while the e-Box changes (remembered totals)', () => {
  const server = useServer({ seed: () => ({ ...referenceFixture(), messages: [msg('first', { subject: { fr: 'Relevé trimestriel 1' } })] }) });
  const total = async (q: string) => {
    const res = await server.get(`/ebox/messages?q=${encodeURIComponent(q)}&qlang=fr&pageSize=1`, A);
    expect(res.status, res.text).to.equal(200);
    return { totalItems: res.json().totalItems, ids: ids(res.json()) };
  };

  it('follows messages imported, and imported again with another text, after it was answered', async () => {
    expect(await total('trimestriel')).to.deep.equal({ totalItems: 1, ids: ['first'] });
    expect(await total('trimestriel')).to.deep.equal({ totalItems: 1, ids: ['first'] });
    // Another process writes into the store: the importer, on its own connection.
    await seed(server, { messages: [msg('second', { subject: { fr: 'Relevé trimestriel 2' }, receiptDate: '2024-02-01T10:00:00Z' })] });
    expect(await total('trimestriel')).to.deep.equal({ totalItems: 2, ids: ['second'] });
    const second = await server.get(`/ebox/messages?q=trimestriel&qlang=fr&pageSize=1&page=2`, A);
    expect(second.json()).to.deep.include({ totalItems: 2 });
    expect(ids(second.json())).to.deep.equal(['first']);
    await seed(server, { messages: [msg('first', { subject: { fr: 'Relevé annuel' } })] });
    expect(await total('trimestriel')).to.deep.equal({ totalItems: 1, ids: ['second'] });
  });
});
