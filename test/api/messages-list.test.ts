import { expect } from 'chai';
import { useServer } from '../helpers/server';
import { A, B, LIVE_IN_A, messageFixture } from '../helpers/message-fixture';
import { ORG_NO_DE } from '../helpers/reference-fixture';

const ids = (body: { items: { messageId: string }[] }) => body.items.map((m) => m.messageId);

describe('message list (getMessagesByEBoxId)', () => {
  const server = useServer({ seed: messageFixture });
  const list = async (query = '', token = A) => {
    const res = await server.get(`/ebox/messages${query ? `?${query}` : ''}`, token);
    expect(res.status, res.text).to.equal(200);
    return res.json();
  };

  it('lists the caller’s live messages, newest first, ties by messageId descending', async () => {
    const body = await list();
    expect(ids(body)).to.deep.equal(LIVE_IN_A);
    expect(body.totalItems).to.equal(LIVE_IN_A.length);
  });

  it('never shows another e-Box’s or an expired message', async () => {
    expect(ids(await list())).not.to.include.members(['b-message', 'expired']);
    expect(ids(await list('', B))).to.deep.equal(['b-message']);
  });

  it('returns each message complete, TranslatedStrings filled in', async () => {
    const full = (await list()).items[0];
    expect(full.subject).to.deep.equal({ nl: 'Votre attestation', fr: 'Votre attestation', de: 'Votre attestation' });
    expect(full.attachments.totalItems).to.equal(2);
    expect(full.attachments.items[0]).to.include({ attachmentId: 'main', mainContent: true, mediaType: 'application/pdf' });
    expect(full.attachments.items[0].digest.digestMethod).to.equal('sha_256');
    expect(full.attachments.items[0].contentHref).to.equal(`${server.url}/ebox/messages/full/attachments/main/content`);
    expect(full.businessDataList).to.deep.equal({
      items: [{ key: 'dossier', name: { nl: 'Dossier', fr: 'Dossier', de: 'Dossier' }, values: [{ nl: 'D-42', fr: 'D-42', de: 'D-42' }] }],
      totalItems: 1,
    });
    expect(full.paymentData).to.include({ paymentDataId: 'pay-1', amount: 120.5, currency: 'EUR' });
    expect(full.forTheAttentionOf).to.deep.equal({ id: '85073003328', type: 'person', name: 'Jan Janssens' });
    expect(full).to.include({ registeredMail: true, readStatus: false, visible: true, bodyMainContent: false, replyAuthorized: false });
    expect(full.receiptDate).to.equal('2024-05-01T08:00:00Z');
    const plain = (await list()).items[1];
    expect(plain.attachments).to.deep.equal({ items: [], totalItems: 0 });
    expect(plain.businessDataList).to.deep.equal({ items: [], totalItems: 0 });
    expect(plain).not.to.have.property('paymentData');
  });

  describe('paging', () => {
    it('concatenates pages into the whole list, without overlap', async () => {
      const seen: string[] = [];
      for (let page = 1; page <= 5; page++) {
        const body = await list(`page=${page}&pageSize=3`);
        expect(body.totalItems).to.equal(LIVE_IN_A.length);
        seen.push(...ids(body));
      }
      expect(seen).to.deep.equal(LIVE_IN_A);
    });

    it('answers a page past the end with an empty list and the full count', async () => {
      expect(await list('page=99')).to.deep.equal({ items: [], totalItems: LIVE_IN_A.length });
    });
  });

  describe('criteria, each alone', () => {
    const cases: [string, string[]][] = [
      ['readStatus=true', ['read-hidden']],
      ['readStatus=false', LIVE_IN_A.filter((id) => id !== 'read-hidden')],
      ['visible=false', ['read-hidden']],
      ['visible=true', LIVE_IN_A.filter((id) => id !== 'read-hidden')],
      ['registeredMail=true', ['full']],
      ['messageTypeId=type-03', ['read-hidden']],
      ['messageTypeId=unknown-type', []],
      [`senderOrganizationId=${ORG_NO_DE}`, ['other-sender']],
      ['senderApplicationId=myminfin', LIVE_IN_A.filter((id) => id !== 'other-sender')],
      ['receivedAfter=2024-03-01', ['full', 'body-main', 'read-hidden']],
      ['receivedBefore=2019-01-01', ['expires-2030-winter', 'expires-2030-summer']],
      ['receivedAfter=2060-03-05', []],
      ['expiredBefore=2030-01-15', ['expires-2030-winter']],
      ['expiredAfter=2030-07-15', LIVE_IN_A.filter((id) => !id.startsWith('expires-2030'))],
    ];
    for (const [query, expected] of cases) {
      it(query, async () => {
        const body = await list(query);
        expect(ids(body)).to.deep.equal(expected);
        expect(body.totalItems).to.equal(expected.length);
      });
    }
  });

  describe('date criteria are calendar days in Brussels, bounds inclusive', () => {
    it('receivedAfter starts at local midnight in winter', async () => {
      const got = ids(await list('receivedAfter=2020-03-01&receivedBefore=2020-03-01'));
      expect(got).to.deep.equal(['winter-after-midnight']);
    });
    it('receivedBefore ends with the local day in winter', async () => {
      expect(ids(await list('receivedAfter=2020-02-29&receivedBefore=2020-02-29'))).to.deep.equal(['winter-before-midnight']);
    });
    it('receivedAfter starts at local midnight in summer', async () => {
      expect(ids(await list('receivedAfter=2020-07-01&receivedBefore=2020-07-01'))).to.deep.equal(['summer-after-midnight']);
    });
    it('receivedBefore ends with the local day in summer', async () => {
      expect(ids(await list('receivedAfter=2020-06-30&receivedBefore=2020-06-30'))).to.deep.equal(['summer-before-midnight']);
    });
    it('expiration days are Brussels days too (00:30 local on 15 January is the 15th, not the 14th)', async () => {
      expect(ids(await list('expiredAfter=2030-01-15&expiredBefore=2030-01-15'))).to.deep.equal(['expires-2030-winter']);
      expect(ids(await list('expiredAfter=2030-07-14&expiredBefore=2030-07-14'))).to.deep.equal(['expires-2030-summer']);
    });
  });

  it('applies every criterion given, in conjunction', async () => {
    expect(ids(await list('readStatus=false&senderApplicationId=myminfin&receivedAfter=2020-06-01&receivedBefore=2024-01-31'))).to.deep.equal([
      'tie-b',
      'tie-a',
      'summer-after-midnight',
      'summer-before-midnight',
    ]);
    expect(ids(await list('readStatus=true&visible=true'))).to.deep.equal([]);
    expect(ids(await list('visible=false&messageTypeId=type-03&receivedAfter=2024-03-01'))).to.deep.equal(['read-hidden']);
  });

  describe('400 only for syntactically wrong criteria', () => {
    const bad = [
      'page=0', 'page=abc', 'page=1.5', 'pageSize=0', 'pageSize=101', 'pageSize=ten',
      'receivedAfter=2020-02-30', 'receivedAfter=2021-02-29', 'receivedBefore=2020-13-01', 'expiredAfter=20200301', 'expiredBefore=2020-3-1', 'receivedAfter=yesterday',
      'readStatus=yes', 'visible=1', 'registeredMail=TRUE', 'readStatus=',
      'q=some', 'qlang=en&q=some', 'qlang=FR&q=some',
    ];
    for (const query of bad) {
      it(`400: ${query}`, async () => {
        const res = await server.get(`/ebox/messages?${query}`, A);
        expect(res.status).to.equal(400);
        expect(res.json().code).to.equal('INVALID_REQUEST');
      });
    }
    const good = [
      'page=1', 'pageSize=100', 'pageSize=1', 'receivedAfter=2020-02-29', 'receivedAfter=2024-02-29', 'receivedBefore=2020-12-01',
      'expiredAfter=2020-03-01', 'expiredBefore=2020-03-01', 'readStatus=true', 'visible=false', 'registeredMail=false',
      'q=some&qlang=fr', 'qlang=nl', 'unknownParameter=1', 'receivedAfter=2060-03-05', 'messageTypeId=nope',
    ];
    for (const query of good) {
      it(`200: ${query}`, async () => {
        const res = await server.get(`/ebox/messages?${query}`, A);
        expect(res.status).to.equal(200);
        expect(res.json().items).to.be.an('array');
      });
    }
  });
});
