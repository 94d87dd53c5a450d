import { expect } from 'chai';
import { IntrospectionCache } from '../../src/auth/introspection-cache';

describe('introspection cache', () => {
  let clock: number;
  let calls: string[];
  const lookup = (key: string) => async () => {
    calls.push(key);
    return key.toUpperCase();
  };
  beforeEach(() => {
    clock = 1_000_000;
    calls = [];
  });

  it('keeps a value for its own ttl, and nothing when the ttl is not positive', async () => {
    const cache = new IntrospectionCache<string>(10, () => clock);
    await cache.get('a', lookup('a'), () => 1000);
    await cache.get('b', lookup('b'), () => 0);
    clock += 999;
    expect(await cache.get('a', lookup('a'), () => 1000)).to.equal('A');
    await cache.get('b', lookup('b'), () => 0);
    clock += 1;
    await cache.get('a', lookup('a'), () => 1000);
    expect(calls).to.deep.equal(['a', 'b', 'b', 'a']);
  });

  it('shares one lookup among concurrent callers, and keeps no failure', async () => {
    const cache = new IntrospectionCache<string>(10, () => clock);
    let fail = true;
    const flaky = async () => {
      calls.push('x');
      await new Promise((r) => setTimeout(r, 10));
      if (fail) throw new Error('down');
      return 'X';
    };
    const results = await Promise.allSettled([cache.get('x', flaky, () => 1000), cache.get('x', flaky, () => 1000)]);
    expect(results.map((r) => r.status)).to.deep.equal(['rejected', 'rejected']);
    fail = false;
    expect(await cache.get('x', flaky, () => 1000)).to.equal('X');
    expect(calls).to.have.length(2);
  });

  it('stays within its bound: expired entries go first, then the oldest', async () => {
    const cache = new IntrospectionCache<string>(3, () => clock);
    await cache.get('short', lookup('short'), () => 10);
    await cache.get('old', lookup('old'), () => 60_000);
    await cache.get('mid', lookup('mid'), () => 60_000);
    clock += 20;
    await cache.get('new1', lookup('new1'), () => 60_000);
    expect(cache.size).to.equal(3);
    await cache.get('new2', lookup('new2'), () => 60_000);
    expect(cache.size).to.equal(3);
    calls = [];
    for (const key of ['mid', 'new1', 'new2', 'old']) await cache.get(key, lookup(key), () => 60_000);
    expect(calls).to.deep.equal(['old']);
  });
});
