import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, Ok } from '../../../contracts/common.js';
import {
  ConfirmTalkBody,
  CoverageList,
  CoverageQuery,
  OwedList,
  OwedQuery,
  PreviousTalkOut,
  PreviousTalkQuery,
  TalkableQuery,
  TalkableReserve,
  TalkBody,
  TalkDetail,
  TalkList,
  TalkQuery,
  UpdateTalkBody,
} from '../../../contracts/talks.js';
import type { AppDeps } from '../../platform/app-deps.js';
import { attachmentHeader, sendXlsx } from '../../platform/excel.js';
import { DOCX_MIME } from '../../platform/paper-form.js';
import { contextOf } from '../../platform/request-context.js';
import * as talks from './talks.service.js';
import { exportTalks } from './talks-export.js';
import { buildTalkForm } from './talks-form.js';
import * as plan from './talks-plan.service.js';

/** Answers a Word document download. */
export function sendDocx(reply: FastifyReply, fileName: string, data: Buffer) {
  return reply.type(DOCX_MIME).header('content-disposition', attachmentHeader(fileName)).send(data);
}

/**
 * Talk records (附件一) and talk plans: talkers record their talks (which fulfil the obligations
 * they match), reserves confirm them, everyone sees the talks they owe, HR sees coverage.
 */
export async function talksRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const signedIn = { access: 'authenticated' as const };
  const oneTalk = { access: 'authenticated' as const, resource: 'talk' as const };

  r.get(
    '/api/talks',
    { schema: { querystring: TalkQuery, response: { 200: TalkList } }, config: signedIn },
    (req) => talks.listTalks(contextOf(req, deps), req.query),
  );
  r.get(
    '/api/talks/export',
    {
      schema: { querystring: TalkQuery.omit({ page: true, pageSize: true }) },
      config: { access: 'talks.read' },
    },
    async (req, reply) => sendXlsx(reply, '谈话记录', await exportTalks(contextOf(req, deps), req.query)),
  );
  r.get('/api/talks/form-blank.docx', { config: signedIn }, async (_req, reply) =>
    sendDocx(reply, '附件一 后备干部谈话记录（空白表）.docx', await buildTalkForm(null)),
  );
  r.get(
    '/api/talks/owed',
    { schema: { querystring: OwedQuery, response: { 200: OwedList } }, config: signedIn },
    (req) => plan.listOwed(contextOf(req, deps), req.query),
  );
  r.get(
    '/api/talks/coverage',
    {
      schema: { querystring: CoverageQuery, response: { 200: CoverageList } },
      config: { access: 'talks.read' },
    },
    (req) => plan.listTalkerCoverage(contextOf(req, deps), req.query),
  );
  r.get(
    '/api/talks/talkable',
    { schema: { querystring: TalkableQuery, response: { 200: z.array(TalkableReserve) } }, config: signedIn },
    (req) => plan.listTalkable(contextOf(req, deps), req.query),
  );
  r.get(
    '/api/talks/previous',
    { schema: { querystring: PreviousTalkQuery, response: { 200: PreviousTalkOut } }, config: signedIn },
    (req) => talks.getPreviousTalk(contextOf(req, deps), req.query),
  );
  r.post(
    '/api/talks',
    { schema: { body: TalkBody, response: { 200: TalkDetail } }, config: signedIn },
    (req) => talks.createTalk(contextOf(req, deps), req.body),
  );
  r.get(
    '/api/talks/:id',
    { schema: { params: IdParams, response: { 200: TalkDetail } }, config: oneTalk },
    (req) => talks.getTalk(contextOf(req, deps), req.params.id),
  );
  r.patch(
    '/api/talks/:id',
    { schema: { params: IdParams, body: UpdateTalkBody, response: { 200: TalkDetail } }, config: oneTalk },
    (req) => talks.updateTalk(contextOf(req, deps), req.params.id, req.body),
  );
  r.delete(
    '/api/talks/:id',
    { schema: { params: IdParams, response: { 200: Ok } }, config: oneTalk },
    (req) => talks.deleteTalk(contextOf(req, deps), req.params.id),
  );
  r.post(
    '/api/talks/:id/confirm',
    { schema: { params: IdParams, body: ConfirmTalkBody, response: { 200: TalkDetail } }, config: oneTalk },
    (req) => talks.confirmTalk(contextOf(req, deps), req.params.id, req.body),
  );
  r.get('/api/talks/:id/form.docx', { schema: { params: IdParams }, config: oneTalk }, async (req, reply) => {
    const form = await talks.talkFormOf(contextOf(req, deps), req.params.id);
    return sendDocx(reply, form.fileName, form.data);
  });
}
