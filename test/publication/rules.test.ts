import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../src/config';
import { hasValidCbeCheckDigits } from '../../src/domain/cbe';
import { addPeriod } from '../../src/domain/dates';
import { DEFAULT_PUBLICATION_LIMITS } from '../../src/domain/limits';
import { attachmentMediaType } from '../../src/services/publication/media-types';

describe('publication rules', () => {
  describe('CBE check digits', () => {
    it('accepts numbers whose last two digits are 97 minus the first eight modulo 97', () => {
      for (const cbe of ['0123456749', '1000000021', '0206731645', '0403170701', '0852093431']) expect(hasValidCbeCheckDigits(cbe), cbe).to.equal(true);
    });
    it('refuses other numbers, malformed ones included', () => {
      for (const cbe of ['0123456789', '0123456748', '2123456749', '123456749', '01234567490', 'abcdefghij']) expect(hasValidCbeCheckDigits(cbe), cbe).to.equal(false);
    });
  });

  describe('validity periods, on Brussels calendars', () => {
    const at = (iso: string) => Date.parse(iso);
    it('adds days keeping the wall-clock time across a change to summer time', () => {
      // 28 March 2026, 10:00 in Brussels (UTC+1); the clocks move on the 29th.
      expect(new Date(addPeriod(at('2026-03-28T09:00:00Z'), 2, 'day')).toISOString()).to.equal('2026-03-30T08:00:00.000Z');
    });
    it('adds months to the last day of a shorter month, and years across 29 February', () => {
      expect(new Date(addPeriod(at('2026-01-31T11:00:00Z'), 1, 'month')).toISOString()).to.equal('2026-02-28T11:00:00.000Z');
      expect(new Date(addPeriod(at('2028-02-29T11:00:00Z'), 1, 'year')).toISOString()).to.equal('2029-02-28T11:00:00.000Z');
    });
  });

  describe('media types of file parts', () => {
    it('takes a contract media type as labelled, whatever its case and parameters', () => {
      expect(attachmentMediaType('application/pdf', 'x.bin')).to.equal('application/pdf');
      expect(attachmentMediaType('Text/CSV; charset=utf-8', 'x.csv')).to.equal('text/csv');
    });
    it('reads the file name when the label says nothing (octet-stream, none, or the text/plain a missing label means)', () => {
      expect(attachmentMediaType('application/octet-stream', 'rapport.PDF')).to.equal('application/pdf');
      expect(attachmentMediaType(undefined, 'tableau.xlsx')).to.equal('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(attachmentMediaType('text/plain', 'lettre.odt')).to.equal('application/vnd.oasis.opendocument.text');
      expect(attachmentMediaType('text/plain', 'notes.txt')).to.equal('text/plain');
      expect(attachmentMediaType('text/plain', 'README')).to.equal('text/plain');
    });
    it('knows a few other names of the same formats, and refuses the rest', () => {
      expect(attachmentMediaType('application/xml', 'a.xml')).to.equal('text/xml');
      expect(attachmentMediaType('application/x-zip-compressed', 'a.zip')).to.equal('application/zip');
      expect(attachmentMediaType('image/png', 'scan.pdf')).to.equal(undefined);
      expect(attachmentMediaType('application/octet-stream', 'data.bin')).to.equal(undefined);
    });
  });

  describe('PUBLICATION_MAX_* settings', () => {
    it('default to the documented limits', () => {
      expect(loadConfig({ AUTH_MODE: 'dev' }).publication).to.deep.equal({
        maxFiles: 6,
        maxFileBytes: 100 * 1024 * 1024,
        maxTotalBytes: 300 * 1024 * 1024,
        maxSubjectLength: 255,
        maxFileNameLength: 80,
        maxMessageBytes: 1024 * 1024,
      });
      expect(DEFAULT_PUBLICATION_LIMITS.maxFiles).to.equal(6);
    });
    it('are read from the environment', () => {
      const c = loadConfig({ AUTH_MODE: 'dev', PUBLICATION_MAX_FILE_BYTES: '1048576', PUBLICATION_MAX_FILES: '3', PUBLICATION_MAX_SUBJECT_LENGTH: '100' });
      expect(c.publication).to.deep.include({ maxFileBytes: 1048576, maxFiles: 3, maxSubjectLength: 100 });
    });
    it('refuse what cannot be a limit, and more than the six file parts the contract names', () => {
      expect(() => loadConfig({ AUTH_MODE: 'dev', PUBLICATION_MAX_FILES: '7' })).to.throw(ConfigError, /at most 6/);
      expect(() => loadConfig({ AUTH_MODE: 'dev', PUBLICATION_MAX_FILE_BYTES: '0' })).to.throw(ConfigError, /at least 1/);
      expect(() => loadConfig({ AUTH_MODE: 'dev', PUBLICATION_MAX_TOTAL_BYTES: '100MB' })).to.throw(ConfigError, /non-negative integer/);
    });
  });
});
