import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ImportReport } from '../../../contracts/people.js';
import type { AppDeps } from '../../platform/app-deps.js';
import { sendXlsx } from '../../platform/excel.js';
import { contextOf } from '../../platform/request-context.js';
import { readUpload } from '../../platform/upload.js';
import { buildUnitTemplate, exportUnits, importUnits } from './units-import.service.js';

/** The unit tree in and out of Excel. */
export async function unitsImportRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/units/import/template', { config: { access: 'units.manage' } }, async (_req, reply) =>
    sendXlsx(reply, '组织机构导入模板', await buildUnitTemplate(), { dated: false }),
  );
  r.post(
    '/api/units/import/preview',
    { schema: { response: { 200: ImportReport } }, config: { access: 'units.manage' } },
    async (req) => importUnits(contextOf(req, deps), (await readUpload(req)).buffer, { commit: false }),
  );
  r.post(
    '/api/units/import/commit',
    { schema: { response: { 200: ImportReport } }, config: { access: 'units.manage' } },
    async (req) => importUnits(contextOf(req, deps), (await readUpload(req)).buffer, { commit: true }),
  );
  r.get('/api/units/export', { config: { access: 'units.read' } }, async (req, reply) =>
    sendXlsx(reply, '组织机构', await exportUnits(contextOf(req, deps))),
  );
}
