import { z } from 'zod';
import { IsoDate, PageQuery, paged } from './common.js';

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actorUserId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  summary: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
});

export const AuditQuery = PageQuery.extend({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  action: z.string().trim().max(60).optional(),
  entityType: z.string().trim().max(40).optional(),
  entityId: z.string().trim().max(60).optional(),
  actor: z.string().trim().max(50).optional(),
});
export const AuditList = paged(AuditEntry);
