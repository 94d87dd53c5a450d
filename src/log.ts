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
