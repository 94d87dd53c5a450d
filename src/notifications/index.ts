import type { Knex } from 'knex';
import type { BlobStore } from '../blobs/blob-store';
import type { Config } from '../config';
import type { Logger } from '../log';
import { Dispatcher } from './dispatcher';
import { eesCredentials } from './ees-auth';
import { EesClient } from './ees-client';
import { Sweeper } from './sweeper';

export interface Notifications {
  /** Absent when EES_URL is empty. */
  dispatcher: Dispatcher | undefined;
  sweeper: Sweeper;
  stop(): Promise<void>;
}

/**
 * Starts, in the server process, the dispatcher that delivers the outbox to
 * the EES (when EES_URL is set) and the periodic sweep. Events are recorded
 * whatever the settings (by the importer too, which reads only the store
 * settings): with EES_URL empty they wait in the outbox.
 */
export async function startNotifications(config: Config, db: Knex, blobs: BlobStore, log: Logger, now: () => number = Date.now): Promise<Notifications> {
  const eesLog = log.child({ component: 'ees' });
  let dispatcher: Dispatcher | undefined;
  const { ees } = config;
  if (ees.url !== undefined) {
    const credentials = ees.oauth !== undefined && ees.scope !== undefined ? await eesCredentials(ees.oauth, ees.scope) : undefined;
    dispatcher = new Dispatcher(db, new EesClient({ ...ees, url: ees.url }, credentials), eesLog, ees, now);
  } else if (config.authMode === 'introspection') {
    eesLog.warn('EES_URL is empty: notifications are off; events wait in the outbox until EES_URL is set');
  }
  const sweeper = new Sweeper(db, blobs, log.child({ component: 'sweep' }), { intervalMs: config.sweepSeconds * 1000, retentionDaysAfterExpiry: config.retentionDaysAfterExpiry }, now);
  dispatcher?.start();
  sweeper.start();
  return {
    dispatcher,
    sweeper,
    async stop() {
      await Promise.all([dispatcher?.stop(), sweeper.stop()]);
    },
  };
}
