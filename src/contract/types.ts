// The contract's types, generated from spec/ (make generate). Import them from
// here so that a change of generator touches one file.
export type {
  Attachment,
  Attachments,
  BusinessData,
  Ebox,
  ForTheAttentionOf,
  Image,
  Message,
  Messages,
  MessagesToUpdate,
  MessageType,
  PaymentData,
  SenderApplication,
  SenderOrganization,
  StatusMessage,
  TranslatedString,
} from '../../generated/model/models';
