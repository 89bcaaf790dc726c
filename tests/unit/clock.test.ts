import { describe, expect, it } from 'vitest';
import { Clock, isCalendarDate } from '../../src/clock.js';

describe('Clock', () => {
  it('reads today and this year in the county time zone, not in UTC', () => {
    // 23:30 UTC on 28 February 2026 is 07:30 on 1 March in Shanghai (UTC+8).
    const morning = Clock.fixed('2026-02-28T23:30:00Z');
    expect(morning.today()).toBe('2026-03-01');
    expect(morning.now().toISOString()).toBe('2026-02-28T23:30:00.000Z');
    expect(Clock.fixed('2026-02-28T23:30:00Z', 'UTC').today()).toBe('2026-02-28');
    // 16:00 UTC on New Year's Eve is already the next year in Shanghai, not yet in UTC.
    expect(Clock.fixed('2025-12-31T16:00:00Z').year()).toBe(2026);
    expect(Clock.fixed('2025-12-31T15:59:59Z').year()).toBe(2025);
    expect(Clock.fixed('2025-12-31T16:00:00Z', 'UTC').year()).toBe(2025);
  });

  it('reads its source anew at every call, and a fixed clock cannot be changed through what it returns', () => {
    let instant = new Date('2026-01-01T00:00:00Z');
    const clock = new Clock('Asia/Shanghai', () => instant);
    expect(clock.today()).toBe('2026-01-01');
    instant = new Date('2026-01-01T16:00:00Z');
    expect(clock.today()).toBe('2026-01-02');
    const fixed = Clock.fixed('2026-01-01T00:00:00Z');
    fixed.now().setUTCFullYear(1999);
    expect(fixed.today()).toBe('2026-01-01');
  });

  it('refuses an unknown time zone or instant, saying what it expected', () => {
    expect(() => new Clock('Mars/Olympus')).toThrow('Clock: "Mars/Olympus" is not a known time zone (expected an IANA name such as Asia/Shanghai)');
    expect(() => Clock.fixed('yesterday')).toThrow('Clock.fixed: "yesterday" is not an instant');
  });
});

describe('isCalendarDate', () => {
  it('accepts real dates and refuses rolled-over or malformed ones', () => {
    expect(['2024-02-29', '2026-03-01', '2000-02-29', '2026-12-31'].filter(isCalendarDate)).toEqual(['2024-02-29', '2026-03-01', '2000-02-29', '2026-12-31']);
    expect(['2026-02-30', '2025-02-29', '1900-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-3-1', ' 2026-03-01', '2026-03-01T00:00'].filter(isCalendarDate)).toEqual([]);
  });
});
