import type { Answer } from '../http';
import { observe, UNKNOWN_ID, type Kit, type Msg } from '../kit';
import { patch } from './visibility';

const AREA = 'security';
const RULE = "Another e-Box's message answers exactly like an unknown one (status, code, headers) and changes nothing";

/** What may tell two answers apart: status, error code, media type, and which headers are there. */
const shape = (a: Answer) =>
  JSON.stringify({
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

/** How many of B's messages are asked about: every one of its first page, the parts of a few. */
const ASKED = 20;
const WITH_PARTS = 3;

/**
 * With the token of e-Box B, B's ids; each asked with the token of e-Box A
 * (GET of the message, its parts, attachments and contents; PATCH alone and
 * beside A's own ids) must answer as an unknown id does, and change nothing
 * on either side.
 */
export async function isolation(kit: Kit): Promise<void> {
  if (!kit.http.has('otherToken')) return;
  const theirs = await kit.http.send({ path: `/ebox/messages?pageSize=${ASKED}`, operationId: 'getMessagesByEBoxId', token: 'otherToken' });
  if (theirs.status !== 200) return;
  const foreign: Msg[] = (theirs.json().items ?? []).filter((m: Msg) => !kit.seen.messages.some((own) => own.messageId === m.messageId));
  observe(kit, AREA, 'The other token shows messages of another e-Box (needed to test isolation)', foreign.length > 0, () => ({ request: theirs.curl, expected: 'messages not in the e-Box of --token', seen: 'none' }), 'recommendation');
  if (foreign.length === 0) return;

  const unknown = new Map<string, Answer>();
  const likeUnknown = async (path: string, operationId: string, unknownPath: string) => {
    if (!unknown.has(operationId)) unknown.set(operationId, await kit.http.send({ path: unknownPath, operationId, token: 'token' }));
    const reference = unknown.get(operationId) as Answer;
    const asked = await kit.http.send({ path, operationId, token: 'token' });
    observe(kit, AREA, RULE, shape(asked) === shape(reference), () => ({ request: asked.curl, expected: `as ${reference.curl}: ${shape(reference)}`, seen: shape(asked) }));
  };
  const parts: [string, string][] = [
    ['/attachments', 'getAttachmentByMessageId'],
    ['/body', 'getBodyContent'],
    ['/paymentData', 'getPaymentDataByMessageId'],
  ];
  for (const [i, m] of foreign.entries()) {
    const base = `/ebox/messages/${encodeURIComponent(m.messageId)}`;
    await likeUnknown(base, 'getMessageById', `/ebox/messages/${UNKNOWN_ID}`);
    if (i >= WITH_PARTS) continue;
    for (const [suffix, operationId] of parts) await likeUnknown(base + suffix, operationId, `/ebox/messages/${UNKNOWN_ID}${suffix}`);
    const attachment = m.attachments?.items?.[0];
    if (attachment) {
      const at = `${base}/attachments/${encodeURIComponent(attachment.attachmentId)}`;
      await likeUnknown(at, 'getAttachmentById', `/ebox/messages/${UNKNOWN_ID}/attachments/${UNKNOWN_ID}`);
      await likeUnknown(`${at}/content`, 'getAttachmentContentById', `/ebox/messages/${UNKNOWN_ID}/attachments/${UNKNOWN_ID}/content`);
    }
  }

  // PATCH: B's ids alone, then beside an own message set to the opposite of its state; nothing may change on either side.
  const unknownPatch = await patch(kit, [{ messageId: UNKNOWN_ID, visible: true }]);
  const flip = (m: Msg) => ({ messageId: String(m.messageId), visible: m.visible === false });
  const alone = await patch(kit, foreign.map(flip));
  observe(kit, AREA, RULE, shape(alone) === shape(unknownPatch), () => ({ request: alone.curl, expected: `as ${unknownPatch.curl}: ${shape(unknownPatch)}`, seen: shape(alone) }));
  const own = kit.seen.messages[0];
  if (own) {
    const mixed = await patch(kit, [flip(own), flip(foreign[0])]);
    observe(kit, AREA, RULE, shape(mixed) === shape(unknownPatch), () => ({ request: mixed.curl, expected: `as ${unknownPatch.curl}: ${shape(unknownPatch)}`, seen: shape(mixed) }));
    const ownAfter = await kit.http.send({ path: `/ebox/messages/${encodeURIComponent(own.messageId)}`, operationId: 'getMessageById', token: 'token' });
    const ownChanged = ownAfter.status === 200 && (ownAfter.json().visible !== false) !== (own.visible !== false);
    observe(kit, AREA, RULE, !ownChanged, () => ({ request: mixed.curl, expected: `${own.messageId} still visible: ${own.visible !== false}`, seen: 'its visibility changed' }));
    if (ownChanged) await patch(kit, [{ messageId: own.messageId, visible: own.visible !== false }]);
  }
  const theirsAfter = await kit.http.send({ path: `/ebox/messages?pageSize=${ASKED}`, operationId: 'getMessagesByEBoxId', token: 'otherToken' });
  const changed = foreign.filter((m) => (theirsAfter.json().items ?? []).some((a: Msg) => a.messageId === m.messageId && (a.visible !== false) !== (m.visible !== false)));
  observe(kit, AREA, RULE, changed.length === 0, () => ({ request: alone.curl, expected: "the other e-Box's messages unchanged", seen: `visibility changed: ${changed.map((m) => m.messageId).join(', ')}` }));
  for (const m of changed) await patch(kit, [{ messageId: m.messageId, visible: m.visible !== false }], 'otherToken');
}
