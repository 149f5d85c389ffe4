import { describe, expect, it } from 'vitest';
import { orderedId, orderedIdPrefix } from './ordered-ids.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('ordered ids', () => {
  it('are UUID version 7 with the RFC variant, carrying the time in their first 48 bits', () => {
    const now = Date.UTC(2026, 11, 1, 8, 30);
    const id = orderedId(orderedIdPrefix(now), 5);
    expect(id).toMatch(UUID_V7);
    expect(Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(now);
  });

  it('increase with the counter within a statement and with the time across statements', () => {
    const prefix = orderedIdPrefix(1_000_000);
    const ids = [0, 1, 15, 16, 255, 70_000].map((n) => orderedId(prefix, n));
    expect([...ids].sort()).toEqual(ids);
    const later = orderedId(orderedIdPrefix(1_000_001), 0);
    expect(later > orderedId(prefix, 0xffffffff)).toBe(true);
  });

  it('differ between statements in the same millisecond', () => {
    const prefixes = new Set(Array.from({ length: 1000 }, () => orderedIdPrefix(42)));
    expect(prefixes.size).toBe(1000);
  });

  it('refuse a counter that does not fit its 8 hex digits', () => {
    expect(() => orderedId(orderedIdPrefix(), 16 ** 8)).toThrow(RangeError);
    expect(() => orderedId(orderedIdPrefix(), -1)).toThrow(RangeError);
  });
});
