import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../contracts/common.js';
import {
  AssignBody,
  CheckPairingBody,
  CheckPairingOut,
  DirectionBody,
  DirectionItem,
  EndAssignmentBody,
  EndorseBody,
  MenteesOut,
  MenteesQuery,
  MentorsList,
  MentorsQuery,
  MyMentorsOut,
  ReserveMentorsDetail,
  SettingsBody,
  SettingsOut,
  SettingsQuery,
} from '../../../contracts/mentors.js';
import type { AppDeps } from '../../platform/app-deps.js';
import { sendXlsx } from '../../platform/excel.js';
import { contextOf } from '../../platform/request-context.js';
import * as mentors from './mentors.service.js';
import * as config from './mentors-config.service.js';
import { exportMentors } from './mentors-export.js';
import * as my from './mentors-my.service.js';

/** Mentors (六(五)): two per reserve by rule, assigned by HR with history; the mentor's and the mentee's pages. */
export async function mentorsRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const reserve = { access: 'mentors.manage' as const, resource: 'reserve' as const };
  r.get(
    '/api/mentors/reserves',
    {
      schema: { querystring: MentorsQuery, response: { 200: MentorsList } },
      config: { access: 'pool.read' },
    },
    (req) => mentors.listReserveMentors(contextOf(req, deps), req.query),
  );
  r.get(
    '/api/mentors/export',
    {
      schema: { querystring: MentorsQuery.omit({ page: true, pageSize: true }) },
      config: { access: 'pool.read' },
    },
    async (req, reply) => sendXlsx(reply, '导师配备', await exportMentors(contextOf(req, deps), req.query)),
  );
  r.get(
    '/api/mentors/reserves/:id',
    {
      schema: { params: IdParams, response: { 200: ReserveMentorsDetail } },
      config: { access: 'pool.read', resource: 'reserve' },
    },
    (req) => mentors.getReserveMentors(contextOf(req, deps), req.params.id),
  );
  r.post(
    '/api/mentors/reserves/:id/check',
    {
      schema: { params: IdParams, body: CheckPairingBody, response: { 200: CheckPairingOut } },
      config: reserve,
    },
    async (req) => {
      const check = await mentors.checkProposedPairing(contextOf(req, deps), req.params.id, req.body);
      return { mentor: check.mentor, issues: check.described, exceptionAllowed: check.exceptionAllowed };
    },
  );
  r.put(
    '/api/mentors/reserves/:id/assignments',
    {
      schema: { params: IdParams, body: AssignBody, response: { 200: ReserveMentorsDetail } },
      config: reserve,
    },
    (req) => mentors.assignMentor(contextOf(req, deps), req.params.id, req.body),
  );
  r.post(
    '/api/mentors/assignments/:id/end',
    {
      schema: { params: IdParams, body: EndAssignmentBody, response: { 200: ReserveMentorsDetail } },
      config: { access: 'mentors.manage', resource: 'mentorAssignment' },
    },
    (req) => mentors.endAssignment(contextOf(req, deps), req.params.id, req.body),
  );
  r.get(
    '/api/mentors/directions',
    { schema: { response: { 200: z.array(DirectionItem) } }, config: { access: 'pool.read' } },
    (req) => config.listDirections(contextOf(req, deps)),
  );
  r.put(
    '/api/mentors/directions',
    {
      schema: { body: DirectionBody, response: { 200: z.array(DirectionItem) } },
      config: { access: 'mentors.manage' },
    },
    (req) => config.setDirection(contextOf(req, deps), req.body),
  );
  r.get(
    '/api/mentors/settings',
    {
      schema: { querystring: SettingsQuery, response: { 200: SettingsOut } },
      config: { access: 'pool.read' },
    },
    (req) => config.getSettings(contextOf(req, deps), req.query.programmeId),
  );
  r.put(
    '/api/mentors/settings',
    { schema: { body: SettingsBody, response: { 200: SettingsOut } }, config: { access: 'mentors.manage' } },
    (req) => config.saveSettings(contextOf(req, deps), req.body),
  );
  r.get(
    '/api/my/mentees',
    {
      schema: { querystring: MenteesQuery, response: { 200: MenteesOut } },
      config: { access: 'authenticated' },
    },
    (req) => my.listMentees(contextOf(req, deps), req.query),
  );
  r.get(
    '/api/my/mentors',
    { schema: { response: { 200: MyMentorsOut } }, config: { access: 'authenticated' } },
    (req) => my.myMentors(contextOf(req, deps)),
  );
  r.post(
    '/api/my/endorsements',
    { schema: { body: EndorseBody, response: { 200: MyMentorsOut } }, config: { access: 'authenticated' } },
    (req) => my.endorse(contextOf(req, deps), req.body),
  );
}
