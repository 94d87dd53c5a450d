import { ok } from '../http/result';
import type { HandlerGroup } from './call';

export const ebox = {
  getEBoxById: async ({ identity, services }) => ok(await services.ebox.summary(identity.eboxId)),
} satisfies HandlerGroup;
