import type { Config } from './config.js';
import type { FieldCipher } from './crypto.js';
import type { Database, Db } from './db.js';

/** What the app is built from: configuration, the open database and the field cipher. */
export type AppDeps = {
  config: Config;
  database: Database;
  db: Db;
  cipher: FieldCipher;
  sessionLimits: { idleMinutes: number; absoluteHours: number };
};
