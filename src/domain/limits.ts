/** The most messages one PATCH /ebox/messages may change: a documented bound on the work one request can ask for. */
export const MAX_PATCH_ITEMS = 1000;

/** The most message/e-Box pairs one POST /searchMessageStatus may ask about. */
export const MAX_STATUS_ITEMS = 1000;

/** The most recipients one POST /linkEboxMessage may name. */
export const MAX_LINK_RECIPIENTS = 1000;

/**
 * The contract names six file parts (upfile1…upfile6): no publication can
 * carry more, whatever the settings say.
 */
export const CONTRACT_MAX_FILES = 6;

/**
 * Bounds on one publication (POST /publishMessage), checked while the request
 * streams in. Sizes are bytes; lengths are characters (code points).
 */
export interface PublicationLimits {
  maxFiles: number;
  maxFileBytes: number;
  maxTotalBytes: number;
  maxSubjectLength: number;
  maxFileNameLength: number;
  /** The messageToPublish part, JSON text: it is held in memory while checked. */
  maxMessageBytes: number;
}

export const MIB = 1024 * 1024;

/**
 * The official registry's own limits where it documents one (subject 255,
 * file name 80), a document size that covers what senders publish, and a
 * total that bounds the disk one request can fill.
 */
export const DEFAULT_PUBLICATION_LIMITS: PublicationLimits = {
  maxFiles: CONTRACT_MAX_FILES,
  maxFileBytes: 100 * MIB,
  maxTotalBytes: 300 * MIB,
  maxSubjectLength: 255,
  maxFileNameLength: 80,
  maxMessageBytes: 1 * MIB,
};

/** The setting (environment variable) of each publication limit: a refusal names it, so an operator knows what to raise. */
export const PUBLICATION_LIMIT_SETTINGS: Record<keyof PublicationLimits, string> = {
  maxFiles: 'PUBLICATION_MAX_FILES',
  maxFileBytes: 'PUBLICATION_MAX_FILE_BYTES',
  maxTotalBytes: 'PUBLICATION_MAX_TOTAL_BYTES',
  maxSubjectLength: 'PUBLICATION_MAX_SUBJECT_LENGTH',
  maxFileNameLength: 'PUBLICATION_MAX_FILE_NAME_LENGTH',
  maxMessageBytes: 'PUBLICATION_MAX_MESSAGE_BYTES',
};
