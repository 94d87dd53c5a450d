import type { Ebox, Message, MessageType, Messages, SenderApplication, SenderOrganization, TranslatedString } from '../generated/model/models';

/** A refusal of the provider: its HTTP status and the StatusMessage it sent. */
export class ProviderError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** What a page of the message list is asked for; every field maps to a query parameter of getMessagesByEBoxId. */
export interface ListQuery {
  page: number;
  pageSize: number;
  q?: string;
  qlang?: string;
  senderOrganizationId?: string;
  messageTypeId?: string;
  readStatus?: string;
  visible?: string;
  receivedAfter?: string;
  receivedBefore?: string;
}

/**
 * The provider's public API as the e-Box Enterprise portal calls it: every
 * call carries the bearer token, answers are the contract's JSON, and a
 * refusal is its StatusMessage.
 */
export class Provider {
  /** Reference data by kind and id: the portal asks for the sender and type of every message it shows. */
  private readonly references = new Map<string, Promise<unknown>>();

  constructor(
    private readonly root: URL,
    private readonly token: string,
  ) {}

  summary(): Promise<Ebox> {
    return this.json('ebox');
  }

  messages(query: ListQuery): Promise<Messages> {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(name, String(value));
    return this.json(`ebox/messages?${params}`);
  }

  message(messageId: string): Promise<Message> {
    return this.json(`ebox/messages/${encodeURIComponent(messageId)}`);
  }

  /** The body of a message, or undefined when it has none. */
  async body(messageId: string): Promise<TranslatedString | undefined> {
    try {
      return await this.json<TranslatedString>(`ebox/messages/${encodeURIComponent(messageId)}/body`);
    } catch (err) {
      if (err instanceof ProviderError && err.status === 404) return undefined;
      throw err;
    }
  }

  async content(messageId: string, attachmentId: string): Promise<Blob> {
    const res = await this.call(`ebox/messages/${encodeURIComponent(messageId)}/attachments/${encodeURIComponent(attachmentId)}/content`);
    return res.blob();
  }

  async setVisible(messageId: string, visible: boolean): Promise<void> {
    await this.call('ebox/messages', {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/merge-patch+json' },
      body: JSON.stringify({ items: [{ messageId, visible }], totalItems: 1 }),
    });
  }

  async organizations(): Promise<SenderOrganization[]> {
    return (await this.json<{ items: SenderOrganization[] }>('referenceData/senderOrganizations?pageSize=100')).items;
  }

  async messageTypes(): Promise<MessageType[]> {
    return (await this.json<{ items: MessageType[] }>('referenceData/messageTypes?pageSize=100')).items;
  }

  organization(id: string): Promise<SenderOrganization> {
    return this.reference('senderOrganizations', id);
  }

  application(id: string): Promise<SenderApplication> {
    return this.reference('senderApplications', id);
  }

  messageType(id: string): Promise<MessageType> {
    return this.reference('messageTypes', id);
  }

  /** An image (a logo) by its contentHref, which needs the token too. */
  async image(href: string): Promise<Blob> {
    return (await this.call(href)).blob();
  }

  private reference<T>(kind: string, id: string): Promise<T> {
    const key = `${kind}/${id}`;
    let found = this.references.get(key);
    if (!found) {
      found = this.json<T>(`referenceData/${kind}/${encodeURIComponent(id)}`);
      found.catch(() => this.references.delete(key));
      this.references.set(key, found);
    }
    return found as Promise<T>;
  }

  private async json<T>(path: string): Promise<T> {
    return (await (await this.call(path, { headers: { Accept: 'application/json' } })).json()) as T;
  }

  private async call(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('Authorization', `Bearer ${this.token}`);
    const res = await fetch(new URL(path, this.root), { ...init, headers });
    if (!res.ok) {
      let message = `HTTP ${res.status}`;
      try {
        message = ((await res.json()) as { message?: string }).message ?? message;
      } catch {
        // Not a StatusMessage (a proxy's page, say): the status says enough.
      }
      throw new ProviderError(res.status, message);
    }
    return res;
  }
}
