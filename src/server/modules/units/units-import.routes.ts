import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ImportReport } from '../../../contracts/people.js';
import type { AppDeps } from '../../platform/app-deps.js';
import { attachmentHeader, XLSX_MIME } from '../../platform/excel.js';
import { contextOf } from '../../platform/request-context.js';
import { readUpload } from '../../platform/upload.js';
import { buildUnitTemplate, exportUnits, importUnits } from './units-import.service.js';

/** The unit tree in and out of Excel. */
export async function unitsImportRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/units/import/template', { config: { access: 'units.manage' } }, async (_req, reply) =>
    reply
      .type(XLSX_MIME)
      .header('content-disposition', attachmentHeader('组织机构导入模板.xlsx'))
      .send(await buildUnitTemplate()),
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
    reply
      .type(XLSX_MIME)
      .header(
        'content-disposition',
        attachmentHeader(`组织机构-${new Date().toISOString().slice(0, 10)}.xlsx`),
      )
      .send(await exportUnits(contextOf(req, deps))),
  );
}
