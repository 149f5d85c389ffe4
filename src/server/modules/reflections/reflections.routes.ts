import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, PageQuery } from '../../../contracts/common.js';
import {
  AcceptBody,
  DraftBody,
  MyReflectionsQuery,
  MyReflectionTasks,
  ReflectionDetail,
  ReflectionList,
  ReflectionQueueQuery,
  ReflectionSettingsBody,
  ReflectionSettingsOut,
  ReturnBody,
  StartReflectionBody,
  SubmitBody,
  VersionFileParams,
} from '../../../contracts/reflections.js';
import type { AppDeps } from '../../platform/app-deps.js';
import { attachmentHeader, sendXlsx } from '../../platform/excel.js';
import { contextOf } from '../../platform/request-context.js';
import { readForm } from '../../platform/upload.js';
import * as service from './reflections.service.js';
import * as lists from './reflections-lists.service.js';
import * as review from './reflections-review.service.js';
import * as settings from './reflections-settings.service.js';

const DraftSaved = z.object({ version: z.number().int(), chars: z.number().int(), savedAt: z.string() });

/** Reflections (心得体会): the reserve's own, the mentor's view, HR's queue and review, copy-check settings. */
export async function reflectionsRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Authors and mentors hold no permission: the service answers 404 for what is not theirs.
  const own = { access: 'authenticated' as const, resource: 'reflection' as const };
  const read = { access: 'reflections.read' as const };
  const reviewing = { access: 'reflections.review' as const, resource: 'reflection' as const };

  r.get(
    '/api/my/reflections',
    {
      schema: { querystring: MyReflectionsQuery, response: { 200: MyReflectionTasks } },
      config: { access: 'authenticated' },
    },
    (req) => lists.listMyReflectionTasks(contextOf(req, deps), req.query),
  );
  r.post(
    '/api/my/reflections',
    {
      schema: { body: StartReflectionBody, response: { 200: ReflectionDetail } },
      config: { access: 'authenticated' },
    },
    (req) => service.startReflection(contextOf(req, deps), req.body.obligationId),
  );
  r.get(
    '/api/my/mentee-reflections',
    {
      schema: { querystring: PageQuery, response: { 200: ReflectionList } },
      config: { access: 'authenticated' },
    },
    (req) => lists.listMenteeReflections(contextOf(req, deps), req.query),
  );

  r.get(
    '/api/reflections',
    { schema: { querystring: ReflectionQueueQuery, response: { 200: ReflectionList } }, config: read },
    (req) => lists.listReflectionQueue(contextOf(req, deps), req.query),
  );
  r.get(
    '/api/reflections/export',
    { schema: { querystring: ReflectionQueueQuery }, config: read },
    async (req, reply) =>
      sendXlsx(reply, '心得体会', await lists.exportReflectionQueue(contextOf(req, deps), req.query)),
  );

  r.get(
    '/api/reflections/:id',
    { schema: { params: IdParams, response: { 200: ReflectionDetail } }, config: own },
    (req) => service.getReflection(contextOf(req, deps), req.params.id),
  );
  r.put(
    '/api/reflections/:id/draft',
    { schema: { params: IdParams, body: DraftBody, response: { 200: DraftSaved } }, config: own },
    (req) => service.saveDraft(contextOf(req, deps), req.params.id, req.body),
  );
  r.post(
    '/api/reflections/:id/upload',
    { schema: { params: IdParams, response: { 200: ReflectionDetail } }, config: own },
    async (req) => service.uploadDraft(contextOf(req, deps), req.params.id, await readForm(req)),
  );
  r.post(
    '/api/reflections/:id/submit',
    { schema: { params: IdParams, body: SubmitBody, response: { 200: ReflectionDetail } }, config: own },
    (req) => service.submitReflection(contextOf(req, deps), req.params.id, req.body),
  );
  r.get(
    '/api/reflections/:id/files/:number',
    { schema: { params: VersionFileParams }, config: own },
    async (req, reply) => {
      const file = await service.getReflectionFile(contextOf(req, deps), req.params.id, req.params.number);
      return reply
        .type(file.mimeType)
        .header('content-disposition', attachmentHeader(file.name))
        .send(file.data);
    },
  );
  r.post(
    '/api/reflections/:id/accept',
    {
      schema: { params: IdParams, body: AcceptBody, response: { 200: ReflectionDetail } },
      config: reviewing,
    },
    (req) => review.acceptReflection(contextOf(req, deps), req.params.id, req.body),
  );
  r.post(
    '/api/reflections/:id/return',
    {
      schema: { params: IdParams, body: ReturnBody, response: { 200: ReflectionDetail } },
      config: reviewing,
    },
    (req) => review.returnReflection(contextOf(req, deps), req.params.id, req.body),
  );
  r.post(
    '/api/reflections/:id/recheck',
    { schema: { params: IdParams, response: { 200: ReflectionDetail } }, config: reviewing },
    (req) => review.recheckReflection(contextOf(req, deps), req.params.id),
  );

  r.get(
    '/api/programmes/:id/reflection-settings',
    {
      schema: { params: IdParams, response: { 200: ReflectionSettingsOut } },
      config: { access: 'programmes.read', resource: 'programme' },
    },
    (req) => settings.getReflectionSettings(contextOf(req, deps), req.params.id),
  );
  r.put(
    '/api/programmes/:id/reflection-settings',
    {
      schema: { params: IdParams, body: ReflectionSettingsBody, response: { 200: ReflectionSettingsOut } },
      config: { access: 'programmes.manage', resource: 'programme' },
    },
    (req) => settings.updateReflectionSettings(contextOf(req, deps), req.params.id, req.body),
  );
}
