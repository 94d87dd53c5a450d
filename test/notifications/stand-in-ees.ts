import fs from 'node:fs';
import http from 'node:http';
import type { Socket } from 'node:net';
import path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import yaml from 'js-yaml';

/** The project's rendition of the EES contract, the one the stand-in judges every POST by. */
export const EES_SPEC = path.join(__dirname, '..', '..', 'spec', 'event-service.yaml');
export const EVENTS_PATH = '/ebox/enterprise/document/events';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export interface EesEvent {
  eventType: string;
  eventCorrelationId: string;
  enterpriseId: string;
  messageId: string;
  receiptDate: string;
  expirationDate: string;
  registeredMail: boolean;
  messageTypeId?: string;
  senderOrganizationId?: string;
  senderApplicationId?: string;
  subject?: Record<string, string>;
}

/** One POST as the stand-in saw it, and what it answered (undefined while it holds the answer back). */
export interface Post {
  at: number;
  clientId: string | null;
  authorization: string | undefined;
  events: EesEvent[];
  status: number | undefined;
}

/** What the stand-in does with the next POST: answer this status (201 stores the events), or 'hold': store them and never answer. */
export type Answer = number | 'hold';

export function loadEesSpec(): Json {
  return yaml.load(fs.readFileSync(EES_SPEC, 'utf8'));
}

/**
 * Two validators of a POST body, both from spec/event-service.yaml: the
 * contract's schema as published, and a stricter one that also refuses
 * properties the schema does not declare and a CBE that is not exactly ten
 * digits (the published pattern is unanchored, and an object with the guide's
 * `eboxId` beside the required fields would pass the published schema).
 */
export function eesValidators(): { published: ValidateFunction; exact: ValidateFunction } {
  const spec = loadEesSpec();
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && Math.abs(n) <= 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addSchema(spec, 'ees');
  const published = ajv.compile({ $ref: `ees#/paths/${EVENTS_PATH.replace(/\//g, '~1')}/post/requestBody/content/application~1json/schema` });

  const schemas = structuredClone(spec.components.schemas);
  const event = schemas.EboxEnterpriseDocumentEvent;
  event.additionalProperties = false;
  event.properties.enterpriseId.pattern = `^(?:${event.properties.enterpriseId.pattern})$`;
  schemas.TranslatedString.additionalProperties = false;
  const exact = new Ajv({ allErrors: true, strict: false });
  addFormats(exact);
  exact.addSchema({ $id: 'exact', components: { schemas } });
  return { published, exact: exact.compile({ type: 'array', items: { $ref: 'exact#/components/schemas/EboxEnterpriseDocumentEvent' } }) };
}

const describeErrors = (errors: ErrorObject[] | null | undefined) => (errors ?? []).map((e) => `${e.instancePath} ${e.message}`).join('; ');

/**
 * A stand-in for the e-Box Event Service on a local port: the real HTTP path,
 * no mock of our code. Every POST body is validated against the schema of
 * spec/event-service.yaml (and the stricter reading above); an invalid one is
 * answered 400 and kept in `invalid`, which the tests check is empty. Like
 * the real service it is idempotent per eventCorrelationId: a POST naming an
 * event it already stored is answered 409 and stores nothing. `answers`
 * queues other answers for the next POSTs.
 */
export class StandInEes {
  readonly posts: Post[] = [];
  readonly invalid: { body: unknown; errors: string }[] = [];
  /** Stored events by eventCorrelationId, in the order they were stored. */
  readonly stored = new Map<string, EesEvent>();
  /** Answers for the next POSTs, in order; when empty: 201, or 409 for a known event. */
  readonly answers: Answer[] = [];
  /** Every POST answered after this delay (ms). */
  delayMs = 0;
  private readonly sockets = new Set<Socket>();
  private readonly held: http.ServerResponse[] = [];
  private readonly validate = eesValidators();
  private readonly waiters: (() => void)[] = [];

  private constructor(private readonly server: http.Server) {
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** Listens on 127.0.0.1, on `port` when given (to come back on the same address after an outage). */
  static async start(port = 0): Promise<StandInEes> {
    const ees = new StandInEes(http.createServer());
    ees.server.on('request', (req, res) => void ees.handle(req, res));
    await new Promise<void>((resolve) => ees.server.listen(port, '127.0.0.1', resolve));
    return ees;
  }

  get port(): number {
    return (this.server.address() as { port: number }).port;
  }

  /** The full events endpoint, as EES_URL. */
  get url(): string {
    return `http://127.0.0.1:${this.port}${EVENTS_PATH}`;
  }

  /** Stored events, optionally of one message. */
  events(messageId?: string): EesEvent[] {
    return [...this.stored.values()].filter((e) => messageId === undefined || e.messageId === messageId);
  }

  /** How many times an event (by correlation id) was posted, whatever the answer. */
  timesPosted(correlationId: string): number {
    return this.posts.filter((p) => p.events.some((e) => e.eventCorrelationId === correlationId)).length;
  }

  /** Resolves once `condition` holds, checked after every POST; fails after timeoutMs. */
  async waitFor(condition: () => boolean, timeoutMs = 10_000, what = 'the stand-in EES to see the expected POSTs'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what} (${this.posts.length} POSTs seen, ${this.stored.size} events stored)`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Closes the port; held requests and open connections are cut. */
  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method !== 'POST' || url.pathname !== EVENTS_PATH) return this.answer(res, 404, { message: 'not found' });
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      body = undefined;
    }
    const post: Post = { at: Date.now(), clientId: url.searchParams.get('clientId'), authorization: req.headers.authorization, events: [], status: undefined };
    this.posts.push(post);
    const json = (req.headers['content-type'] ?? '').startsWith('application/json');
    if (!json || !this.validate.published(body) || !this.validate.exact(body)) {
      const errors = json ? describeErrors(this.validate.published.errors) || describeErrors(this.validate.exact.errors) : 'not application/json';
      this.invalid.push({ body, errors });
      return this.answer(res, 400, { message: `invalid events: ${errors}` }, post);
    }
    post.events = body as EesEvent[];
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const forced = this.answers.shift();
    if (forced === 'hold') {
      this.store(post.events);
      this.held.push(res);
      this.notify();
      return;
    }
    if (forced !== undefined) {
      if (forced >= 200 && forced < 300) this.store(post.events);
      return this.answer(res, forced, forced >= 300 ? { message: `answer ${forced} chosen by the test`, enterpriseId: post.events[0]?.enterpriseId } : undefined, post);
    }
    if (post.events.some((e) => this.stored.has(e.eventCorrelationId))) return this.answer(res, 409, { message: 'idempotency violation' }, post);
    this.store(post.events);
    return this.answer(res, 201, undefined, post);
  }

  private store(events: EesEvent[]): void {
    for (const e of events) this.stored.set(e.eventCorrelationId, e);
  }

  private answer(res: http.ServerResponse, status: number, body: unknown, post?: Post): void {
    if (post) post.status = status;
    if (body === undefined) res.writeHead(status).end();
    else res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    this.notify();
  }

  private notify(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }
}
