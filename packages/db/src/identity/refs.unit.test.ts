import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashedContactRef, normaliseRef } from './refs.js';
import { UnionFind } from './union-find.js';

const sha = (v: string): string => createHash('sha256').update(v).digest('hex');

describe('normaliseRef', () => {
  it('hashes normalised e-mail and phone unless raw storage is on', () => {
    expect(normaliseRef('email: Ana@Example.COM ', false)).toBe(`email:${sha('ana@example.com')}`);
    expect(normaliseRef('EMAIL:ana@example.com', true)).toBe('email:ana@example.com');
    expect(normaliseRef('phone:+351 (912) 345-678', false)).toBe(`phone:${sha('351912345678')}`);
    expect(normaliseRef('phone:+351 912 345 678', true)).toBe('phone:351912345678');
  });

  it('keeps a hash a source already computed', () => {
    const hash = sha('ana@example.com');
    expect(normaliseRef(`email:${hash.toUpperCase()}`, false)).toBe(`email:${hash}`);
  });

  it('keeps other refs as sent, trimmed, with a lower-case kind', () => {
    expect(normaliseRef('CRM:hubspot:123 ', false)).toBe('crm:hubspot:123');
    expect(normaliseRef('social:mastodon:@Ana@mastodon.social', false)).toBe('social:mastodon:@Ana@mastodon.social');
  });

  it('explains malformed refs', () => {
    expect(() => normaliseRef('ana', false)).toThrow(/must look like "<kind>:<value>"/);
    expect(() => normaliseRef('crm:', false)).toThrow(/must look like/);
    expect(() => normaliseRef('email:nobody', false)).toThrow('email ref must hold an e-mail address or its SHA-256, got "nobody"');
    expect(() => normaliseRef('phone:12', false)).toThrow('phone ref must hold at least 5 digits, got "12"');
  });
});

describe('UnionFind', () => {
  it('groups keys transitively', () => {
    const uf = new UnionFind();
    uf.union('a', 'b');
    uf.union('c', 'd');
    uf.add('e');
    uf.union('b', 'c');
    const groups = [...uf.groups().values()].map((g) => g.sort()).sort();
    expect(groups).toEqual([['a', 'b', 'c', 'd'], ['e']]);
  });
});

describe('hashedContactRef', () => {
  it('gives a stored raw contact the ref that hashing would have given it on the way in', () => {
    for (const ref of ['email:Ana@Example.com', 'phone:+351 912 345 678']) {
      expect(hashedContactRef(normaliseRef(ref, true))).toBe(normaliseRef(ref, false));
    }
  });
});
