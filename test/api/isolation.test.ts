import { expect } from 'chai';
import { useServer, type Response } from '../helpers/server';
import { query } from '../helpers/db';
import { A, messageFixture } from '../helpers/message-fixture';

/**
 * With e-Box A's token, every operation on B's ids (and on expired ones) must
 * answer exactly like an unknown id: same status, same body but for its id,
 * same headers but for the date and the request's own id.
 */
const operations: [string, (message: string, attachment: string) => string][] = [
  ['getMessageById', (m) => `/ebox/messages/${m}`],
  ['getAttachmentByMessageId', (m) => `/ebox/messages/${m}/attachments`],
  ['getAttachmentById', (m, a) => `/ebox/messages/${m}/attachments/${a}`],
  ['getAttachmentContentById', (m, a) => `/ebox/messages/${m}/attachments/${a}/content`],
  ['getBodyContent', (m) => `/ebox/messages/${m}/body`],
  ['getPaymentDataByMessageId', (m) => `/ebox/messages/${m}/paymentData`],
];

function comparable(res: Response) {
  const headers = [...res.headers.entries()].filter(([name]) => name !== 'date' && name !== 'x-request-id');
  const body = res.json();
  delete body.id;
  return { status: res.status, headers, body };
}

describe('tenant isolation: another e-Box’s objects answer like missing ones', () => {
  const server = useServer({ seed: messageFixture });

  for (const [operationId, path] of operations) {
    it(operationId, async () => {
      const unknown = comparable(await server.get(path('no-such-message', 'no-such-attachment'), A));
      expect(unknown.status).to.equal(404);
      expect(comparable(await server.get(path('b-message', 'b-att'), A))).to.deep.equal(unknown);
      expect(comparable(await server.get(path('expired', 'old'), A))).to.deep.equal(unknown);
    });
  }

  it('an attachment id of B under a message of A is an unknown attachment', async () => {
    const unknown = comparable(await server.get('/ebox/messages/full/attachments/no-such-attachment', A));
    expect(comparable(await server.get('/ebox/messages/full/attachments/b-att', A))).to.deep.equal(unknown);
  });

  it('patchMessagesByEBoxId', async () => {
    const before = await query(server, 'select message_id, visible, read_status from messages order by message_id');
    const send = (id: string) =>
      server.request('PATCH', '/ebox/messages', { token: A, body: { items: [{ messageId: id, visible: false }], totalItems: 1 }, contentType: 'application/merge-patch+json' });
    const unknown = comparable(await send('no-such-message'));
    expect(comparable(await send('b-message'))).to.deep.equal(unknown);
    expect(await query(server, 'select message_id, visible, read_status from messages order by message_id')).to.deep.equal(before);
  });

  it('reading B’s content with A’s token does not mark B’s message read', async () => {
    await server.get('/ebox/messages/b-message/attachments/b-att/content', A);
    expect((await query<{ read_status: number }>(server, 'select read_status from messages where message_id = ?', ['b-message']))[0].read_status).to.equal(0);
  });
});
