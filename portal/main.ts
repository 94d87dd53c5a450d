import type { Attachment, Ebox, Message, MessageType, SenderOrganization, TranslatedString } from '../generated/model/models';
import { byId, el } from './dom';
import { dateTime, inLang, size } from './format';
import { renderMessage, type OpenMessage } from './message-view';
import { Provider, type ListQuery } from './provider';
import { LANGUAGES, text, type Lang, type TextKey } from './texts';
import './portal.css';

const PAGE_SIZE = 25;

/** What the page shows; everything is rendered from here, so a change of language re-renders without asking the provider again. */
const state = {
  lang: initialLanguage(),
  provider: undefined as Provider | undefined,
  query: { page: 1, pageSize: PAGE_SIZE, visible: 'true' } as ListQuery,
  summary: undefined as Ebox | undefined,
  organizations: [] as SenderOrganization[],
  types: [] as MessageType[],
  messages: [] as Message[],
  totalItems: 0,
  open: undefined as OpenMessage | undefined,
  /** Names of the senders and message types listed, by id, in every language. */
  organizationNames: new Map<string, TranslatedString>(),
  typeNames: new Map<string, TranslatedString>(),
};

function initialLanguage(): Lang {
  for (const preferred of navigator.languages) {
    const lang = preferred.slice(0, 2).toLowerCase();
    if ((LANGUAGES as readonly string[]).includes(lang)) return lang as Lang;
  }
  return 'nl';
}

const t = (key: TextKey, values?: Record<string, string | number>) => text(state.lang, key, values);

function say(message: string): void {
  byId('status').textContent = message;
}

let running = 0;

/**
 * Runs a user action; a refusal or a network failure is shown, not thrown
 * away. The page is aria-busy while actions run, for assistive technology
 * and for the browser tests, which wait for it to settle.
 */
function act(action: () => Promise<void>): void {
  running += 1;
  document.body.setAttribute('aria-busy', 'true');
  action()
    .catch((err: unknown) => say(t('failed', { message: err instanceof Error ? err.message : String(err) })))
    .finally(() => {
      running -= 1;
      if (running === 0) document.body.setAttribute('aria-busy', 'false');
    });
}

/** The provider's root: the server writes it into the page, relative to the page's own URL. */
function providerRoot(): URL {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="provider-root"]');
  return new URL(meta?.content ?? '../', window.location.href);
}

function provider(): Provider {
  if (!state.provider) throw new Error('no e-Box open');
  return state.provider;
}

// ---- texts ----------------------------------------------------------------

function applyTexts(): void {
  document.documentElement.lang = state.lang;
  for (const node of document.querySelectorAll<HTMLElement>('[data-text]')) node.textContent = t(node.dataset.text as TextKey);
  for (const node of document.querySelectorAll<HTMLInputElement>('[data-placeholder]')) node.placeholder = t(node.dataset.placeholder as TextKey);
}

function render(): void {
  applyTexts();
  renderSummary();
  renderFilterChoices();
  renderList();
  if (state.open) renderOpen(state.open);
}

// ---- summary and filters ----------------------------------------------------

function renderSummary(): void {
  const s = state.summary;
  if (!s) return;
  byId('summary-messages').textContent = String(s.numberOfMessages);
  byId('summary-unread').textContent = String(s.numberOfUnreadMessages ?? 0);
  byId('summary-last-receipt').textContent = dateTime(s.lastReceiptDate, state.lang);
  byId('summary-last-consultation').textContent = dateTime(s.lastConsultationDate, state.lang);
  byId('summary-size').textContent = size(s.eboxSize, state.lang);
}

function fillChoices(select: HTMLSelectElement, choices: { value: string; label: string }[]): void {
  const chosen = select.value;
  const all = el('option', { value: '' }, t('all'));
  const options = choices.sort((a, b) => a.label.localeCompare(b.label, state.lang)).map((c) => el('option', { value: c.value }, c.label));
  select.replaceChildren(all, ...options);
  select.value = chosen;
}

function renderFilterChoices(): void {
  fillChoices(byId('filter-organization'), state.organizations.map((o) => ({ value: o.organizationId, label: inLang(o.organizationShortName, state.lang) })));
  fillChoices(byId('filter-type'), state.types.map((m) => ({ value: m.messageTypeId, label: inLang(m.messageTypeName, state.lang) })));
}

// ---- the list ---------------------------------------------------------------

async function loadSummary(): Promise<void> {
  state.summary = await provider().summary();
  renderSummary();
}

let listRequests = 0;

async function loadList(): Promise<void> {
  const p = provider();
  const request = ++listRequests;
  const page = await p.messages(state.query);
  // The portal asks for the sender and the type of every message it lists (each id once here).
  await Promise.all(
    page.items.map(async (m) => {
      state.organizationNames.set(m.senderOrganizationId, (await p.organization(m.senderOrganizationId)).organizationShortName);
      state.typeNames.set(m.messageTypeId, (await p.messageType(m.messageTypeId)).messageTypeName);
    }),
  );
  // Filters changed quickly: only the answer to the latest query is shown.
  if (request !== listRequests) return;
  state.messages = page.items;
  state.totalItems = page.totalItems;
  renderList();
}

function renderList(): void {
  const list = byId('messages');
  const pages = Math.max(1, Math.ceil(state.totalItems / PAGE_SIZE));
  byId('list-count').textContent = t('count', { n: state.totalItems });
  byId('page').textContent = t('page', { page: state.query.page, pages });
  byId<HTMLButtonElement>('previous').disabled = state.query.page <= 1;
  byId<HTMLButtonElement>('next').disabled = state.query.page >= pages;
  if (state.messages.length === 0) {
    list.replaceChildren(el('li', { class: 'empty' }, t('noMessages')));
    return;
  }
  list.replaceChildren(
    ...state.messages.map((m) => {
      const row = el(
        'li',
        { class: `row${m.readStatus ? '' : ' unread'}${state.open?.message.messageId === m.messageId ? ' selected' : ''}`, 'data-message-id': m.messageId, 'data-read-status': String(m.readStatus), tabindex: '0' },
        el('div', { class: 'line' }, el('span', { class: 'subject' }, inLang(m.subject, state.lang)), el('time', { class: 'received', datetime: m.receiptDate }, dateTime(m.receiptDate, state.lang))),
        el(
          'div',
          { class: 'line meta' },
          el('span', { class: 'sender' }, inLang(state.organizationNames.get(m.senderOrganizationId), state.lang) || m.senderOrganizationId),
          el('span', { class: 'type' }, inLang(state.typeNames.get(m.messageTypeId), state.lang) || m.messageTypeId),
          el(
            'span',
            { class: 'badges' },
            !m.readStatus && el('span', { class: 'badge unread' }, t('isUnread')),
            m.visible === false && el('span', { class: 'badge hidden-badge' }, t('hidden')),
            m.registeredMail && el('span', { class: 'badge' }, t('registeredMail')),
          ),
        ),
      );
      row.addEventListener('click', () => act(() => openMessage(m.messageId)));
      row.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') act(() => openMessage(m.messageId));
      });
      return row;
    }),
  );
}

/** Reads the filters into the query; the search text and its language go together, as the contract requires. */
function applyFilters(): void {
  const value = (id: string) => byId<HTMLInputElement | HTMLSelectElement>(id).value || undefined;
  const q = value('search')?.trim() || undefined;
  state.query = {
    page: 1,
    pageSize: PAGE_SIZE,
    q,
    qlang: q ? state.lang : undefined,
    senderOrganizationId: value('filter-organization'),
    messageTypeId: value('filter-type'),
    readStatus: value('filter-read'),
    visible: value('filter-visible'),
    receivedAfter: value('filter-after'),
    receivedBefore: value('filter-before'),
  };
  act(loadList);
}

// ---- one message --------------------------------------------------------------

let logoUrl: string | undefined;

async function openMessage(messageId: string): Promise<void> {
  const p = provider();
  const message = await p.message(messageId);
  const [body, organization, application, type] = await Promise.all([
    p.body(messageId),
    p.organization(message.senderOrganizationId),
    message.senderApplicationId ? p.application(message.senderApplicationId) : undefined,
    p.messageType(message.messageTypeId),
  ]);
  const logo = organization.organizationLogos?.find((l) => l.language === undefined || l.language === state.lang);
  if (logoUrl) URL.revokeObjectURL(logoUrl);
  // A logo that cannot be fetched leaves the sender without one, not the message unshown.
  const logoBytes = logo ? await p.image(logo.contentHref).catch(() => undefined) : undefined;
  logoUrl = logoBytes ? URL.createObjectURL(logoBytes) : undefined;
  state.open = { message, body, organization, application, type, logo: logoUrl };
  renderOpen(state.open);
  renderList();
  // Opening a message whose body is its main content reads it: the list and the summary show it.
  if (!message.readStatus && message.bodyMainContent && body !== undefined) await refreshAfterChange();
}

function renderOpen(open: OpenMessage): void {
  renderMessage(byId('message'), open, state.lang, {
    download: (attachment) => act(() => download(open.message, attachment)),
    setVisible: (visible) => act(() => setVisible(open.message.messageId, visible)),
    close: () => {
      state.open = undefined;
      byId('message').hidden = true;
      renderList();
    },
  });
}

/** Saves the bytes under the attachment's file name, as the portal does; a main content is then read. */
async function download(message: Message, attachment: Attachment): Promise<void> {
  const blob = await provider().content(message.messageId, attachment.attachmentId ?? '');
  const url = URL.createObjectURL(blob);
  const link = el('a', { href: url, download: attachment.fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  say(t('downloaded', { file: attachment.fileName }));
  if (attachment.mainContent) await refreshAfterChange();
}

async function setVisible(messageId: string, visible: boolean): Promise<void> {
  await provider().setVisible(messageId, visible);
  await refreshAfterChange();
}

/** After a read or a hide: the open message, the list and the summary as the provider now has them. */
async function refreshAfterChange(): Promise<void> {
  if (state.open) {
    state.open = { ...state.open, message: await provider().message(state.open.message.messageId) };
    renderOpen(state.open);
  }
  await Promise.all([loadList(), loadSummary()]);
}

// ---- opening the e-Box --------------------------------------------------------------

async function openEbox(token: string): Promise<void> {
  say(t('opening'));
  const candidate = new Provider(providerRoot(), token);
  const summary = await candidate.summary(); // a refused token stops here
  state.provider = candidate;
  state.summary = summary;
  state.open = undefined;
  byId('message').hidden = true;
  const choices = Promise.all([candidate.organizations(), candidate.messageTypes()]);
  applyFilters();
  [state.organizations, state.types] = await choices;
  renderFilterChoices();
  renderSummary();
  byId('ebox').hidden = false;
  say('');
}

function wire(): void {
  const language = byId<HTMLSelectElement>('language');
  language.value = state.lang;
  language.addEventListener('change', () => {
    state.lang = language.value as Lang;
    render();
  });
  byId<HTMLFormElement>('login').addEventListener('submit', (event) => {
    event.preventDefault();
    act(() => openEbox(byId<HTMLInputElement>('token').value.trim()));
  });
  byId<HTMLFormElement>('filters').addEventListener('submit', (event) => event.preventDefault());
  byId('search').addEventListener('keydown', (event) => {
    if (event.key === 'Enter') applyFilters();
  });
  for (const id of ['filter-organization', 'filter-type', 'filter-read', 'filter-after', 'filter-before', 'filter-visible']) {
    byId(id).addEventListener('change', () => applyFilters());
  }
  byId('previous').addEventListener('click', () => {
    state.query.page -= 1;
    act(loadList);
  });
  byId('next').addEventListener('click', () => {
    state.query.page += 1;
    act(loadList);
  });
  render();
}

wire();
