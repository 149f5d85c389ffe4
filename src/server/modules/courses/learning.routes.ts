import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, Ok } from '../../../contracts/common.js';
import {
  ChoicesBody,
  CompletionBody,
  CompletionImportReport,
  CompletionList,
  CompletionListQuery,
  ImportColumns,
  MyCatalogue,
  MyCatalogueQuery,
  MyCourses,
  MyCoursesQuery,
  QuarterQuery,
  QuarterView,
} from '../../../contracts/courses.js';
import type { AppDeps } from '../../platform/app-deps.js';
import { AppError } from '../../platform/errors.js';
import { sendXlsx } from '../../platform/excel.js';
import { contextOf } from '../../platform/request-context.js';
import { readForm, readUpload } from '../../platform/upload.js';
import * as completions from './completions.service.js';
import * as importing from './completions-import.service.js';
import * as mine from './my-courses.service.js';
import * as quarter from './quarter-view.service.js';

/** Studying the courses: my quarter and choices, completions (entered or imported), HR's quarter view. */
export async function learningRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = { access: 'learning.read' as const };
  const manage = { access: 'learning.manage' as const };
  // A reserve holds no permission: the service answers 404 to someone without a person record.
  const own = { access: 'authenticated' as const };

  r.get(
    '/api/my/courses',
    { schema: { querystring: MyCoursesQuery, response: { 200: MyCourses } }, config: own },
    (req) => mine.getMyCourses(contextOf(req, deps), req.query.periodKey),
  );
  r.get(
    '/api/my/courses/catalogue',
    { schema: { querystring: MyCatalogueQuery, response: { 200: MyCatalogue } }, config: own },
    (req) => mine.listMyCatalogue(contextOf(req, deps), req.query),
  );
  r.put(
    '/api/my/courses/choices',
    { schema: { body: ChoicesBody, response: { 200: MyCourses } }, config: own },
    (req) => mine.setMyChoices(contextOf(req, deps), req.body),
  );

  r.get(
    '/api/course-completions',
    { schema: { querystring: CompletionListQuery, response: { 200: CompletionList } }, config: read },
    (req) => completions.listCompletions(contextOf(req, deps), req.query),
  );
  r.post(
    '/api/course-completions',
    { schema: { body: CompletionBody, response: { 200: z.object({ id: z.uuid() }) } }, config: manage },
    (req) => completions.recordCompletion(contextOf(req, deps), req.body),
  );
  r.delete(
    '/api/course-completions/:id',
    { schema: { params: IdParams, response: { 200: Ok } }, config: { ...manage, resource: 'completion' } },
    (req) => completions.deleteCompletion(contextOf(req, deps), req.params.id),
  );
  r.post(
    '/api/course-completions/import/columns',
    { schema: { response: { 200: ImportColumns } }, config: manage },
    async (req) => {
      const { buffer } = await readUpload(req);
      return importing.readImportColumns(contextOf(req, deps), buffer);
    },
  );
  for (const step of ['preview', 'commit'] as const) {
    r.post(
      `/api/course-completions/import/${step}`,
      { schema: { response: { 200: CompletionImportReport } }, config: manage },
      async (req) => {
        const { fields, file } = await readForm(req);
        if (!file || file.buffer.length === 0)
          throw new AppError('invalid_file', null, { zh: '没有收到文件。', en: 'No file was uploaded.' });
        return importing.importCompletions(contextOf(req, deps), file.buffer, {
          mapping: importing.parseMapping(fields),
          commit: step === 'commit',
          skipUnknown: fields.skipUnknown === 'true',
        });
      },
    );
  }

  r.get(
    '/api/course-quarter',
    { schema: { querystring: QuarterQuery, response: { 200: QuarterView } }, config: read },
    (req) => quarter.getQuarterView(contextOf(req, deps), req.query),
  );
  r.get(
    '/api/course-quarter/export',
    { schema: { querystring: QuarterQuery }, config: read },
    async (req, reply) =>
      sendXlsx(
        reply,
        `网上大学学习情况-${req.query.periodKey}`,
        await quarter.exportQuarterView(contextOf(req, deps), req.query),
      ),
  );
}
