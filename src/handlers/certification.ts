import { ok } from '../http/result';
import type { HandlerGroup } from './call';

export const certification = {
  getCertificationVersion: async ({ services }) => ok(services.certification.describe()),

  resetCertificationDataSet: async ({ services, recordWrite }) =>
    ok(await services.certification.reset((trx, details) => recordWrite(trx, { status: 200, details }))),
} satisfies HandlerGroup;
