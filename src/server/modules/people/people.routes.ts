import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams, Ok } from '../../../contracts/common.js';
import {
  CreatePersonBody,
  IdNumberView,
  PeopleList,
  PeopleListQuery,
  PersonDetail,
  UpdatePersonBody,
} from '../../../contracts/people.js';
import type { AppDeps } from '../../platform/app-deps.js';
import { contextOf } from '../../platform/request-context.js';
import { readUpload } from '../../platform/upload.js';
import * as peopleService from './people.service.js';

/** People: list, registration form, create, edit, the audited ID view, the photo. */
export async function peopleRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = { access: 'people.read' as const, resource: 'person' as const };
  const write = { access: 'people.write' as const, resource: 'person' as const };

  r.get(
    '/api/people',
    {
      schema: { querystring: PeopleListQuery, response: { 200: PeopleList } },
      config: { access: 'people.read' },
    },
    (req) => peopleService.listPeople(contextOf(req, deps), req.query),
  );
  r.post(
    '/api/people',
    {
      schema: { body: CreatePersonBody, response: { 200: PersonDetail } },
      config: { access: 'people.write' },
    },
    (req) => peopleService.createPerson(contextOf(req, deps), req.body),
  );
  r.get(
    '/api/people/:id',
    { schema: { params: IdParams, response: { 200: PersonDetail } }, config: read },
    (req) => peopleService.getPerson(contextOf(req, deps), req.params.id),
  );
  r.patch(
    '/api/people/:id',
    { schema: { params: IdParams, body: UpdatePersonBody, response: { 200: PersonDetail } }, config: write },
    (req) => peopleService.updatePerson(contextOf(req, deps), req.params.id, req.body),
  );
  r.get(
    '/api/people/:id/id-number',
    {
      schema: { params: IdParams, response: { 200: IdNumberView } },
      config: { access: 'people.viewIdNumber', resource: 'person' },
    },
    (req) => peopleService.viewIdNumber(contextOf(req, deps), req.params.id),
  );
  r.get('/api/people/:id/photo', { schema: { params: IdParams }, config: read }, async (req, reply) => {
    const photo = await peopleService.getPhoto(contextOf(req, deps), req.params.id);
    return reply.type(photo.mimeType).header('cache-control', 'private, no-store').send(photo.data);
  });
  r.put(
    '/api/people/:id/photo',
    { schema: { params: IdParams, response: { 200: Ok } }, config: write },
    async (req) => {
      const { buffer } = await readUpload(req);
      await peopleService.setPhoto(contextOf(req, deps), req.params.id, buffer);
      return { ok: true as const };
    },
  );
}
