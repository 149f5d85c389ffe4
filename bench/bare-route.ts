import Fastify, { type FastifyInstance } from 'fastify';
import type { ListStatements, Statement } from './list-sql.js';

/** Sends one statement and returns its rows (objects, as a hand-written route would ask for them). */
export type RunStatement = (statement: Statement) => Promise<Record<string, unknown>[]>;

/**
 * The baseline of the "endpoint vs bare route" bar: plain Fastify, no plugins, no session, no zod,
 * the endpoint's two statements sent the same way (together) and the same answer shape.
 */
export async function startBareServer(
  run: RunStatement,
  cases: Record<string, ListStatements>,
): Promise<{ app: FastifyInstance; url: string }> {
  const app = Fastify({ logger: false });
  app.get<{ Params: { name: string } }>('/bare/:name', async (request, reply) => {
    const statements = cases[request.params.name];
    if (!statements) return reply.code(404).send({ error: 'unknown case' });
    const [items, [{ count }]] = await Promise.all([run(statements.page), run(statements.count)]);
    return { items, total: Number(count), page: 1, pageSize: 20 };
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url };
}
