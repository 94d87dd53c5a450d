import type { Attachment, Message, MessageType, SenderApplication, SenderOrganization, TranslatedString } from '../generated/model/models';
import { el } from './dom';
import { dateTime, day, inLang, money, size } from './format';
import { text, type Lang, type TextKey } from './texts';

/** Everything the message view shows, fetched by the page. */
export interface OpenMessage {
  message: Message;
  body: TranslatedString | undefined;
  organization: SenderOrganization | undefined;
  application: SenderApplication | undefined;
  type: MessageType | undefined;
  /** An object URL of the sender's logo, fetched with the token. */
  logo: string | undefined;
}

export interface MessageActions {
  download(attachment: Attachment): void;
  setVisible(visible: boolean): void;
  close(): void;
}

function field(lang: Lang, key: TextKey, value: string | Node): HTMLElement {
  return el('div', {}, el('dt', {}, text(lang, key)), el('dd', {}, value));
}

/** The message view: sender, dates, business data, body, payment data, attachments, and hide/unhide. */
export function renderMessage(view: HTMLElement, open: OpenMessage, lang: Lang, actions: MessageActions): void {
  const { message, body, organization, application, type } = open;
  const t = (key: TextKey) => text(lang, key);
  const badges = el(
    'p',
    { class: 'badges' },
    el('span', { class: `badge ${message.readStatus ? 'read' : 'unread'}`, 'data-read-status': String(message.readStatus) }, t(message.readStatus ? 'isRead' : 'isUnread')),
    message.visible === false && el('span', { class: 'badge hidden-badge' }, t('hidden')),
    message.registeredMail && el('span', { class: 'badge' }, t('registeredMail')),
  );

  const sender = el(
    'div',
    { class: 'sender' },
    open.logo ? el('img', { src: open.logo, alt: '', class: 'logo' }) : undefined,
    el('div', {}, el('strong', { class: 'sender-name' }, inLang(organization?.organizationShortName, lang) || message.senderOrganizationId), application ? el('div', { class: 'application' }, inLang(application.applicationName, lang)) : undefined),
  );

  const facts = el(
    'dl',
    { class: 'facts' },
    field(lang, 'messageType', inLang(type?.messageTypeName, lang) || message.messageTypeId),
    field(lang, 'received', dateTime(message.receiptDate, lang)),
    field(lang, 'expires', dateTime(message.expirationDate, lang)),
    message.forTheAttentionOf ? field(lang, 'forTheAttentionOf', [message.forTheAttentionOf.name, message.forTheAttentionOf.id].filter(Boolean).join(' · ')) : undefined,
  );

  const businessData = message.businessDataList?.items ?? [];
  const payment = message.paymentData;
  const attachments = message.attachments?.items ?? [];

  const parts: (HTMLElement | false)[] = [
    el(
      'header',
      { class: 'message-head' },
      el('h2', { id: 'message-subject' }, inLang(message.subject, lang)),
      el('button', { type: 'button', id: 'close-message', class: 'secondary' }, t('close')),
    ),
    badges,
    sender,
    facts,
    businessData.length > 0 &&
      el('section', { id: 'business-data' }, el('h3', {}, t('businessData')), el('dl', { class: 'facts' }, ...businessData.map((d) => el('div', {}, el('dt', {}, inLang(d.name, lang) || d.key), el('dd', {}, d.values.map((v) => inLang(v, lang)).join(', ')))))),
    body !== undefined && el('section', { id: 'body' }, el('h3', {}, t('body')), el('div', { class: 'body-text' }, inLang(body, lang))),
    payment !== undefined &&
      el(
        'section',
        { id: 'payment-data' },
        el('h3', {}, t('paymentData')),
        el(
          'dl',
          { class: 'facts' },
          field(lang, 'amount', money(payment.amount, payment.currency, lang)),
          field(lang, 'vatAmount', money(payment.vatAmount, payment.currency, lang)),
          field(lang, 'dueDate', day(payment.dueDate, lang)),
          field(lang, 'iban', payment.iban),
          payment.bic ? field(lang, 'bic', payment.bic) : undefined,
          payment.reference ? field(lang, 'reference', referenceText(payment.reference)) : undefined,
        ),
      ),
    attachments.length > 0 &&
      el(
        'section',
        { id: 'attachments' },
        el('h3', {}, t('attachments')),
        el(
          'ul',
          { class: 'attachments' },
          ...attachments.map((a) => {
            const button = el('button', { type: 'button', class: 'download', 'data-attachment-id': a.attachmentId ?? '' }, a.fileName);
            button.addEventListener('click', () => actions.download(a));
            const about = [inLang(a.attachmentTitle, lang), size(a.size, lang), t(a.mainContent ? 'mainContent' : 'annex'), a.attachmentSigned ? t('signed') : ''].filter(Boolean).join(' · ');
            return el('li', {}, button, el('span', { class: 'about' }, about));
          }),
        ),
      ),
    el('p', { class: 'actions' }, el('button', { type: 'button', id: 'toggle-visible' }, t(message.visible === false ? 'unhide' : 'hide'))),
  ];
  view.replaceChildren(...parts.filter((part): part is HTMLElement => part !== false));
  view.querySelector('#close-message')?.addEventListener('click', () => actions.close());
  view.querySelector('#toggle-visible')?.addEventListener('click', () => actions.setVisible(message.visible === false));
  view.dataset.messageId = message.messageId;
  view.hidden = false;
}

/** The contract leaves the payment reference a free object; the demo data and most senders give {type, value}. */
function referenceText(reference: object): string {
  const value = (reference as { value?: unknown }).value;
  return typeof value === 'string' ? value : JSON.stringify(reference);
}
