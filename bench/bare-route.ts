import Fastify, { type FastifyInstance } from 'fastify';
import { sha256 } from '../src/server/platform/crypto.js';
import type { ListStatements, Statement } from './list-sql.js';

/** Sends one statement and returns its rows (objects, as a hand-written route would ask for them). */
export type RunStatement = (statement: Statement) => Promise<Record<string, unknown>[]>;

/**
 * The baseline of the "endpoint vs bare route" bar: plain Fastify, no plugins, no zod, the same
 * SQL as the endpoint sent the same way — the session look-up (the cookie's token hashed as the app
 * does), then the page and the count together — and the same answer shape.
 */
export async function startBareServer(
  run: RunStatement,
  cases: Record<string, ListStatements>,
  session: { statement: Statement; sessionId: string },
): Promise<{ app: FastifyInstance; url: string }> {
  const app = Fastify({ logger: false });
  app.get<{ Params: { name: string } }>('/bare/:name', async (request, reply) => {
    const statements = cases[request.params.name];
    if (!statements) return reply.code(404).send({ error: 'unknown case' });
    const token = /houbei_sid=([^;]+)/.exec(request.headers.cookie ?? '')?.[1];
    if (!token) return reply.code(401).send({ error: 'no session' });
    const id = sha256(token);
    const params = session.statement.params.map((p) => (p === session.sessionId ? id : p));
    const [found] = await run({ sql: session.statement.sql, params });
    if (!found) return reply.code(401).send({ error: 'no session' });
    const [items, [totals]] = await Promise.all([run(statements.page), run(statements.count)]);
    // The total is the count statement's first column (a live capped count, or the people counts' sum).
    return { items, total: Number(Object.values(totals)[0]), page: 1, pageSize: 20 };
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url };
}
