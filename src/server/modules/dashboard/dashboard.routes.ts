import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Dashboard } from '../../../contracts/dashboard.js';
import type { AppDeps } from '../../platform/app-deps.js';
import { contextOf } from '../../platform/request-context.js';
import { getDashboard } from './dashboard.service.js';

/** 工作台: the first screen of HR and the leadership. */
export async function dashboardRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/dashboard',
    { schema: { response: { 200: Dashboard } }, config: { access: 'obligations.read' } },
    (req) => getDashboard(contextOf(req, deps)),
  );
}
