import { expect } from 'chai';
import { normalizeForSearch } from '../../src/domain/search-normalize';
import { FIELD_SEPARATOR, messageSearchTexts, referenceSearchTexts } from '../../src/domain/search-text';

const SENTENCE = 'This is some random with Special cases like épinards and François, ok?';

describe('normalizeForSearch', () => {
  it('folds case and strips accents', () => {
    expect(normalizeForSearch(SENTENCE)).to.equal('this is some random with special cases like epinards and francois, ok?');
    expect(normalizeForSearch('FRANÇOIS')).to.equal(normalizeForSearch('francois'));
    expect(normalizeForSearch('Ép')).to.equal('ep');
    expect(normalizeForSearch('Föderaler Öffentlicher Dienst')).to.equal('foderaler offentlicher dienst');
  });

  it('keeps special characters as they are', () => {
    expect(normalizeForSearch(`%_\\'"*(-:^ NEAR AND OR`)).to.equal(`%_\\'"*(-:^ near and or`);
  });

  it('turns control characters, the field separator among them, into spaces', () => {
    expect(normalizeForSearch(`a${FIELD_SEPARATOR}b\u0000c\nd\te`)).to.equal('a b c d e');
    expect(normalizeForSearch(FIELD_SEPARATOR)).to.not.include(FIELD_SEPARATOR);
  });
});

describe('messageSearchTexts and referenceSearchTexts', () => {
  const message = {
    subject: { fr: 'Sujet Été', nl: 'Onderwerp' },
    businessData: [
      { key: 'k1', name: { fr: 'Nom' }, values: [{ fr: 'Valeur 1', nl: 'Waarde 1', de: 'Wert 1' }, { nl: 'Alleen NL' }] },
      { key: 'k2', name: { fr: 'Autre' }, values: [{ de: 'Nur DE' }] },
    ],
    forTheAttentionOf: { id: '85010100123', type: 'INSS', name: 'Jean Dupont' },
  };
  const refs = {
    senderOrganization: { organizationId: '0206731645', organizationShortName: { fr: 'ONSS', nl: 'RSZ', de: 'LSS' }, organizationLongName: { fr: 'Office' } },
    senderApplication: { applicationId: 'app', applicationName: { nl: 'Toep' }, applicationDescription: { de: 'Anwendung' }, applicationUrl: { fr: 'https://x.be' } },
    messageType: { messageTypeId: 't', messageTypeName: { fr: 'Type' }, messageTypeDescription: { nl: 'Beschrijving' } },
  };
  const fields = (text: string) => text.split(FIELD_SEPARATOR);

  it('takes every searchable field, completed in each language and normalized, in separate fields', () => {
    const texts = messageSearchTexts(message);
    expect(fields(texts.fr)).to.deep.equal(['sujet ete', 'valeur 1', 'alleen nl', 'nur de', '85010100123', 'jean dupont']);
    expect(fields(texts.nl)).to.deep.equal(['onderwerp', 'waarde 1', 'alleen nl', 'nur de', '85010100123', 'jean dupont']);
    // German falls back on French first, then Dutch.
    expect(fields(texts.de)).to.deep.equal(['sujet ete', 'wert 1', 'alleen nl', 'nur de', '85010100123', 'jean dupont']);
    expect(referenceSearchTexts('senderApplication', refs.senderApplication)).to.deep.equal({ fr: `toep${FIELD_SEPARATOR}anwendung`, nl: `toep${FIELD_SEPARATOR}anwendung`, de: `toep${FIELD_SEPARATOR}anwendung` });
    expect(fields(referenceSearchTexts('senderOrganization', refs.senderOrganization).nl)).to.deep.equal(['rsz', 'office']);
    expect(fields(referenceSearchTexts('senderOrganization', refs.senderOrganization).de)).to.deep.equal(['lss', 'office']);
    expect(fields(referenceSearchTexts('messageType', refs.messageType).fr)).to.deep.equal(['type', 'beschrijving']);
  });

  it('leaves out what the user does not search: business data names, urls, forTheAttentionOf type', () => {
    const all = [messageSearchTexts(message), ...(['senderOrganization', 'senderApplication', 'messageType'] as const).map((k) => referenceSearchTexts(k, refs[k]))]
      .flatMap((texts) => Object.values(texts))
      .join(' ');
    for (const absent of ['nom', 'autre', 'https', 'inss']) expect(all).to.not.include(absent);
  });

  it('copes with missing reference data and optional fields', () => {
    expect(messageSearchTexts({ subject: { nl: 'Alleen' }, businessData: [] })).to.deep.equal({ nl: 'alleen', fr: 'alleen', de: 'alleen' });
    expect(referenceSearchTexts('messageType', { messageTypeId: 't' })).to.deep.equal({ nl: '', fr: '', de: '' });
  });

  it('skips empty fields rather than leaving empty ones between separators', () => {
    const texts = messageSearchTexts({ subject: { fr: '' }, businessData: [{ key: 'k', name: {}, values: [{}] }], forTheAttentionOf: { name: 'X' } });
    expect(texts.fr).to.equal('x');
  });

  it('holds each field once, and no field that another one contains: it would add no match', () => {
    const texts = messageSearchTexts({
      subject: { fr: 'Rappel TVA D-2024-123' },
      businessData: [{ key: 'k', name: {}, values: [{ fr: 'D-2024-123' }, { fr: 'Période 2024/4' }, { fr: 'periode 2024/4' }, { fr: 'RAPPEL' }] }],
      forTheAttentionOf: { id: '85010100123', name: 'Jean' },
    });
    expect(fields(texts.fr)).to.deep.equal(['rappel tva d-2024-123', 'periode 2024/4', '85010100123', 'jean']);
  });

  it('past 64 distinct fields, leaves out only equal ones', () => {
    const values = Array.from({ length: 70 }, (_, n) => ({ fr: `x-${n}` }));
    const texts = messageSearchTexts({ subject: { fr: 'x-1' }, businessData: [{ key: 'k', name: {}, values }] });
    // x-1 is inside x-10…x-19, but only its second occurrence goes.
    expect(fields(texts.fr)).to.deep.equal(['x-1', ...values.map((v) => v.fr).filter((v) => v !== 'x-1')]);
  });

  it('never contains the separator inside a field, so needles cannot span two fields', () => {
    const texts = messageSearchTexts({ subject: { fr: `a${FIELD_SEPARATOR}b` }, businessData: [], forTheAttentionOf: { name: 'c' } });
    expect(fields(texts.fr)).to.deep.equal(['a b', 'c']);
  });
});
