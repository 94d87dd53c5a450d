import { ok } from '../http/result';
import type { Handler } from './call';

export const getEBoxById: Handler = async ({ identity, services }) => ok(await services.ebox.summary(identity.eboxId));
