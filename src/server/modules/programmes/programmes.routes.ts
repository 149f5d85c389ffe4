import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../contracts/common.js';
import {
  CreateProgrammeBody,
  PreviewOut,
  ProgrammeOut,
  SaveDraftBody,
  UpdateProgrammeBody,
} from '../../../contracts/programmes.js';
import type { AppDeps } from '../../platform/app-deps.js';
import { contextOf } from '../../platform/request-context.js';
import * as programmesService from './programmes.service.js';

/** Programmes: list, read, create (from the default or a copy), edit, draft rules, what-if preview, publish. */
export async function programmesRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = { access: 'programmes.read' as const, resource: 'programme' as const };
  const manage = { access: 'programmes.manage' as const, resource: 'programme' as const };

  r.get(
    '/api/programmes',
    { schema: { response: { 200: z.array(ProgrammeOut) } }, config: { access: 'programmes.read' } },
    (req) => programmesService.listProgrammes(contextOf(req, deps)),
  );
  r.post(
    '/api/programmes',
    {
      schema: { body: CreateProgrammeBody, response: { 200: ProgrammeOut } },
      config: { access: 'programmes.manage' },
    },
    (req) => programmesService.createProgramme(contextOf(req, deps), req.body),
  );
  r.get(
    '/api/programmes/:id',
    { schema: { params: IdParams, response: { 200: ProgrammeOut } }, config: read },
    (req) => programmesService.getProgramme(contextOf(req, deps), req.params.id),
  );
  r.patch(
    '/api/programmes/:id',
    {
      schema: { params: IdParams, body: UpdateProgrammeBody, response: { 200: ProgrammeOut } },
      config: manage,
    },
    (req) => programmesService.updateProgramme(contextOf(req, deps), req.params.id, req.body),
  );
  r.put(
    '/api/programmes/:id/draft',
    { schema: { params: IdParams, body: SaveDraftBody, response: { 200: ProgrammeOut } }, config: manage },
    (req) => programmesService.saveDraft(contextOf(req, deps), req.params.id, req.body.rules),
  );
  r.delete(
    '/api/programmes/:id/draft',
    { schema: { params: IdParams, response: { 200: ProgrammeOut } }, config: manage },
    (req) => programmesService.discardDraft(contextOf(req, deps), req.params.id),
  );
  r.get(
    '/api/programmes/:id/draft/preview',
    { schema: { params: IdParams, response: { 200: PreviewOut } }, config: manage },
    (req) => programmesService.previewDraft(contextOf(req, deps), req.params.id),
  );
  r.post(
    '/api/programmes/:id/draft/publish',
    { schema: { params: IdParams, response: { 200: ProgrammeOut } }, config: manage },
    (req) => programmesService.publishDraft(contextOf(req, deps), req.params.id),
  );
}
