import type { BlobStore } from '../blobs/blob-store';
import type { Db } from '../db/connect';
import { EboxService } from './ebox';
import { ReferenceDataService } from './reference-data';

export interface Services {
  ebox: EboxService;
  referenceData: ReferenceDataService;
}

export function createServices(db: Db, blobs: BlobStore): Services {
  return {
    ebox: new EboxService(db),
    referenceData: new ReferenceDataService(db, blobs),
  };
}
