import { expect } from 'chai';
import { useServer } from '../helpers/server';
import { DAY, b64, iso } from '../helpers/seed';
import { ORG_FULL, referenceFixture } from '../helpers/reference-fixture';

const OWNER = '0123456749';
const now = Date.now();

function message(id: string, ebox: string, receivedDaysAgo: number, expiresInDays: number, extra: object = {}, attachmentBytes: number[] = []) {
  return {
    eboxId: ebox,
    messageId: id,
    subject: { fr: `Message ${id}` },
    receiptDate: iso(now - receivedDaysAgo * DAY),
    expirationDate: iso(now + expiresInDays * DAY),
    messageTypeId: 'type-01',
    senderOrganizationId: ORG_FULL,
    attachments: attachmentBytes.map((n, i) => ({
      fileName: `doc-${i}.txt`,
      mediaType: 'text/plain',
      mainContent: i === 0,
      content: b64(Buffer.alloc(n, 65 + i)),
    })),
    ...extra,
  };
}

describe('e-Box summary (getEBoxById)', () => {
  const server = useServer({
    seed: () => ({
      ...referenceFixture(),
      messages: [
        message('unread-new', OWNER, 1, 30, {}, [2048, 512]),
        message('read-hidden', OWNER, 10, 30, { readStatus: true, visible: false }, [1024]),
        message('expired', OWNER, 1, -1, {}, [4096]),
        message('other-ebox', '1000000002', 0, 30, {}, [8192]),
      ],
    }),
  });

  it('counts the live messages, visible and hidden, and the unread ones', async () => {
    const res = await server.get('/ebox', `dev.${OWNER}`);
    expect(res.status).to.equal(200);
    const body = res.json();
    expect(body.numberOfMessages).to.equal(2);
    expect(body.numberOfUnreadMessages).to.equal(1);
    expect(body.lastReceiptDate).to.equal(iso(now - DAY));
    expect(body.eboxSize).to.equal((2048 + 512 + 1024) / 1024);
    expect(body).not.to.have.property('lastConsultationDate');
  });

  it('shows only the token holder’s e-Box', async () => {
    const other = (await server.get('/ebox', 'dev.1000000002')).json();
    expect(other).to.deep.include({ numberOfMessages: 1, numberOfUnreadMessages: 1, eboxSize: 8 });
  });

  it('answers an empty e-Box with zeros, not 404', async () => {
    const res = await server.get('/ebox', 'dev.0999999999');
    expect(res.status).to.equal(200);
    expect(res.json()).to.deep.equal({ numberOfMessages: 0, numberOfUnreadMessages: 0, eboxSize: 0 });
  });
});
