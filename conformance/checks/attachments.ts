import { parse as parseDisposition } from 'content-disposition';
import { expectStatus, getJson, observe, type Kit, type Msg } from '../kit';

const AREA = 'attachments';

const isAscii = (s: string) => /^[\x20-\x7e]*$/.test(s);

/** The file name a Content-Disposition header gives, filename* preferred (RFC 6266 / 5987). */
function dispositionName(header: string): { type: string; name?: string; extended: boolean } {
  try {
    const parsed = parseDisposition(header);
    return { type: parsed.type, name: parsed.parameters.filename, extended: /filename\*\s*=/i.test(header) };
  } catch {
    return { type: 'unparseable', extended: false };
  }
}

/**
 * Attachments of a few messages: metadata agrees between the list, the
 * message and its attachment list; contentHref absolute and served; size and
 * headers of the bytes. The main content of an unread message is never
 * downloaded (that would mark it read); annexes are, and must not.
 */
export async function attachments(kit: Kit): Promise<void> {
  const candidates = kit.seen.messages.filter((m) => (m.attachments?.items ?? []).length > 0);
  // Non-ASCII names first: they are where Content-Disposition goes wrong.
  candidates.sort((a, b) => Number(allAscii(a)) - Number(allAscii(b)));
  let annexChecked = false;
  for (const m of candidates.slice(0, 4)) {
    const base = `/ebox/messages/${encodeURIComponent(m.messageId)}`;
    const one = await getJson(kit, { path: base, operationId: 'getMessageById', token: 'token' });
    if (expectStatus(kit, AREA, 'A listed message answers 200 on its own', one, 200)) {
      observe(kit, AREA, 'A message fetched alone equals its entry in the list', JSON.stringify(one.json()) === JSON.stringify(m), () => ({ request: one.curl, expected: JSON.stringify(m).slice(0, 300), seen: one.text.slice(0, 300) }));
    }
    const listed = await getJson(kit, { path: `${base}/attachments`, operationId: 'getAttachmentByMessageId', token: 'token' });
    if (expectStatus(kit, AREA, 'The attachments of a listed message answer 200', listed, 200)) {
      observe(kit, AREA, 'GET …/attachments equals the attachments of the message in the list', JSON.stringify(listed.json()) === JSON.stringify(m.attachments), () => ({ request: listed.curl, expected: JSON.stringify(m.attachments).slice(0, 300), seen: listed.text.slice(0, 300) }));
    }
    for (const a of m.attachments.items as Msg[]) {
      const href = String(a.contentHref ?? '');
      const absolute = /^https?:\/\/[^/]+\//.test(href);
      observe(kit, AREA, 'contentHref is an absolute URL', absolute, () => ({ request: listed.curl, expected: 'an absolute http(s) URL', seen: href || '(none)' }));
      if (!absolute || (a.mainContent && !m.readStatus)) continue;
      const content = await kit.http.send({ path: href, operationId: 'getAttachmentContentById', token: 'token' });
      if (!expectStatus(kit, AREA, 'contentHref serves the attachment', content, 200)) continue;
      observe(kit, AREA, 'size (kB) agrees with the bytes of the content', Math.abs(Number(a.size) - content.bytes.length / 1024) <= 1, () => ({ request: content.curl, expected: `${a.size} kB`, seen: `${content.bytes.length} bytes (${(content.bytes.length / 1024).toFixed(2)} kB)` }));
      const type = (content.headers.get('content-type') ?? '').split(';')[0].trim();
      observe(kit, AREA, 'The content is served with the attachment mediaType', type === a.mediaType, () => ({ request: content.curl, expected: `Content-Type: ${a.mediaType}`, seen: `Content-Type: ${type || '(none)'}` }));
      const header = content.headers.get('content-disposition') ?? '';
      const { name, extended } = dispositionName(header);
      observe(kit, AREA, 'Content-Disposition names the fileName', name === a.fileName, () => ({ request: content.curl, expected: `file name ${a.fileName}`, seen: `Content-Disposition: ${header || '(none)'}` }));
      if (!isAscii(String(a.fileName))) {
        observe(kit, AREA, 'A non-ASCII file name is given as RFC 5987 filename*', extended, () => ({ request: content.curl, expected: `filename*=UTF-8''… for ${a.fileName}`, seen: `Content-Disposition: ${header || '(none)'}` }));
      }
      const range = await kit.http.send({ path: href, operationId: 'getAttachmentContentById', token: 'token', headers: { Range: 'bytes=0-0' } });
      const rangeOk = range.status === 206 && range.bytes.length === 1 && (range.headers.get('content-range') ?? '') === `bytes 0-0/${content.bytes.length}`;
      observe(kit, AREA, 'A byte Range is answered 206 with Content-Range', rangeOk, () => ({ request: range.curl, expected: `206, 1 byte, Content-Range: bytes 0-0/${content.bytes.length}`, seen: `${range.status}, ${range.bytes.length} bytes, Content-Range: ${range.headers.get('content-range') ?? '(none)'}` }), 'recommendation');
      if (!a.mainContent && !m.readStatus && !annexChecked) {
        annexChecked = true;
        const after = await kit.http.send({ path: base, operationId: 'getMessageById', token: 'token' });
        observe(kit, AREA, 'Reading an annex does not mark the message read', after.status === 200 && after.json().readStatus === false, () => ({ request: after.curl, expected: 'readStatus false after downloading an annex', seen: `readStatus ${after.status === 200 ? after.json().readStatus : after.status}` }));
      }
    }
  }
}

const allAscii = (m: Msg) => (m.attachments?.items ?? []).every((a: Msg) => isAscii(String(a.fileName)));
