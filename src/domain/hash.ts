import { createHash } from 'node:crypto';

/**
 * SHA-256 in hex: how tokens, national numbers and searched text are kept in
 * logs, caches and the audit trail, never in clear.
 */
export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');
