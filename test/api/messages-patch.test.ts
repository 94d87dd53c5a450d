import { expect } from 'chai';
import { useServer } from '../helpers/server';
import { query } from '../helpers/db';
import { A, messageFixture } from '../helpers/message-fixture';

const MERGE_PATCH = 'application/merge-patch+json';

describe('PATCH /ebox/messages (patchMessagesByEBoxId)', () => {
  const server = useServer({ seed: messageFixture });

  const visibility = async () =>
    Object.fromEntries(
      (await query<{ message_id: string; visible: number }>(server, 'select message_id, visible from messages order by message_id')).map((r) => [r.message_id, r.visible]),
    );
  const patch = (body: unknown, contentType = MERGE_PATCH) => server.request('PATCH', '/ebox/messages', { token: A, body: body as object, contentType });

  it('sets visible on each listed message', async () => {
    const res = await patch({ items: [{ messageId: 'tie-a', visible: false }, { messageId: 'read-hidden', visible: true }], totalItems: 2 });
    expect(res.status).to.equal(200);
    const after = await visibility();
    expect(after['tie-a']).to.equal(0);
    expect(after['read-hidden']).to.equal(1);
    const hidden = (await server.get('/ebox/messages?visible=false', A)).json();
    expect(hidden.items.map((m: { messageId: string }) => m.messageId)).to.deep.equal(['tie-a']);
  });

  for (const [label, foreign] of [
    ['of another e-Box', 'b-message'],
    ['expired', 'expired'],
    ['unknown', 'no-such-message'],
  ]) {
    it(`changes nothing and answers 404 when one message is ${label}`, async () => {
      const before = await visibility();
      const res = await patch({ items: [{ messageId: 'tie-b', visible: false }, { messageId: foreign, visible: false }], totalItems: 2 });
      expect(res.status).to.equal(404);
      expect(res.json().code).to.equal('NOT_FOUND');
      expect(await visibility()).to.deep.equal(before);
    });
  }

  for (const [label, body] of [
    ['not JSON', '{"items": ['],
    ['without items', { totalItems: 0 }],
    ['with a non-boolean visible', { items: [{ messageId: 'tie-b', visible: 'no' }], totalItems: 1 }],
    ['with an item lacking messageId', { items: [{ visible: true }], totalItems: 1 }],
  ] as [string, unknown][]) {
    it(`answers 400 to a body ${label}, changing nothing`, async () => {
      const before = await visibility();
      const res = await patch(body);
      expect(res.status).to.equal(400);
      expect(res.json().code).to.equal('INVALID_REQUEST');
      expect(await visibility()).to.deep.equal(before);
    });
  }

  it('answers 400 when there is no body at all', async () => {
    const res = await server.request('PATCH', '/ebox/messages', { token: A, headers: { 'Content-Type': MERGE_PATCH } });
    expect(res.status).to.equal(400);
  });

  it('answers 415 to another content type', async () => {
    const res = await patch({ items: [{ messageId: 'tie-b', visible: false }], totalItems: 1 }, 'text/plain');
    expect(res.status).to.equal(415);
    expect(res.json().code).to.equal('UNSUPPORTED_MEDIA_TYPE');
  });
});
