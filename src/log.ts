import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { Logger } from 'pino';

export type { Logger };

export type LogFormat = 'json' | 'pretty';

const requestScope = new AsyncLocalStorage<{ requestId: string }>();

/**
 * Runs the work of one request: every line logged meanwhile, by any module
 * and after any await, carries its request id, without the id being passed
 * down through services that have no request of their own.
 */
export function inRequest<T>(requestId: string, work: () => T): T {
  return requestScope.run({ requestId }, work);
}

/**
 * Logs on stdout: JSON lines, or human-readable ones (pino-pretty) for a
 * developer's terminal. Authorization headers and tokens are never handed to
 * the logger; the redaction below is a second line of defence.
 */
export function createLogger(level: string, format: LogFormat = 'json'): Logger {
  return pino(
    {
      level,
      redact: { paths: ['req.headers.authorization', 'headers.authorization', 'token'], censor: '[redacted]' },
      mixin: () => {
        const scope = requestScope.getStore();
        return scope === undefined ? {} : { requestId: scope.requestId };
      },
    },
    format === 'pretty' ? pino.transport({ target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } }) : undefined,
  );
}

const SQL_PREFIX = /^\s*(select|insert|update|delete|with|create|alter|drop|pragma)\b[\s\S]* - /i;
const CBE = /\b[01]\d{9}\b/g;

/**
 * An error as it may be logged: knex puts the statement with its values in
 * front of the driver's message, and values are CBE numbers, message ids,
 * hashed tokens. Only the driver's message, its code and the stack frames are
 * kept, and anything shaped like a CBE number is masked.
 */
export function safeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err).replace(CBE, '[cbe]') };
  const { code } = err as { code?: unknown };
  const frames = (err.stack ?? '').split('\n').filter((line) => line.startsWith('    at '));
  return {
    name: err.name,
    ...(code !== undefined ? { code } : {}),
    message: err.message.replace(SQL_PREFIX, '').replace(CBE, '[cbe]'),
    stack: frames.join('\n'),
  };
}
