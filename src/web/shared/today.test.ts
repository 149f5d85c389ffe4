import { afterEach, describe, expect, it, vi } from 'vitest';
import { today } from './today';

describe('today', () => {
  afterEach(() => vi.useRealTimers());

  it('is Beijing’s date, not the machine’s: 17:00 UTC on 1 December is already 2 December', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-12-01T17:00:00Z'));
    expect(today().format('YYYY-MM-DD')).toBe('2026-12-02');
    vi.setSystemTime(new Date('2026-12-01T15:59:00Z'));
    expect(today().format('YYYY-MM-DD')).toBe('2026-12-01');
  });
});
