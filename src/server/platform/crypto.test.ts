import { describe, expect, it } from 'vitest';
import { createFieldCipher, hashPassword, verifyPassword } from './crypto.js';

describe('passwords', () => {
  it('hashes with scrypt and verifies', async () => {
    const hash = await hashPassword('Blue-River-Tea-77');
    expect(hash.startsWith('scrypt$')).toBe(true);
    expect(await verifyPassword('Blue-River-Tea-77', hash)).toBe(true);
    expect(await verifyPassword('blue-river-tea-77', hash)).toBe(false);
    expect(await hashPassword('Blue-River-Tea-77')).not.toBe(hash);
  });
  it('refuses malformed stored hashes', async () => {
    expect(await verifyPassword('x', 'md5$abc')).toBe(false);
  });
});

describe('field encryption', () => {
  const cipher = createFieldCipher('a'.repeat(40));
  it('round-trips, with a fresh IV each time and no plaintext in the ciphertext', () => {
    const a = cipher.encrypt('11010519491231002X');
    const b = cipher.encrypt('11010519491231002X');
    expect(a).not.toBe(b);
    expect(a).not.toContain('19491231');
    expect(cipher.decrypt(a)).toBe('11010519491231002X');
  });
  it('detects tampering and a wrong key', () => {
    const stored = cipher.encrypt('secret');
    const parts = stored.split('.');
    parts[3] = Buffer.from('xxxxxx').toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'))).toThrow();
    expect(() => createFieldCipher('b'.repeat(40)).decrypt(stored)).toThrow();
  });
  it('hashes equal values equally and keyed', () => {
    expect(cipher.hash('x')).toBe(cipher.hash('x'));
    expect(createFieldCipher('b'.repeat(40)).hash('x')).not.toBe(cipher.hash('x'));
  });
});
