import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../contracts/common.js';
import {
  ChargeItem,
  ChargeList,
  ChargeQuery,
  CreateChargesBody,
  EndChargeBody,
} from '../../../contracts/leadership.js';
import type { AppDeps } from '../../platform/app-deps.js';
import { contextOf } from '../../platform/request-context.js';
import * as leadership from './leadership.service.js';

/** 分管: which leadership member is in charge of which units. */
export async function leadershipRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/leadership/charges',
    { schema: { querystring: ChargeQuery, response: { 200: ChargeList } }, config: { access: 'units.read' } },
    (req) => leadership.listCharges(contextOf(req, deps), req.query),
  );
  r.post(
    '/api/leadership/charges',
    {
      schema: { body: CreateChargesBody, response: { 200: z.array(ChargeItem) } },
      config: { access: 'charges.manage' },
    },
    (req) => leadership.createCharges(contextOf(req, deps), req.body),
  );
  r.post(
    '/api/leadership/charges/:id/end',
    {
      schema: { params: IdParams, body: EndChargeBody, response: { 200: ChargeItem } },
      config: { access: 'charges.manage', resource: 'charge' },
    },
    (req) => leadership.endCharge(contextOf(req, deps), req.params.id, req.body),
  );
}
