import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../contracts/common.js';
import {
  DecideBody,
  EligibilityCheckBody,
  EligibilityCheckOut,
  NominateBody,
  PoolList,
  PoolQuery,
  ReserveDetail,
  ReserveItem,
  RollOverBody,
  RollOverOut,
  TransitionBody,
  UpdateReserveBody,
} from '../../../contracts/reserves.js';
import type { AppDeps } from '../../platform/app-deps.js';
import { sendXlsx } from '../../platform/excel.js';
import { contextOf } from '../../platform/request-context.js';
import * as pool from './reserves.service.js';

/** The pool (后备干部库): list, nominate with eligibility checks, leadership decisions, transitions, roll-over. */
export async function reservesRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/pool',
    { schema: { querystring: PoolQuery, response: { 200: PoolList } }, config: { access: 'pool.read' } },
    (req) => pool.listPool(contextOf(req, deps), req.query),
  );
  r.get(
    '/api/pool/export',
    {
      schema: { querystring: PoolQuery.omit({ page: true, pageSize: true }) },
      config: { access: 'pool.read' },
    },
    async (req, reply) =>
      sendXlsx(reply, '后备干部库', await pool.exportPool(contextOf(req, deps), req.query)),
  );
  r.get(
    '/api/pool/:id',
    {
      schema: { params: IdParams, response: { 200: ReserveDetail } },
      config: { access: 'pool.read', resource: 'reserve' },
    },
    (req) => pool.getReserve(contextOf(req, deps), req.params.id),
  );
  r.post(
    '/api/pool/eligibility',
    {
      schema: { body: EligibilityCheckBody, response: { 200: EligibilityCheckOut } },
      config: { access: 'pool.nominate' },
    },
    (req) => pool.checkNominees(contextOf(req, deps), req.body),
  );
  r.post(
    '/api/pool/nominations',
    {
      schema: { body: NominateBody, response: { 200: z.array(ReserveItem) } },
      config: { access: 'pool.nominate' },
    },
    (req) => pool.nominate(contextOf(req, deps), req.body),
  );
  r.post(
    '/api/pool/decisions',
    {
      schema: { body: DecideBody, response: { 200: z.array(ReserveItem) } },
      config: { access: 'pool.decide' },
    },
    (req) => pool.decide(contextOf(req, deps), req.body),
  );
  r.post(
    '/api/pool/:id/transition',
    {
      schema: { params: IdParams, body: TransitionBody, response: { 200: ReserveItem } },
      config: { access: 'pool.nominate', resource: 'reserve' },
    },
    (req) => pool.transition(contextOf(req, deps), req.params.id, req.body),
  );
  r.patch(
    '/api/pool/:id',
    {
      schema: { params: IdParams, body: UpdateReserveBody, response: { 200: ReserveItem } },
      config: { access: 'pool.nominate', resource: 'reserve' },
    },
    (req) => pool.updateReserve(contextOf(req, deps), req.params.id, req.body),
  );
  r.post(
    '/api/pool/roll-over',
    {
      schema: { body: RollOverBody, response: { 200: RollOverOut } },
      config: { access: 'programmes.manage' },
    },
    (req) => pool.rollOver(contextOf(req, deps), req.body),
  );
}
