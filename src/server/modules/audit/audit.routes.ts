import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AuditList, AuditQuery } from '../../../contracts/audit.js';
import type { AppDeps } from '../../platform/app-deps.js';
import { sendXlsx } from '../../platform/excel.js';
import { contextOf } from '../../platform/request-context.js';
import { exportAudit, listAudit } from './audit.service.js';

/** Browsing and exporting the audit log. */
export async function auditRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/audit',
    { schema: { querystring: AuditQuery, response: { 200: AuditList } }, config: { access: 'audit.read' } },
    (req) => listAudit(contextOf(req, deps), req.query),
  );
  r.get(
    '/api/audit/export',
    { schema: { querystring: AuditQuery }, config: { access: 'audit.read' } },
    (req, reply) => sendXlsx(reply, '审计日志', exportAudit(contextOf(req, deps), req.query)),
  );
}
