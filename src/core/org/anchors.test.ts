import { describe, expect, it } from 'vitest';
import { anchorsCover } from './anchors.js';

describe('anchorsCover', () => {
  it('answers for the organisation, a root and a root’s child, not for anything deeper', () => {
    expect(anchorsCover(['/'])).toBe(true);
    expect(anchorsCover(['/r/', '/r/c/'])).toBe(true);
    expect(anchorsCover(['/r/c/d/'])).toBe(false);
    expect(anchorsCover(['/r/', '/r/c/d/'])).toBe(false);
  });
});
