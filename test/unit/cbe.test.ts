import { expect } from 'chai';
import { normalizeCbe } from '../../src/domain/cbe';

describe('normalizeCbe', () => {
  it('keeps a ten-digit number starting with 0 or 1', () => {
    expect(normalizeCbe('0123456749')).to.equal('0123456749');
    expect(normalizeCbe('1000000021')).to.equal('1000000021');
  });

  it('left-pads shorter digit strings and integers with zeros', () => {
    expect(normalizeCbe('123456749')).to.equal('0123456749');
    expect(normalizeCbe(123456749)).to.equal('0123456749');
    expect(normalizeCbe('7')).to.equal('0000000007');
    expect(normalizeCbe(' 206731645 ')).to.equal('0206731645');
  });

  it('refuses numbers that do not start with 0 or 1 once padded', () => {
    expect(normalizeCbe('2123456789')).to.equal(undefined);
    expect(normalizeCbe(9876543210)).to.equal(undefined);
  });

  it('refuses anything that is not up to ten digits', () => {
    for (const raw of ['', '01234567890', '0123.456.749', 'BE0123456749', '12a', '-1', '1e5']) {
      expect(normalizeCbe(raw), raw).to.equal(undefined);
    }
    for (const raw of [null, undefined, -1, 1.5, Number.NaN, {}, ['0123456749'], true]) {
      expect(normalizeCbe(raw), String(raw)).to.equal(undefined);
    }
  });
});
