import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { IdFingerprints } from '../../src/services/import/id-fingerprints';

describe('IdFingerprints (the message ids an import has checked)', () => {
  it('holds every id added, and no other, across many growths of its table', () => {
    const ids = Array.from({ length: 50_000 }, () => randomUUID());
    const set = new IdFingerprints();
    for (const id of ids) set.add(id);
    expect(set.size).to.equal(ids.length);
    expect(ids.every((id) => set.has(id))).to.equal(true);
    const others = Array.from({ length: 50_000 }, () => randomUUID());
    expect(others.filter((id) => set.has(id))).to.deep.equal([]);
  });

  it('counts an id added twice once, and tells ids apart that differ in one character or by case', () => {
    const set = new IdFingerprints();
    set.add('message-1');
    set.add('message-1');
    expect(set.size).to.equal(1);
    for (const other of ['message-2', 'Message-1', 'message-1 ', '']) expect(set.has(other), other).to.equal(false);
    set.add('');
    expect(set.has('')).to.equal(true);
  });
});
