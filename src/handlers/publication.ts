import { notImplemented } from '../http/errors';
import type { HandlerGroup } from './call';

// Publication is optional for a Document Provider and not offered yet: the
// contract (our rendition) declares the 501 these operations answer.
export const publication = {
  postMessage: async () => {
    throw notImplemented('postMessage');
  },
  linkMessage: async () => {
    throw notImplemented('linkMessage');
  },
  getStatus: async () => {
    throw notImplemented('getStatus');
  },
} satisfies HandlerGroup;
