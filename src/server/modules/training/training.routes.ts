import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, Ok } from '../../../contracts/common.js';
import {
  AddParticipantsBody,
  AddParticipantsResult,
  AttendanceBody,
  Candidate,
  CandidateQuery,
  MyLearning,
  MyLearningQuery,
  ParticipantList,
  ParticipantQuery,
  ReadingPlanBody,
  ReadingPlanItem,
  ReadingPlanList,
  ReadingPlanQuery,
  ReadingPlanResult,
  RemoveParticipantsBody,
  TrainingEventBody,
  TrainingEventDetail,
  TrainingEventList,
  TrainingEventQuery,
  UpdateReadingPlanBody,
  UpdateTrainingEventBody,
  VersionBody,
} from '../../../contracts/training.js';
import type { AppDeps } from '../../platform/app-deps.js';
import { sendXlsx } from '../../platform/excel.js';
import { contextOf } from '../../platform/request-context.js';
import { getMyLearning } from './my-learning.service.js';
import * as reading from './reading.service.js';
import * as training from './training.service.js';
import { exportParticipants } from './training-export.js';
import * as participants from './training-participants.service.js';

/**
 * Learning (六(一)1, 六(一)3): HR's training events with participants and attendance, the year's
 * reading plan, and each person's own view of both (/api/my/learning).
 */
export async function trainingRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = { access: 'learning.read' as const };
  const manage = { access: 'learning.manage' as const };
  const event = (access: 'learning.read' | 'learning.manage') => ({
    access,
    resource: 'trainingEvent' as const,
  });
  const plan = (access: 'learning.read' | 'learning.manage') => ({
    access,
    resource: 'readingPlan' as const,
  });

  r.get(
    '/api/training/events',
    { schema: { querystring: TrainingEventQuery, response: { 200: TrainingEventList } }, config: read },
    (req) => training.listEvents(contextOf(req, deps), req.query),
  );
  r.post(
    '/api/training/events',
    { schema: { body: TrainingEventBody, response: { 200: TrainingEventDetail } }, config: manage },
    (req) => training.createEvent(contextOf(req, deps), req.body),
  );
  r.get(
    '/api/training/events/:id',
    { schema: { params: IdParams, response: { 200: TrainingEventDetail } }, config: event('learning.read') },
    (req) => training.getEvent(contextOf(req, deps), req.params.id),
  );
  r.patch(
    '/api/training/events/:id',
    {
      schema: { params: IdParams, body: UpdateTrainingEventBody, response: { 200: TrainingEventDetail } },
      config: event('learning.manage'),
    },
    (req) => training.updateEvent(contextOf(req, deps), req.params.id, req.body),
  );
  r.delete(
    '/api/training/events/:id',
    { schema: { params: IdParams, response: { 200: Ok } }, config: event('learning.manage') },
    (req) => training.deleteEvent(contextOf(req, deps), req.params.id),
  );
  r.get(
    '/api/training/events/:id/participants',
    {
      schema: { params: IdParams, querystring: ParticipantQuery, response: { 200: ParticipantList } },
      config: event('learning.read'),
    },
    (req) => participants.listParticipants(contextOf(req, deps), req.params.id, req.query),
  );
  r.get(
    '/api/training/events/:id/participants/export',
    { schema: { params: IdParams }, config: event('learning.read') },
    async (req, reply) => {
      const file = await exportParticipants(contextOf(req, deps), req.params.id);
      return sendXlsx(reply, file.fileName, file.stream);
    },
  );
  r.get(
    '/api/training/events/:id/candidates',
    {
      schema: { params: IdParams, querystring: CandidateQuery, response: { 200: z.array(Candidate) } },
      config: event('learning.manage'),
    },
    (req) => participants.listCandidates(contextOf(req, deps), req.params.id, req.query),
  );
  r.post(
    '/api/training/events/:id/participants',
    {
      schema: { params: IdParams, body: AddParticipantsBody, response: { 200: AddParticipantsResult } },
      config: event('learning.manage'),
    },
    (req) => participants.addParticipants(contextOf(req, deps), req.params.id, req.body),
  );
  r.post(
    '/api/training/events/:id/participants/remove',
    {
      schema: {
        params: IdParams,
        body: RemoveParticipantsBody,
        response: { 200: z.object({ removed: z.number().int() }) },
      },
      config: event('learning.manage'),
    },
    (req) => participants.removeParticipants(contextOf(req, deps), req.params.id, req.body),
  );
  r.put(
    '/api/training/events/:id/attendance',
    {
      schema: { params: IdParams, body: AttendanceBody, response: { 200: Ok } },
      config: event('learning.manage'),
    },
    (req) => participants.setAttendance(contextOf(req, deps), req.params.id, req.body),
  );

  r.get(
    '/api/reading-plans',
    { schema: { querystring: ReadingPlanQuery, response: { 200: ReadingPlanList } }, config: read },
    (req) => reading.listPlans(contextOf(req, deps), req.query),
  );
  r.post(
    '/api/reading-plans',
    { schema: { body: ReadingPlanBody, response: { 200: ReadingPlanResult } }, config: manage },
    (req) => reading.createPlan(contextOf(req, deps), req.body),
  );
  r.get(
    '/api/reading-plans/:id',
    { schema: { params: IdParams, response: { 200: ReadingPlanItem } }, config: plan('learning.read') },
    (req) => reading.getPlan(contextOf(req, deps), req.params.id),
  );
  r.patch(
    '/api/reading-plans/:id',
    {
      schema: { params: IdParams, body: UpdateReadingPlanBody, response: { 200: ReadingPlanResult } },
      config: plan('learning.manage'),
    },
    (req) => reading.updatePlan(contextOf(req, deps), req.params.id, req.body),
  );
  r.delete(
    '/api/reading-plans/:id',
    { schema: { params: IdParams, response: { 200: Ok } }, config: plan('learning.manage') },
    (req) => reading.deletePlan(contextOf(req, deps), req.params.id),
  );
  for (const [path, publish] of [
    ['publish', true],
    ['unpublish', false],
  ] as const)
    r.post(
      `/api/reading-plans/:id/${path}`,
      {
        schema: { params: IdParams, body: VersionBody, response: { 200: ReadingPlanResult } },
        config: plan('learning.manage'),
      },
      (req) =>
        reading.setPublished(contextOf(req, deps), req.params.id, { version: req.body.version, publish }),
    );

  r.get(
    '/api/my/learning',
    {
      schema: { querystring: MyLearningQuery, response: { 200: MyLearning } },
      config: { access: 'authenticated' },
    },
    (req) => getMyLearning(contextOf(req, deps), req.query),
  );
}
