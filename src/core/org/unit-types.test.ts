import { describe, expect, it } from 'vitest';
import { childPath, wouldCreateCycle } from './unit-types.js';

describe('unit paths', () => {
  it('builds a child path under a parent or at the root', () => {
    expect(childPath(null, 'a')).toBe('/a/');
    expect(childPath('/a/', 'b')).toBe('/a/b/');
  });
  it('detects moves under the unit itself or its descendants, not under siblings', () => {
    expect(wouldCreateCycle('/a/b/', '/a/b/')).toBe(true);
    expect(wouldCreateCycle('/a/b/', '/a/b/c/')).toBe(true);
    expect(wouldCreateCycle('/a/b/', '/a/')).toBe(false);
    expect(wouldCreateCycle('/a/b/', '/a/bb/')).toBe(false);
  });
});
