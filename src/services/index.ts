import type { BlobStore } from '../blobs/blob-store';
import type { Db } from '../db/types';
import type { Logger } from '../log';
import { EboxService } from './ebox';
import { MessageService } from './messages';
import { ReferenceDataService } from './reference-data';

export interface Services {
  ebox: EboxService;
  messages: MessageService;
  referenceData: ReferenceDataService;
}

export function createServices(db: Db, blobs: BlobStore, log: Logger): Services {
  return {
    ebox: new EboxService(db),
    messages: new MessageService(db, blobs, log.child({ component: 'messages' })),
    referenceData: new ReferenceDataService(db, blobs),
  };
}
