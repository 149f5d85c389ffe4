import { drizzle } from 'drizzle-orm/pg-proxy';
import { PeopleListQuery } from '../src/contracts/people.js';
import * as authRepo from '../src/server/modules/auth/auth.repository.js';
import * as repo from '../src/server/modules/people/people.repository.js';
import { listPeople } from '../src/server/modules/people/people.service.js';
import { createFieldCipher } from '../src/server/platform/crypto.js';
import type { Db } from '../src/server/platform/db.js';
import * as schema from '../src/server/platform/schema.js';
import { BENCH_SECRET } from './options.js';

/** One statement as the driver receives it. */
export type Statement = { sql: string; params: unknown[] };

/** The two statements of one `GET /api/people` call: the page and the total. */
export type ListStatements = { page: Statement; count: Statement };

/**
 * Runs the real code on a Drizzle proxy that records each statement instead of sending it, so the
 * bare route and EXPLAIN use exactly the SQL the endpoint sends — no copy to fall out of date.
 */
async function record(run: (db: Db) => Promise<unknown>): Promise<Statement[]> {
  const seen: Statement[] = [];
  const db = drizzle(
    async (sql, params) => {
      seen.push({ sql, params });
      // Array rows, as Drizzle asks the driver for them: one total, an empty page.
      return { rows: /count\(/i.test(sql) ? [[0]] : [] };
    },
    { schema },
  ) as unknown as Db;
  await run(db);
  return seen;
}

async function capture(run: (db: Db) => Promise<unknown>): Promise<ListStatements> {
  const seen = await record(run);
  const page = seen.find((s) => !/count\(/i.test(s.sql));
  const count = seen.find((s) => /count\(/i.test(s.sql));
  if (seen.length !== 2 || !page || !count)
    throw new Error(`expected a page and a count query, saw ${seen.length} statements`);
  return { page, count };
}

/**
 * The statement every authenticated request starts with: the session, its user and grants, for a
 * session id (the SHA-256 of the cookie's token). The bare route runs it too — a hand-written
 * authenticated route has to look its caller up as well.
 */
export async function sessionStatement(sessionId: string): Promise<Statement> {
  const seen = await record((db) => authRepo.findSessionWithUser(db, sessionId));
  if (seen.length !== 1) throw new Error(`expected one session statement, saw ${seen.length}`);
  return seen[0];
}

/** The statements of `GET /api/people?<query>` for an hr_admin granted on the unit with `rootPath`, through the service. */
export function endpointStatements(rootPath: string, query: Record<string, string>): Promise<ListStatements> {
  const actor = {
    userId: '00000000-0000-4000-8000-000000000000',
    username: 'bench',
    displayName: 'bench',
    personId: null,
    grants: [
      {
        role: 'hr_admin' as const,
        unitId: '00000000-0000-4000-8000-000000000001',
        unitPath: rootPath,
        unitName: 'root',
      },
    ],
  };
  return capture((db) =>
    listPeople(
      {
        db,
        actor,
        audit: { userId: actor.userId, displayName: actor.displayName, ip: null },
        cipher: createFieldCipher(BENCH_SECRET),
        lang: 'zh',
      },
      PeopleListQuery.parse(query),
    ),
  );
}

/** The statements of the list filtered to a unit's subtree (`unitId=`): the service resolves the unit first, so call the repository. */
export function subtreeStatements(rootPath: string, subtreePath: string): Promise<ListStatements> {
  return capture((db) =>
    repo.listPeople(
      db,
      { scopePaths: [rootPath], subtreePath, status: 'active' },
      { offset: 0, limit: 20, sort: 'employeeNo', order: 'asc' },
    ),
  );
}
