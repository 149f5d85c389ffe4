import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ImportReport, PeopleListQuery } from '../../../contracts/people.js';
import type { AppDeps } from '../../platform/app-deps.js';
import { sendXlsx } from '../../platform/excel.js';
import { contextOf } from '../../platform/request-context.js';
import { readUpload } from '../../platform/upload.js';
import { buildRosterTemplate, exportPeople } from './people-export.service.js';
import { importPeople } from './people-import.service.js';

/** Roster in and out of Excel: template, import preview, import commit, export. */
export async function peopleImportRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/people/import/template', { config: { access: 'people.import' } }, async (_req, reply) =>
    sendXlsx(reply, '人员名册导入模板', await buildRosterTemplate(), { dated: false }),
  );
  r.post(
    '/api/people/import/preview',
    { schema: { response: { 200: ImportReport } }, config: { access: 'people.import' } },
    async (req) => {
      const { buffer } = await readUpload(req);
      return importPeople(contextOf(req, deps), buffer, { commit: false });
    },
  );
  r.post(
    '/api/people/import/commit',
    { schema: { response: { 200: ImportReport } }, config: { access: 'people.import' } },
    async (req) => {
      const { buffer } = await readUpload(req);
      return importPeople(contextOf(req, deps), buffer, { commit: true });
    },
  );
  r.get(
    '/api/people/export',
    { schema: { querystring: PeopleListQuery }, config: { access: 'people.export' } },
    async (req, reply) => {
      const stream = await exportPeople(contextOf(req, deps), req.query);
      return sendXlsx(reply, '人员名册', stream);
    },
  );
}
