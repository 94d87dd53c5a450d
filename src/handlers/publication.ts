import type { Db } from '../db/types';
import type { Call } from './call';
import type { HandlerGroup } from './call';

/** The audit record of a publication call that wrote something: status 201, with the details the service gives. */
const created =
  ({ recordWrite }: Pick<Call<'postMessage'>, 'recordWrite'>) =>
  (trx: Db, details: unknown) =>
    recordWrite(trx, { status: 201, details });

export const publication = {
  postMessage: async (call) => ({
    status: 201,
    body: await call.services.publication.publish(
      call.identity.eboxId,
      { contentType: call.headers['content-type'], body: call.stream },
      call.noteBody,
      created(call),
    ),
  }),

  linkMessage: async (call) => ({ status: 201, body: await call.services.publication.link(call.identity.eboxId, call.body, created(call)) }),

  getStatus: async ({ identity, body, services }) => ({ status: 201, body: await services.publication.status(identity.eboxId, body) }),
} satisfies HandlerGroup;
