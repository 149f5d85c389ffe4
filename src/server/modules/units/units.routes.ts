import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../contracts/common.js';
import {
  CreateUnitBody,
  MoveUnitBody,
  Unit,
  UnitDetail,
  UnitLeadersBody,
  UnitListQuery,
  UpdateUnitBody,
  VersionBody,
} from '../../../contracts/units.js';
import type { AppDeps } from '../../platform/app-deps.js';
import { contextOf } from '../../platform/request-context.js';
import * as units from './units.service.js';

/** The org unit tree: list, read, create, rename, move, (de)activate, set leaders. */
export async function unitsRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = { access: 'units.read' as const, resource: 'unit' as const };
  const manage = { access: 'units.manage' as const, resource: 'unit' as const };

  r.get(
    '/api/units',
    {
      schema: { querystring: UnitListQuery, response: { 200: z.array(Unit) } },
      config: { access: 'units.read' },
    },
    (req) => units.listUnits(contextOf(req, deps), req.query),
  );
  r.post(
    '/api/units',
    { schema: { body: CreateUnitBody, response: { 200: Unit } }, config: { access: 'units.manage' } },
    (req) => units.createUnit(contextOf(req, deps), req.body),
  );
  r.get(
    '/api/units/:id',
    { schema: { params: IdParams, response: { 200: UnitDetail } }, config: read },
    (req) => units.getUnit(contextOf(req, deps), req.params.id),
  );
  r.patch(
    '/api/units/:id',
    { schema: { params: IdParams, body: UpdateUnitBody, response: { 200: Unit } }, config: manage },
    (req) => units.updateUnit(contextOf(req, deps), req.params.id, req.body),
  );
  r.post(
    '/api/units/:id/move',
    { schema: { params: IdParams, body: MoveUnitBody, response: { 200: Unit } }, config: manage },
    (req) => units.moveUnit(contextOf(req, deps), req.params.id, req.body),
  );
  r.post(
    '/api/units/:id/deactivate',
    { schema: { params: IdParams, body: VersionBody, response: { 200: Unit } }, config: manage },
    (req) =>
      units.setUnitActive(contextOf(req, deps), req.params.id, { version: req.body.version, active: false }),
  );
  r.post(
    '/api/units/:id/activate',
    { schema: { params: IdParams, body: VersionBody, response: { 200: Unit } }, config: manage },
    (req) =>
      units.setUnitActive(contextOf(req, deps), req.params.id, { version: req.body.version, active: true }),
  );
  r.put(
    '/api/units/:id/leaders',
    { schema: { params: IdParams, body: UnitLeadersBody, response: { 200: Unit } }, config: manage },
    (req) => units.setUnitLeaders(contextOf(req, deps), req.params.id, req.body),
  );
}
