import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common.js';
import {
  AssignmentBody,
  AssignmentList,
  AssignmentQuery,
  CourseBody,
  CourseImportQuery,
  CourseImportReport,
  CourseList,
  CourseListQuery,
  CourseOut,
  CoursePatch,
  CoverageOut,
  CoverageQuery,
} from '../../../contracts/courses.js';
import type { AppDeps } from '../../platform/app-deps.js';
import { sendXlsx } from '../../platform/excel.js';
import { contextOf } from '../../platform/request-context.js';
import { readUpload } from '../../platform/upload.js';
import * as assignments from './assignments.service.js';
import * as catalogue from './courses.service.js';
import * as transfer from './courses-import.service.js';

/** The online university's catalogue (网上大学课程目录) and HR's quarterly assignments. */
export async function coursesRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = { access: 'learning.read' as const };
  const manage = { access: 'learning.manage' as const };

  r.get(
    '/api/courses',
    { schema: { querystring: CourseListQuery, response: { 200: CourseList } }, config: read },
    (req) => catalogue.listCourses(contextOf(req, deps), req.query),
  );
  r.post(
    '/api/courses',
    { schema: { body: CourseBody, response: { 200: CourseOut } }, config: manage },
    (req) => catalogue.createCourse(contextOf(req, deps), req.body),
  );
  r.patch(
    '/api/courses/:id',
    {
      schema: { params: IdParams, body: CoursePatch, response: { 200: CourseOut } },
      config: { ...manage, resource: 'course' },
    },
    (req) => catalogue.updateCourse(contextOf(req, deps), req.params.id, req.body),
  );
  r.get(
    '/api/courses/export',
    { schema: { querystring: CourseListQuery }, config: read },
    async (req, reply) =>
      sendXlsx(reply, '网上大学课程目录', await transfer.exportCourses(contextOf(req, deps), req.query)),
  );
  r.get('/api/courses/import/template', { config: manage }, async (_req, reply) =>
    sendXlsx(reply, '课程目录导入模板', await transfer.buildCourseTemplate(), { dated: false }),
  );
  for (const step of ['preview', 'commit'] as const) {
    r.post(
      `/api/courses/import/${step}`,
      { schema: { querystring: CourseImportQuery, response: { 200: CourseImportReport } }, config: manage },
      async (req) => {
        const { buffer } = await readUpload(req);
        return transfer.importCourses(contextOf(req, deps), buffer, {
          commit: step === 'commit',
          unitId: req.query.unitId,
        });
      },
    );
  }

  r.get(
    '/api/course-assignments',
    { schema: { querystring: AssignmentQuery, response: { 200: AssignmentList } }, config: read },
    (req) => assignments.listAssignments(contextOf(req, deps), req.query),
  );
  r.get(
    '/api/course-assignments/coverage',
    { schema: { querystring: CoverageQuery, response: { 200: CoverageOut } }, config: read },
    (req) => assignments.previewCoverage(contextOf(req, deps), req.query.unitId),
  );
  r.put(
    '/api/course-assignments',
    { schema: { body: AssignmentBody, response: { 200: CoverageOut } }, config: manage },
    (req) => assignments.assignCourses(contextOf(req, deps), req.body),
  );
}
