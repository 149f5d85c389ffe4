import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AssessmentBody,
  AssessmentDetail,
  AssessmentList,
  AssessmentQuery,
  FileAssessmentBody,
  ReturnAssessmentBody,
  ScalesOut,
  ScalesQuery,
  UpdateAssessmentBody,
} from '../../../contracts/assessments.js';
import { IdParams, Ok } from '../../../contracts/common.js';
import type { AppDeps } from '../../platform/app-deps.js';
import { contextOf } from '../../platform/request-context.js';
import { sendDocx } from '../talks/talks.routes.js';
import { buildAssessmentForm } from './assessment-form.js';
import * as assessments from './assessments.service.js';

/** The mentor's annual assessment (附件二): written by the mentor, submitted to HR, filed or returned. */
export async function assessmentsRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const signedIn = { access: 'authenticated' as const };
  const one = { access: 'authenticated' as const, resource: 'assessment' as const };
  const hr = { access: 'assessments.file' as const, resource: 'assessment' as const };
  r.get(
    '/api/assessments',
    { schema: { querystring: AssessmentQuery, response: { 200: AssessmentList } }, config: signedIn },
    (req) => assessments.listAssessments(contextOf(req, deps), req.query),
  );
  r.get('/api/assessments/form-blank.docx', { config: signedIn }, async (_req, reply) =>
    sendDocx(reply, '附件二 后备干部年度考核评估表（空白表）.docx', await buildAssessmentForm(null)),
  );
  r.get(
    '/api/assessments/scales',
    { schema: { querystring: ScalesQuery, response: { 200: ScalesOut } }, config: signedIn },
    (req) => assessments.scalesFor(contextOf(req, deps), req.query.reserveId),
  );
  r.post(
    '/api/assessments',
    { schema: { body: AssessmentBody, response: { 200: AssessmentDetail } }, config: signedIn },
    (req) => assessments.createAssessment(contextOf(req, deps), req.body),
  );
  r.get(
    '/api/assessments/:id',
    { schema: { params: IdParams, response: { 200: AssessmentDetail } }, config: one },
    (req) => assessments.getAssessment(contextOf(req, deps), req.params.id),
  );
  r.patch(
    '/api/assessments/:id',
    {
      schema: { params: IdParams, body: UpdateAssessmentBody, response: { 200: AssessmentDetail } },
      config: one,
    },
    (req) => assessments.updateAssessment(contextOf(req, deps), req.params.id, req.body),
  );
  r.delete(
    '/api/assessments/:id',
    { schema: { params: IdParams, response: { 200: Ok } }, config: one },
    (req) => assessments.deleteAssessment(contextOf(req, deps), req.params.id),
  );
  r.post(
    '/api/assessments/:id/file',
    {
      schema: { params: IdParams, body: FileAssessmentBody, response: { 200: AssessmentDetail } },
      config: hr,
    },
    (req) => assessments.fileAssessment(contextOf(req, deps), req.params.id, req.body),
  );
  r.post(
    '/api/assessments/:id/return',
    {
      schema: { params: IdParams, body: ReturnAssessmentBody, response: { 200: AssessmentDetail } },
      config: hr,
    },
    (req) => assessments.returnAssessment(contextOf(req, deps), req.params.id, req.body),
  );
  r.get(
    '/api/assessments/:id/form.docx',
    { schema: { params: IdParams }, config: one },
    async (req, reply) => {
      const detail = await assessments.getAssessment(contextOf(req, deps), req.params.id);
      return sendDocx(
        reply,
        `年度考核评估表-${detail.personName}-${detail.year}.docx`,
        await buildAssessmentForm(detail),
      );
    },
  );
}
