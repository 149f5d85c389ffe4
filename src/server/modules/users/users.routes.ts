import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common.js';
import {
  AddGrantBody,
  CreatedUser,
  CreateUserBody,
  GrantParams,
  ResetPasswordOut,
  SetUserActiveBody,
  UserOut,
  UsersList,
  UsersListQuery,
} from '../../../contracts/users.js';
import type { AppDeps } from '../../platform/app-deps.js';
import { contextOf } from '../../platform/request-context.js';
import * as usersService from './users.service.js';

/** Accounts and role grants. */
export async function usersRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = { access: 'users.read' as const, resource: 'user' as const };
  const manage = { access: 'users.manage' as const, resource: 'user' as const };

  r.get(
    '/api/users',
    {
      schema: { querystring: UsersListQuery, response: { 200: UsersList } },
      config: { access: 'users.read' },
    },
    (req) => usersService.listUsers(contextOf(req, deps), req.query),
  );
  r.post(
    '/api/users',
    { schema: { body: CreateUserBody, response: { 200: CreatedUser } }, config: { access: 'users.manage' } },
    (req) => usersService.createUser(contextOf(req, deps), req.body),
  );
  r.get('/api/users/:id', { schema: { params: IdParams, response: { 200: UserOut } }, config: read }, (req) =>
    usersService.getUser(contextOf(req, deps), req.params.id),
  );
  r.post(
    '/api/users/:id/active',
    { schema: { params: IdParams, body: SetUserActiveBody, response: { 200: UserOut } }, config: manage },
    (req) => usersService.setUserActive(contextOf(req, deps), req.params.id, req.body),
  );
  r.post(
    '/api/users/:id/reset-password',
    { schema: { params: IdParams, response: { 200: ResetPasswordOut } }, config: manage },
    (req) => usersService.resetPassword(contextOf(req, deps), req.params.id),
  );
  r.post(
    '/api/users/:id/grants',
    { schema: { params: IdParams, body: AddGrantBody, response: { 200: UserOut } }, config: manage },
    (req) => usersService.addGrant(contextOf(req, deps), req.params.id, req.body),
  );
  r.delete(
    '/api/users/:id/grants/:grantId',
    { schema: { params: GrantParams, response: { 200: UserOut } }, config: manage },
    (req) => usersService.removeGrant(contextOf(req, deps), req.params.id, req.params.grantId),
  );
}
