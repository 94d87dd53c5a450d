import { expectStatus, getJson, observe, type Kit, type Msg } from '../kit';

const AREA = 'reference data';

/** The three kinds: list path, list and item operations, id property, the message property naming one, logos property and image operation. */
export const KINDS = [
  { path: '/referenceData/messageTypes', list: 'getAllMessagesTypes', item: 'getMessageTypeById', id: 'messageTypeId', named: 'messageTypeId', logos: undefined, image: undefined },
  { path: '/referenceData/senderOrganizations', list: 'findAllSenderOrganizations', item: 'getSenderOrganizationById', id: 'organizationId', named: 'senderOrganizationId', logos: 'organizationLogos', image: 'getImageForSenderOrganization' },
  { path: '/referenceData/senderApplications', list: 'findAllSenderApplications', item: 'getSenderApplicationById', id: 'applicationId', named: 'senderApplicationId', logos: 'applicationLogos', image: 'getImageForSenderApplication' },
] as const;

type Kind = (typeof KINDS)[number];

/** The reference object a message names, fetched once (search needs their names). */
export async function referenceOf(kit: Kit, kind: Kind, id: string | undefined): Promise<Msg | undefined> {
  if (id === undefined) return undefined;
  const key = `${kind.path}/${id}`;
  if (!kit.seen.reference.has(key)) {
    const answer = await getJson(kit, { path: `${kind.path}/${encodeURIComponent(id)}`, operationId: kind.item, token: 'token' });
    kit.seen.reference.set(key, answer.status === 200 ? answer.json() : undefined);
  }
  return kit.seen.reference.get(key);
}

/** Cache-Control on the items the portal fetches for every message, validators and 304, logos served. */
export async function referenceData(kit: Kit): Promise<void> {
  for (const kind of KINDS) {
    const listed = await getJson(kit, { path: `${kind.path}?pageSize=100`, operationId: kind.list, token: 'token' });
    if (!expectStatus(kit, AREA, 'Reference data lists answer 200', listed, 200)) continue;
    const items: Msg[] = listed.json().items ?? [];
    // The ones the messages name first: those are what the portal asks for.
    const named = new Set(kit.seen.messages.map((m) => m[kind.named]));
    const sample = [...items.filter((i) => named.has(i[kind.id])), ...items.filter((i) => !named.has(i[kind.id]))].slice(0, 3);
    for (const entry of sample) {
      const id = String(entry[kind.id]);
      const answer = await getJson(kit, { path: `${kind.path}/${encodeURIComponent(id)}`, operationId: kind.item, token: 'token' });
      if (!expectStatus(kit, AREA, 'Each listed reference item answers 200 on its own', answer, 200)) continue;
      kit.seen.reference.set(`${kind.path}/${id}`, answer.json());
      observe(kit, AREA, 'An item fetched alone equals its entry in the list', JSON.stringify(answer.json()) === JSON.stringify(entry), () => ({ request: answer.curl, expected: JSON.stringify(entry).slice(0, 300), seen: answer.text.slice(0, 300) }));
      const cacheControl = answer.headers.get('cache-control') ?? '';
      const maxAge = /(?:^|,)\s*(?:s-)?max-age=(\d+)/i.exec(cacheControl);
      observe(kit, AREA, 'Single reference items carry a significant Cache-Control (max-age, not no-store)', maxAge !== null && Number(maxAge[1]) > 0 && !/no-store/i.test(cacheControl), () => ({ request: answer.curl, expected: 'e.g. Cache-Control: public, no-transform, proxy-revalidate, max-age=86400', seen: `Cache-Control: ${cacheControl || '(none)'}` }));
      const etag = answer.headers.get('etag');
      const lastModified = answer.headers.get('last-modified');
      observe(kit, AREA, 'Reference items carry a validator (ETag or Last-Modified)', etag !== null || lastModified !== null, () => ({ request: answer.curl, expected: 'ETag or Last-Modified', seen: 'neither' }), 'recommendation');
      if (etag !== null || lastModified !== null) {
        const again = await kit.http.send({ path: `${kind.path}/${encodeURIComponent(id)}`, operationId: kind.item, token: 'token', headers: etag ? { 'If-None-Match': etag } : { 'If-Modified-Since': lastModified ?? '' } });
        expectStatus(kit, AREA, 'Revalidation with the validator answers 304', again, 304, 'recommendation');
      }
      for (const logo of ((kind.logos ? entry[kind.logos] : undefined) ?? []).slice(0, 1) as Msg[]) {
        const href = String(logo.contentHref);
        observe(kit, AREA, 'Logo contentHref is an absolute URL', /^https?:\/\//.test(href), () => ({ request: answer.curl, expected: 'an absolute http(s) URL', seen: href }));
        if (!/^https?:\/\//.test(href) || !kind.image) continue;
        const image = await kit.http.send({ path: href, operationId: kind.image, token: 'token' });
        if (!expectStatus(kit, AREA, 'A logo contentHref serves the image', image, 200)) continue;
        const type = (image.headers.get('content-type') ?? '').split(';')[0].trim();
        observe(kit, AREA, 'A logo is served with its mediaType', type === logo.mediaType || (logo.mediaType === 'image/jpg' && type === 'image/jpeg'), () => ({ request: image.curl, expected: `Content-Type: ${logo.mediaType}`, seen: `Content-Type: ${type}` }));
        observe(kit, AREA, 'A logo size (kB) agrees with its bytes', Math.abs(Number(logo.size) - image.bytes.length / 1024) <= 1, () => ({ request: image.curl, expected: `${logo.size} kB`, seen: `${image.bytes.length} bytes` }));
      }
    }
  }
}
