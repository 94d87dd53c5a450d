import pino, { Logger } from 'pino';

export type { Logger };

/**
 * JSON logs on stdout. Authorization headers and tokens are never handed to the
 * logger; the redaction below is a second line of defence.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: { paths: ['req.headers.authorization', 'headers.authorization', 'token'], censor: '[redacted]' },
  });
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
