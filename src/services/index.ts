import type { BlobStore } from '../blobs/blob-store';
import { DEFAULT_SEARCH_TOTALS, SearchTotals } from '../db/repositories/search-totals';
import type { Db } from '../db/types';
import { DEFAULT_PUBLICATION_LIMITS, type PublicationLimits } from '../domain/limits';
import type { CertificationConfig } from '../config';
import type { Logger } from '../log';
import { CertificationService } from './certification';
import { EboxService } from './ebox';
import { MessageService } from './messages';
import { PublicationService } from './publication';
import { ReferenceDataService } from './reference-data';

export interface Services {
  ebox: EboxService;
  messages: MessageService;
  referenceData: ReferenceDataService;
  publication: PublicationService;
  certification: CertificationService;
}

/** Without a certification config, the certification endpoints are off (404). */
const NO_CERTIFICATION: CertificationConfig = { eboxId: undefined, scope: '', build: 'development' };

export function createServices(
  db: Db,
  blobs: BlobStore,
  log: Logger,
  publicationLimits: PublicationLimits = DEFAULT_PUBLICATION_LIMITS,
  certification: CertificationConfig = NO_CERTIFICATION,
  searchTotals = DEFAULT_SEARCH_TOTALS,
): Services {
  return {
    ebox: new EboxService(db),
    messages: new MessageService(db, blobs, log.child({ component: 'messages' }), new SearchTotals(searchTotals)),
    referenceData: new ReferenceDataService(db, blobs),
    publication: new PublicationService(db, blobs, log.child({ component: 'publication' }), publicationLimits),
    certification: new CertificationService(db, blobs, certification),
  };
}
