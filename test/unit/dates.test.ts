import { expect } from 'chai';
import { endOfDay, startOfDay, toDateTime } from '../../src/domain/dates';

describe('calendar days in Brussels', () => {
  it('starts a winter day at 23:00 UTC the day before', () => {
    expect(toDateTime(startOfDay('2020-01-15'))).to.equal('2020-01-14T23:00:00Z');
    expect(toDateTime(endOfDay('2020-01-15'))).to.equal('2020-01-15T23:00:00Z');
  });

  it('starts a summer day at 22:00 UTC the day before', () => {
    expect(toDateTime(startOfDay('2020-07-15'))).to.equal('2020-07-14T22:00:00Z');
    expect(toDateTime(endOfDay('2020-07-15'))).to.equal('2020-07-15T22:00:00Z');
  });

  it('gives the days of the clock changes their real length (23 h and 25 h)', () => {
    expect(endOfDay('2020-03-29') - startOfDay('2020-03-29')).to.equal(23 * 3600_000);
    expect(endOfDay('2020-10-25') - startOfDay('2020-10-25')).to.equal(25 * 3600_000);
  });

  it('handles a leap day', () => {
    expect(toDateTime(startOfDay('2024-02-29'))).to.equal('2024-02-28T23:00:00Z');
  });
});
