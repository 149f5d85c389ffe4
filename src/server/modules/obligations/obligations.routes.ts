import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common.js';
import {
  CalendarMonth,
  ComplianceCalendarQuery,
  ComplianceListQuery,
  ComplianceMatrix,
  EvidenceFileParams,
  MatrixQuery,
  MyCalendarQuery,
  MyObligationsQuery,
  ObligationDetail,
  ObligationList,
  OverdueQuery,
  RecordEvidenceBody,
  ReviewBody,
  WaiveBody,
} from '../../../contracts/obligations.js';
import type { AppDeps } from '../../platform/app-deps.js';
import { attachmentHeader, sendXlsx } from '../../platform/excel.js';
import { contextOf } from '../../platform/request-context.js';
import { readForm } from '../../platform/upload.js';
import * as compliance from './compliance.service.js';
import * as views from './obligations-views.service.js';

/** Obligations: my lists, the compliance views and exports, one obligation and HR's records. */
export async function obligationsRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const mine = { access: 'authenticated' as const };
  const read = { access: 'obligations.read' as const };
  const record = { access: 'obligations.record' as const, resource: 'obligation' as const };

  r.get(
    '/api/my/obligations',
    { schema: { querystring: MyObligationsQuery, response: { 200: ObligationList } }, config: mine },
    (req) => views.listMyObligations(contextOf(req, deps), req.query),
  );
  r.get(
    '/api/my/duties',
    { schema: { querystring: MyObligationsQuery, response: { 200: ObligationList } }, config: mine },
    (req) => views.listMyDuties(contextOf(req, deps), req.query),
  );
  const myExport = MyObligationsQuery.omit({ page: true, pageSize: true });
  r.get(
    '/api/my/obligations/export',
    { schema: { querystring: myExport }, config: mine },
    async (req, reply) =>
      sendXlsx(reply, '我的培养任务', await views.exportMyObligations(contextOf(req, deps), req.query)),
  );
  r.get('/api/my/duties/export', { schema: { querystring: myExport }, config: mine }, async (req, reply) =>
    sendXlsx(reply, '我需履行的职责', await views.exportMyDuties(contextOf(req, deps), req.query)),
  );
  r.get(
    '/api/my/calendar',
    { schema: { querystring: MyCalendarQuery, response: { 200: CalendarMonth } }, config: mine },
    (req) => views.getMyCalendar(contextOf(req, deps), req.query),
  );

  r.get(
    '/api/compliance/matrix',
    { schema: { querystring: MatrixQuery, response: { 200: ComplianceMatrix } }, config: read },
    (req) => compliance.getComplianceMatrix(contextOf(req, deps), req.query),
  );
  r.get(
    '/api/compliance/matrix/export',
    { schema: { querystring: MatrixQuery }, config: read },
    async (req, reply) =>
      sendXlsx(
        reply,
        '培养任务完成情况',
        await compliance.exportComplianceMatrix(contextOf(req, deps), req.query),
      ),
  );
  r.get(
    '/api/compliance/obligations',
    { schema: { querystring: ComplianceListQuery, response: { 200: ObligationList } }, config: read },
    (req) => compliance.listComplianceObligations(contextOf(req, deps), req.query),
  );
  r.get(
    '/api/compliance/obligations/export',
    { schema: { querystring: ComplianceListQuery }, config: read },
    async (req, reply) =>
      sendXlsx(
        reply,
        '培养任务明细',
        await compliance.exportComplianceObligations(contextOf(req, deps), req.query),
      ),
  );
  r.get(
    '/api/compliance/overdue',
    { schema: { querystring: OverdueQuery, response: { 200: ObligationList } }, config: read },
    (req) => views.listOverdue(contextOf(req, deps), req.query),
  );
  r.get(
    '/api/compliance/overdue/export',
    { schema: { querystring: OverdueQuery }, config: read },
    async (req, reply) =>
      sendXlsx(reply, '逾期任务', await compliance.exportOverdue(contextOf(req, deps), req.query)),
  );
  r.get(
    '/api/compliance/calendar',
    { schema: { querystring: ComplianceCalendarQuery, response: { 200: CalendarMonth } }, config: read },
    (req) => compliance.getComplianceCalendar(contextOf(req, deps), req.query),
  );

  r.get(
    '/api/obligations/:id',
    {
      schema: { params: IdParams, response: { 200: ObligationDetail } },
      // Reserves and mentors see their own; the service answers 404 for anything else out of reach.
      config: { access: 'authenticated', resource: 'obligation' },
    },
    (req) => views.getObligation(contextOf(req, deps), req.params.id),
  );
  r.post(
    '/api/obligations/:id/evidence',
    {
      schema: { params: IdParams, body: RecordEvidenceBody, response: { 200: ObligationDetail } },
      config: record,
    },
    (req) => views.recordEvidence(contextOf(req, deps), req.params.id, req.body),
  );
  r.post(
    '/api/obligations/:id/evidence/upload',
    { schema: { params: IdParams, response: { 200: ObligationDetail } }, config: record },
    async (req) => views.recordEvidenceWithFile(contextOf(req, deps), req.params.id, await readForm(req)),
  );
  r.get(
    '/api/obligations/:id/evidence/:evidenceId/file',
    { schema: { params: EvidenceFileParams }, config: { access: 'authenticated', resource: 'obligation' } },
    async (req, reply) => {
      const file = await views.getEvidenceFile(contextOf(req, deps), req.params.id, req.params.evidenceId);
      return reply
        .type(file.mimeType)
        .header('content-disposition', attachmentHeader(file.name))
        .send(file.data);
    },
  );
  r.post(
    '/api/obligations/:id/review',
    { schema: { params: IdParams, body: ReviewBody, response: { 200: ObligationDetail } }, config: record },
    (req) => views.reviewSubmission(contextOf(req, deps), req.params.id, req.body),
  );
  r.post(
    '/api/obligations/:id/waive',
    { schema: { params: IdParams, body: WaiveBody, response: { 200: ObligationDetail } }, config: record },
    (req) => views.waive(contextOf(req, deps), req.params.id, req.body),
  );
}
