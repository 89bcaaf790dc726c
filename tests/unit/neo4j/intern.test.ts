import { describe, expect, it } from 'vitest';
import { Interner } from '../../../src/neo4j/intern.js';

describe('Interner: one copy of equal values kept long', () => {
  it('answers the first of equal lists and values for every later one, and passes null through', () => {
    const interner = new Interner();
    const first = interner.list(['Expert', 'Enterprise']);
    const again = interner.list(['Expert', 'Enterprise']);
    expect(again).toBe(first);
    expect(again).toEqual(['Expert', 'Enterprise']);
    expect(interner.list(['Enterprise', 'Expert'])).not.toBe(first); // order matters
    expect(interner.list(['Expert,Enterprise'])).not.toBe(first); // a separator inside a string is not a boundary
    const place = { regionId: 'r1' };
    expect(interner.shared('r1', () => place)).toBe(place);
    expect(interner.shared('r1', () => ({ regionId: 'other' }))).toBe(place); // made once
    expect(interner.string('竹荪')).toBe('竹荪');
    expect(interner.optional(null)).toBeNull();
    expect(interner.optional(undefined)).toBeUndefined();
  });

  it('starts its tables again past its bound: what was shared stays valid, later values share among themselves', () => {
    const interner = new Interner(2);
    const a = interner.shared('a', () => ({ n: 1 }));
    interner.shared('b', () => ({ n: 2 }));
    const c = interner.shared('c', () => ({ n: 3 })); // the third entry: the table starts again
    expect(interner.shared('c', () => ({ n: 30 }))).toBe(c);
    const aAgain = interner.shared('a', () => ({ n: 10 }));
    expect(aAgain).not.toBe(a);
    expect(a).toEqual({ n: 1 });
    expect(aAgain).toEqual({ n: 10 });
  });
});
