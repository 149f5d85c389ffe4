import { z } from 'zod';
import { PERMISSIONS, ROLES } from '../core/access/roles.js';

export const LoginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
});

export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1).max(128),
  newPassword: z.string().min(1).max(128),
});

export const LanguageBody = z.object({ lang: z.enum(['zh', 'en']) });

/** The signed-in user as the web app sees it. */
export const SessionInfo = z.object({
  user: z.object({
    id: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    personId: z.uuid().nullable(),
    mustChangePassword: z.boolean(),
  }),
  grants: z.array(z.object({ role: z.enum(ROLES), unitId: z.uuid(), unitName: z.string() })),
  permissions: z.array(z.enum(PERMISSIONS)),
  csrfToken: z.string(),
  lang: z.enum(['zh', 'en']),
});
export type SessionInfo = z.infer<typeof SessionInfo>;
