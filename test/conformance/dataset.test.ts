import { expect } from 'chai';
import { DateTime } from 'luxon';
import { anchorDay, loadDataSet, placed } from '../../conformance/dataset';
import { anchorDayOf, placeDataSet, type CertificationDataSet } from '../../src/services/certification';

const brussels = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Brussels' }).toFormat("yyyy-MM-dd'T'HH:mm:ss");

describe('the certification data set, placed on the day of a reset', () => {
  const data = loadDataSet();
  // The same file, read as the provider reads it.
  const asProvider = data as unknown as CertificationDataSet;

  it('is written for the day after its newest message', () => {
    expect(anchorDay(data)).to.equal('2026-01-15');
    expect(anchorDayOf(asProvider)).to.equal('2026-01-15');
  });

  for (const day of ['2026-01-15', '2026-03-29', '2026-07-01', '2026-10-25', '2027-02-28']) {
    it(`keeps Brussels wall-clock times and relative days on ${day}, as the provider places it`, () => {
      const kit = placed(data, day);
      const provider = placeDataSet(asProvider, '0999999999', day);
      for (const [i, m] of kit.messages.entries()) {
        const p = provider.messages[i];
        expect([p.receiptDate, p.expirationDate, p.paymentData?.dueDate], m.messageId).to.deep.equal([m.receiptDate, m.expirationDate, m.paymentData?.dueDate]);
      }
      const at = (id: string, field: 'receiptDate' | 'expirationDate') => brussels(kit.messages.find((m) => m.messageId === id)?.[field]);
      const minus = (n: number) => DateTime.fromISO(day).minus({ days: n }).toISODate();
      expect(at('cert-01', 'receiptDate')).to.equal(`${minus(1)}T10:00:00`);
      expect(at('cert-02', 'receiptDate')).to.equal(`${minus(2)}T23:59:30`);
      expect(at('cert-03', 'receiptDate')).to.equal(`${minus(2)}T00:00:30`);
      expect(at('cert-04', 'expirationDate')).to.equal(`${minus(-1)}T00:30:00`);
      expect(at('cert-05', 'expirationDate')).to.equal(`${minus(1)}T12:00:00`);
    });
  }
});
