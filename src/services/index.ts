import type { BlobStore } from '../blobs/blob-store';
import type { Db } from '../db/types';
import { DEFAULT_PUBLICATION_LIMITS, type PublicationLimits } from '../domain/limits';
import type { Logger } from '../log';
import { EboxService } from './ebox';
import { MessageService } from './messages';
import { PublicationService } from './publication';
import { ReferenceDataService } from './reference-data';

export interface Services {
  ebox: EboxService;
  messages: MessageService;
  referenceData: ReferenceDataService;
  publication: PublicationService;
}

export function createServices(db: Db, blobs: BlobStore, log: Logger, publicationLimits: PublicationLimits = DEFAULT_PUBLICATION_LIMITS): Services {
  return {
    ebox: new EboxService(db),
    messages: new MessageService(db, blobs, log.child({ component: 'messages' })),
    referenceData: new ReferenceDataService(db, blobs),
    publication: new PublicationService(db, blobs, log.child({ component: 'publication' }), publicationLimits),
  };
}
