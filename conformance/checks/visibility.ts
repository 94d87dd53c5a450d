import { expectStatus, observe, UNKNOWN_ID, type Kit } from '../kit';

/** PATCH /ebox/messages with the given visibilities. */
export const patch = (kit: Kit, items: { messageId: string; visible: boolean }[], token: 'token' | 'otherToken' = 'token') =>
  kit.http.send({
    method: 'PATCH',
    path: '/ebox/messages',
    operationId: 'patchMessagesByEBoxId',
    token,
    headers: { 'Content-Type': 'application/merge-patch+json' },
    body: JSON.stringify({ items, totalItems: items.length }),
  });

/** Hiding a message shows in its state; an unknown id refuses the whole PATCH. The message is put back as it was. */
export async function visibility(kit: Kit): Promise<void> {
  const m = kit.seen.messages.find((x) => x.visible !== false);
  if (!m) return;
  const path = `/ebox/messages/${encodeURIComponent(m.messageId)}`;
  try {
    const hidden = await patch(kit, [{ messageId: m.messageId, visible: false }]);
    if (expectStatus(kit, 'visibility', 'PATCH /ebox/messages with visible false answers 200', hidden, 200)) {
      const after = await kit.http.send({ path, operationId: 'getMessageById', token: 'token' });
      observe(kit, 'visibility', 'A hidden message shows visible: false', after.status === 200 && after.json().visible === false, () => ({ request: after.curl, expected: 'visible false', seen: `${after.status} visible ${after.status === 200 ? after.json().visible : '-'}` }));
    }
    const mixed = await patch(kit, [{ messageId: m.messageId, visible: true }, { messageId: UNKNOWN_ID, visible: true }]);
    expectStatus(kit, 'visibility', 'A PATCH naming an unknown message is 404', mixed, 404);
    const unchanged = await kit.http.send({ path, operationId: 'getMessageById', token: 'token' });
    observe(kit, 'visibility', 'A refused PATCH changes nothing (all or nothing)', unchanged.status === 200 && unchanged.json().visible === false, () => ({ request: mixed.curl, expected: `${m.messageId} still visible: false`, seen: `visible ${unchanged.status === 200 ? unchanged.json().visible : unchanged.status}` }));
  } finally {
    const restored = await patch(kit, [{ messageId: m.messageId, visible: true }]);
    expectStatus(kit, 'visibility', 'The kit restores the visibility it changed', restored, 200);
  }
}
