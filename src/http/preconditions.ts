/**
 * The conditional GET of RFC 9110 §13, evaluated by the origin server.
 *
 * Written here rather than taken from `fresh` (what Koa's ctx.fresh uses):
 * `fresh` answers "not fresh" whenever the request says
 * `Cache-Control: no-cache`, which is a cache's rule (RFC 9111 §5.2.1.4).
 * Fetch-standard clients (a browser's or Node's fetch with a hand-set
 * If-None-Match) add exactly that header, and the origin must still evaluate
 * the precondition (RFC 9110 §13.2.1).
 */

type Headers = Record<string, string | string[] | undefined>;

const header = (headers: Headers, name: string): string | undefined => {
  const value = headers[name.toLowerCase()] ?? headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
};

/** The entity-tags of an If-None-Match or If-Match list ("*" stays "*"). */
function entityTags(list: string): string[] {
  return list.match(/\*|(?:W\/)?"[^"]*"/g) ?? [];
}

const opaque = (tag: string) => tag.replace(/^W\//, '');

/**
 * Whether a GET whose answer carries `response` validators (ETag,
 * Last-Modified) is answered 304 Not Modified: If-None-Match matches (weak
 * comparison), or, when the request has no If-None-Match, the representation
 * has not changed since If-Modified-Since.
 */
export function notModified(request: Headers, response: Headers): boolean {
  const ifNoneMatch = header(request, 'If-None-Match');
  const etag = header(response, 'ETag');
  if (ifNoneMatch !== undefined) {
    if (etag === undefined) return false;
    return entityTags(ifNoneMatch).some((tag) => tag === '*' || opaque(tag) === opaque(etag));
  }
  const ifModifiedSince = header(request, 'If-Modified-Since');
  const lastModified = header(response, 'Last-Modified');
  if (ifModifiedSince === undefined || lastModified === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  const modified = Date.parse(lastModified);
  return !Number.isNaN(since) && !Number.isNaN(modified) && modified <= since;
}

/**
 * Whether a Range request may be served partially (RFC 9110 §13.1.5): with
 * no If-Range, yes; with an entity-tag, when it is the current strong ETag;
 * with a date, when it is the strong Last-Modified (one at least a second
 * before now is taken as strong, §8.8.2.2). Otherwise the whole content is sent.
 */
export function rangeStillValid(ifRange: string | undefined, response: Headers, now = Date.now()): boolean {
  if (ifRange === undefined) return true;
  const value = ifRange.trim();
  if (value.startsWith('"') || value.startsWith('W/')) {
    const etag = header(response, 'ETag');
    return etag !== undefined && !value.startsWith('W/') && !etag.startsWith('W/') && value === etag;
  }
  const lastModified = header(response, 'Last-Modified');
  if (lastModified === undefined) return false;
  const modified = Date.parse(lastModified);
  return !Number.isNaN(modified) && modified < now - 1000 && Date.parse(value) === modified;
}
