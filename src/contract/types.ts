// The contract's types, generated from spec/ (make generate). Import them from
// here so that a change of generator touches one file.
export type {
  Attachment,
  Attachments,
  AttachmentToPublish,
  BusinessData,
  BusinessDataToPublish,
  CertificationReset,
  CertificationVersion,
  Ebox,
  EboxId,
  ForTheAttentionOf,
  Image,
  LinkResponse,
  Message,
  MessageIdEboxId,
  Messages,
  MessagesToUpdate,
  MessageStatus,
  MessageToLink,
  MessageToPublish,
  MessageType,
  PaymentData,
  PublicationStatusMessage,
  SenderApplication,
  SenderOrganization,
  StatusMessage,
  TranslatedString,
  ValidityPeriod,
} from '../../generated/model/models';

import { Attachment as AttachmentModel } from '../../generated/model/models';

/** The media types an attachment may have: the contract's Attachment.mediaType enum. */
export const ATTACHMENT_MEDIA_TYPES: readonly AttachmentModel.MediaTypeEnum[] = Object.values(AttachmentModel.MediaTypeEnum);
