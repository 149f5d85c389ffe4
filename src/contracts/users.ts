import { z } from 'zod';
import { ROLES } from '../core/access/roles.js';
import { PageQuery, paged, text } from './common.js';

export const Username = z
  .string()
  .trim()
  .min(3)
  .max(32)
  .regex(/^[A-Za-z0-9_.-]+$/, '用户名只能包含字母、数字、_ . - / letters, digits, _ . - only');

export const GrantOut = z.object({
  id: z.uuid(),
  role: z.enum(ROLES),
  unitId: z.uuid(),
  unitName: z.string(),
});

export const UserOut = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  personId: z.uuid().nullable(),
  employeeNo: z.string().nullable(),
  unitName: z.string().nullable(),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  grants: z.array(GrantOut),
  version: z.number().int(),
  actions: z.object({ manage: z.boolean() }),
});

export const UsersListQuery = PageQuery.extend({
  q: z.string().trim().max(50).optional(),
  role: z.enum(ROLES).optional(),
  status: z.enum(['active', 'inactive', 'all']).default('active'),
});
export const UsersList = paged(UserOut);

/** A user is created for a person; the one-time password is returned once. */
export const CreateUserBody = z.object({
  personId: z.uuid(),
  username: Username,
  grants: z
    .array(z.object({ role: z.enum(ROLES), unitId: z.uuid() }))
    .max(20)
    .default([]),
});
export const CreatedUser = z.object({ user: UserOut, oneTimePassword: z.string() });

export const AddGrantBody = z.object({ role: z.enum(ROLES), unitId: z.uuid() });
export const GrantParams = z.object({ id: z.uuid(), grantId: z.uuid() });
export const SetUserActiveBody = z.object({ version: z.number().int(), active: z.boolean() });
export const ResetPasswordOut = z.object({ oneTimePassword: z.string() });
export const DisplayNameBody = z.object({ version: z.number().int(), displayName: text(50) });
