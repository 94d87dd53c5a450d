import type { Answer } from '../http';
import { observe, UNKNOWN_ID, type Kit, type Msg } from '../kit';
import { patch } from './attachments';

const AREA = 'security';
const RULE = "Another e-Box's message answers exactly like an unknown one (status, code, headers) and changes nothing";

const shape = (a: Answer) => ({
  status: a.status,
  code: a.status >= 400 ? safeCode(a) : undefined,
  type: (a.headers.get('content-type') ?? '').split(';')[0],
  headers: [...a.headers.keys()].filter((h) => !['date', 'content-length', 'etag', 'x-request-id', 'keep-alive', 'connection'].includes(h)).sort().join(','),
});

function safeCode(a: Answer): unknown {
  try {
    return a.json().code;
  } catch {
    return undefined;
  }
}

const PATHS: [string, string][] = [
  ['', 'getMessageById'],
  ['/attachments', 'getAttachmentByMessageId'],
  ['/body', 'getBodyContent'],
  ['/paymentData', 'getPaymentDataByMessageId'],
];

/** With the token of e-Box B, B's ids; each asked with the token of e-Box A, alone and with A's own ids. */
export async function isolation(kit: Kit): Promise<void> {
  if (!kit.http.has('otherToken')) return;
  const theirs = await kit.http.send({ path: '/ebox/messages?pageSize=5', operationId: 'getMessagesByEBoxId', token: 'otherToken' });
  if (theirs.status !== 200) return;
  const foreign: Msg[] = (theirs.json().items ?? []).filter((m: Msg) => !kit.seen.messages.some((own) => own.messageId === m.messageId));
  observe(kit, AREA, 'The other token shows messages of another e-Box (needed to test isolation)', foreign.length > 0, () => ({ request: theirs.curl, expected: 'messages not in the e-Box of --token', seen: 'none' }), 'recommendation');
  for (const m of foreign.slice(0, 2)) {
    for (const [suffix, operationId] of PATHS) {
      const unknown = await kit.http.send({ path: `/ebox/messages/${UNKNOWN_ID}${suffix}`, operationId, token: 'token' });
      const asked = await kit.http.send({ path: `/ebox/messages/${encodeURIComponent(m.messageId)}${suffix}`, operationId, token: 'token' });
      observe(kit, AREA, RULE, JSON.stringify(shape(asked)) === JSON.stringify(shape(unknown)), () => ({ request: asked.curl, expected: JSON.stringify(shape(unknown)), seen: JSON.stringify(shape(asked)) }));
    }
    const attachment = m.attachments?.items?.[0];
    if (attachment) {
      const suffix = `/attachments/${encodeURIComponent(attachment.attachmentId)}`;
      for (const [tail, operationId] of [['', 'getAttachmentById'], ['/content', 'getAttachmentContentById']]) {
        const unknown = await kit.http.send({ path: `/ebox/messages/${UNKNOWN_ID}/attachments/${UNKNOWN_ID}${tail}`, operationId, token: 'token' });
        const asked = await kit.http.send({ path: `/ebox/messages/${encodeURIComponent(m.messageId)}${suffix}${tail}`, operationId, token: 'token' });
        observe(kit, AREA, RULE, JSON.stringify(shape(asked)) === JSON.stringify(shape(unknown)), () => ({ request: asked.curl, expected: JSON.stringify(shape(unknown)), seen: JSON.stringify(shape(asked)) }));
      }
    }
    // PATCH: alone, then beside an own message set to the opposite of its state; nothing may change on either side.
    const alone = await patch(kit, [{ messageId: m.messageId, visible: m.visible === false }]);
    const unknownPatch = await patch(kit, [{ messageId: UNKNOWN_ID, visible: true }]);
    observe(kit, AREA, RULE, JSON.stringify(shape(alone)) === JSON.stringify(shape(unknownPatch)), () => ({ request: alone.curl, expected: JSON.stringify(shape(unknownPatch)), seen: JSON.stringify(shape(alone)) }));
    const own = kit.seen.messages[0];
    if (own) {
      const ownVisible = own.visible !== false;
      const mixed = await patch(kit, [{ messageId: own.messageId, visible: !ownVisible }, { messageId: m.messageId, visible: m.visible === false }]);
      observe(kit, AREA, RULE, JSON.stringify(shape(mixed)) === JSON.stringify(shape(unknownPatch)), () => ({ request: mixed.curl, expected: JSON.stringify(shape(unknownPatch)), seen: JSON.stringify(shape(mixed)) }));
      const ownAfter = await kit.http.send({ path: `/ebox/messages/${encodeURIComponent(own.messageId)}`, operationId: 'getMessageById', token: 'token' });
      const ownChanged = ownAfter.status === 200 && (ownAfter.json().visible !== false) !== ownVisible;
      observe(kit, AREA, RULE, !ownChanged, () => ({ request: mixed.curl, expected: `${own.messageId} still visible: ${ownVisible}`, seen: 'changed' }));
      if (ownChanged) await patch(kit, [{ messageId: own.messageId, visible: ownVisible }]);
    }
    const theirsAfter = await kit.http.send({ path: `/ebox/messages/${encodeURIComponent(m.messageId)}`, operationId: 'getMessageById', token: 'otherToken' });
    const changed = theirsAfter.status === 200 && (theirsAfter.json().visible !== false) !== (m.visible !== false);
    observe(kit, AREA, RULE, !changed, () => ({ request: alone.curl, expected: `${m.messageId} of the other e-Box unchanged`, seen: 'its visibility changed' }));
    if (changed) await patch(kit, [{ messageId: m.messageId, visible: m.visible !== false }], 'otherToken');
  }
}
