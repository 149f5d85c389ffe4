import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomToken } from './crypto.js';

/**
 * The secret that keys ID-number encryption: HOUBEI_SECRET when set (required for several
 * instances, which must share it), else a key generated once into the data directory.
 */
export function loadSecret(config: { secret?: string; dataDir: string }): {
  secret: string;
  source: 'env' | 'file' | 'generated';
} {
  if (config.secret) return { secret: config.secret, source: 'env' };
  const file = path.join(config.dataDir, 'secret.key');
  if (existsSync(file)) return { secret: readFileSync(file, 'utf8').trim(), source: 'file' };
  mkdirSync(config.dataDir, { recursive: true });
  const secret = randomToken(48);
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return { secret, source: 'generated' };
}
