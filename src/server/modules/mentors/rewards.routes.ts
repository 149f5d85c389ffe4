import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, Ok } from '../../../contracts/common.js';
import {
  ApproveBody,
  CandidateList,
  CandidatesQuery,
  PaidBody,
  RevokeBody,
  RewardExportQuery,
} from '../../../contracts/rewards.js';
import type { AppDeps } from '../../platform/app-deps.js';
import { sendXlsx } from '../../platform/excel.js';
import { contextOf } from '../../platform/request-context.js';
import * as rewards from './rewards.service.js';

/** The mentor reward: candidate pairs with their conditions and evidence, approval, the payment list. */
export async function rewardsRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/rewards/candidates',
    {
      schema: { querystring: CandidatesQuery, response: { 200: CandidateList } },
      config: { access: 'rewards.read' },
    },
    (req) => rewards.listCandidates(contextOf(req, deps), req.query),
  );
  r.get(
    '/api/rewards/export',
    { schema: { querystring: RewardExportQuery }, config: { access: 'rewards.read' } },
    async (req, reply) =>
      sendXlsx(
        reply,
        req.query.status === 'paid' ? '导师奖励（已发放）' : '导师奖励发放名单',
        await rewards.exportRewards(contextOf(req, deps), req.query),
      ),
  );
  r.post(
    '/api/rewards/approvals',
    {
      schema: { body: ApproveBody, response: { 200: z.object({ approved: z.number().int() }) } },
      config: { access: 'rewards.manage' },
    },
    (req) => rewards.approveRewards(contextOf(req, deps), req.body),
  );
  r.post(
    '/api/rewards/:id/revoke',
    {
      schema: { params: IdParams, body: RevokeBody, response: { 200: Ok } },
      config: { access: 'rewards.manage', resource: 'reward' },
    },
    (req) => rewards.revokeReward(contextOf(req, deps), req.params.id, req.body),
  );
  r.post(
    '/api/rewards/paid',
    {
      schema: { body: PaidBody, response: { 200: z.object({ paid: z.number().int() }) } },
      config: { access: 'rewards.manage' },
    },
    (req) => rewards.markPaid(contextOf(req, deps), req.body),
  );
}
