import { describe, expect, it } from 'vitest';
import { bestBySignal } from '../../../../src/modules/matching/matching.service.js';

describe('the shortlist: the best candidates by topic signal, ties by id', () => {
  const candidates = [
    { id: 'b', signal: 0.5 },
    { id: 'e', signal: 0.1 },
    { id: 'a', signal: 0.5 },
    { id: 'c', signal: 0.9 },
    { id: 'd', signal: 0.5 },
  ];

  it('keeps the best, and among candidates tied at the last place the first by id', () => {
    // c (0.9) first; then three tied at 0.5 for two places: a and b, not d.
    expect(bestBySignal(candidates, 3)).toEqual(['c', 'a', 'b']);
    expect(bestBySignal(candidates, 1)).toEqual(['c']);
    expect(bestBySignal(candidates, 4)).toEqual(['c', 'a', 'b', 'd']);
  });

  it('answers every candidate in order when asked for as many or more, and none when asked for none', () => {
    expect(bestBySignal(candidates, 5)).toEqual(['c', 'a', 'b', 'd', 'e']);
    expect(bestBySignal(candidates, 50)).toEqual(['c', 'a', 'b', 'd', 'e']);
    expect(bestBySignal(candidates, 0)).toEqual([]);
    expect(bestBySignal([], 3)).toEqual([]);
  });
});
