import { notImplemented } from '../http/errors';
import type { Handler } from './call';

// Publication is optional for a Document Provider and not offered yet: the
// contract (our rendition) declares the 501 these operations answer.
const unsupported = (operationId: string): Handler => async () => {
  throw notImplemented(operationId);
};

export const postMessage = unsupported('postMessage');
export const linkMessage = unsupported('linkMessage');
export const getStatus = unsupported('getStatus');
