import { describe, expect, it } from 'vitest';
import { checkPassword } from './password-policy.js';

describe('password rules', () => {
  it('accepts a long uncommon password', () => {
    expect(checkPassword('Blue-River-Tea-77')).toEqual([]);
  });
  it('refuses short, long, common passwords and the user name', () => {
    expect(checkPassword('Ab1!')).toContain('too_short');
    expect(checkPassword('x'.repeat(65))).toContain('too_long');
    expect(checkPassword('woaini1314')).toContain('common');
    expect(checkPassword('Password123')).toContain('common');
    expect(checkPassword('zhangsan-2026', { username: 'zhangsan' })).toContain('contains_username');
  });
  it('counts characters, not UTF-16 units', () => {
    expect(checkPassword('后备干部培养方案')).toEqual([]);
  });
  it('asks for three character classes only in MLPS mode', () => {
    expect(checkPassword('riverteacup', { mlps: false })).toEqual([]);
    expect(checkPassword('riverteacup', { mlps: true })).toContain('not_complex');
    expect(checkPassword('River-teacup', { mlps: true })).toEqual([]);
  });
});
