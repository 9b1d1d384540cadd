import { describe, expect, it } from 'vitest';

import { describeUnixTime, relativeTime } from './time';

describe('relativeTime', () => {
  it.each([
    [0, 'now'],
    [5, 'in 5 seconds'],
    [-5, '5 seconds ago'],
    [120, 'in 2 minutes'],
    [-179, '3 minutes ago'],
    [-110, '2 minutes ago'],
    [7_200, 'in 2 hours'],
    [-86_400, 'yesterday'],
    [3 * 86_400, 'in 3 days'],
  ])('says %d seconds as %s', (delta, words) => {
    expect(relativeTime(delta)).toBe(words);
  });
});

describe('describeUnixTime', () => {
  it('gives the UTC time and how far it is from now', () => {
    expect(describeUnixTime(1748854860, 1748854860_000 + 180_000)).toBe('2025-06-02 09:01:00 UTC (3 minutes ago)');
  });

  it.each([['1748854860'], [Number.NaN], [undefined], [1e20]])('refuses %s', (value) => {
    expect(describeUnixTime(value, 0)).toMatch(/^(not a number of seconds|out of the range of dates)$/);
  });
});
