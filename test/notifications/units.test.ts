import { expect } from 'chai';
import { backoffMs } from '../../src/notifications/backoff';
import { safeAnswer } from '../../src/notifications/ees-client';
import { ALERT_BEFORE_MS, DAY_MS, REMINDER_AFTER_MS, verdict } from '../../src/notifications/rules';

describe('notification rules, backoff and answers', () => {
  it('waits 15 days for a reminder and warns 7 days before expiry', () => {
    expect([REMINDER_AFTER_MS, ALERT_BEFORE_MS]).to.deep.equal([15 * DAY_MS, 7 * DAY_MS]);
    const m = { receiptAt: 0, expirationAt: 100 * DAY_MS, readStatus: false };
    expect(verdict('newDocumentReminder', m, 15 * DAY_MS - 1)).to.deep.equal({ later: 15 * DAY_MS });
    expect(verdict('newDocumentReminder', m, 15 * DAY_MS)).to.deep.equal({ send: true });
    expect(verdict('documentExpirationAlert', m, 93 * DAY_MS - 1)).to.deep.equal({ later: 93 * DAY_MS });
    expect(verdict('documentExpirationAlert', m, 93 * DAY_MS)).to.deep.equal({ send: true });
    expect(verdict('documentExpirationAlert', m, 100 * DAY_MS)).to.deep.equal({ never: true });
    expect(verdict('newDocumentReminder', { ...m, readStatus: true }, 20 * DAY_MS)).to.deep.equal({ never: true });
    expect(verdict('newDocumentReminder', undefined, 20 * DAY_MS)).to.deep.equal({ never: true });
  });

  it('backs off exponentially from the minimum to the maximum, each pause between half and all of its step', () => {
    const low = (attempt: number) => backoffMs(attempt, 1000, 60_000, () => 0);
    const high = (attempt: number) => backoffMs(attempt, 1000, 60_000, () => 1);
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(high)).to.deep.equal([1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000]);
    expect([1, 2, 3, 7, 100, 5000].map(low)).to.deep.equal([500, 1000, 2000, 30_000, 30_000, 30_000]);
    expect(backoffMs(3, 1000, 60_000, () => 0.5)).to.equal(3000);
  });

  it('keeps one short line of an answer, without CBE numbers', () => {
    const long = `{"error": "enterpriseId 0123456749 unknown",\n "detail": "${'x'.repeat(1000)}"}`;
    const answer = safeAnswer(400, long);
    expect(answer.status).to.equal(400);
    expect(answer.answer).to.match(/^400 \{"error": "enterpriseId \[cbe\] unknown", "detail": "x+$/);
    expect(answer.answer.length).to.be.at.most(4 + 300);
    expect(safeAnswer(null, 'TimeoutError')).to.deep.equal({ status: null, answer: 'TimeoutError' });
    expect(safeAnswer(201, '')).to.deep.equal({ status: 201, answer: '201' });
  });
});
