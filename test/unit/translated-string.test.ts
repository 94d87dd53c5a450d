import { expect } from 'chai';
import { completeTranslatedString } from '../../src/domain/translated-string';

describe('completeTranslatedString', () => {
  it('keeps a complete value as it is', () => {
    expect(completeTranslatedString({ nl: 'a', fr: 'b', de: 'c' })).to.deep.equal({ nl: 'a', fr: 'b', de: 'c' });
  });
  it('fills nl from fr, then de', () => {
    expect(completeTranslatedString({ fr: 'b', de: 'c' }).nl).to.equal('b');
    expect(completeTranslatedString({ de: 'c' }).nl).to.equal('c');
  });
  it('fills fr from nl, then de', () => {
    expect(completeTranslatedString({ nl: 'a', de: 'c' }).fr).to.equal('a');
    expect(completeTranslatedString({ de: 'c' }).fr).to.equal('c');
  });
  it('fills de from fr, then nl', () => {
    expect(completeTranslatedString({ nl: 'a', fr: 'b' }).de).to.equal('b');
    expect(completeTranslatedString({ nl: 'a' }).de).to.equal('a');
  });
  it('treats an empty string as missing, and yields empty strings when nothing is given', () => {
    expect(completeTranslatedString({ nl: '', fr: 'b' })).to.deep.equal({ nl: 'b', fr: 'b', de: 'b' });
    expect(completeTranslatedString({})).to.deep.equal({ nl: '', fr: '', de: '' });
  });
});
