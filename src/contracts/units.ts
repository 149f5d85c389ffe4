import { z } from 'zod';
import { UNIT_TYPES } from '../core/org/unit-types.js';
import { text } from './common.js';

const Code = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9_.-]+$/, 'Letters, digits, _ . - only');

export const UnitPerson = z.object({ personId: z.uuid(), name: z.string(), employeeNo: z.string() });

export const Unit = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  code: z.string(),
  name: z.string(),
  type: z.enum(UNIT_TYPES),
  sortOrder: z.number().int(),
  depth: z.number().int(),
  active: z.boolean(),
  head: UnitPerson.nullable(),
  deputies: z.array(UnitPerson),
  version: z.number().int(),
  actions: z.object({ manage: z.boolean() }),
});
export type Unit = z.infer<typeof Unit>;

export const UnitDetail = Unit.extend({
  path: z.array(z.object({ id: z.uuid(), name: z.string() })),
  /** Active people directly in the unit (deactivation needs none). */
  peopleCount: z.number().int(),
  /** Active people in the unit and all units below it. */
  subtreePeopleCount: z.number().int(),
  childCount: z.number().int(),
});

export const UnitListQuery = z.object({
  includeInactive: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

export const CreateUnitBody = z.object({
  parentId: z.uuid().nullable(),
  code: Code,
  name: text(100),
  type: z.enum(UNIT_TYPES),
  sortOrder: z.number().int().min(0).max(100_000).default(0),
});

export const UpdateUnitBody = z.object({
  version: z.number().int(),
  code: Code.optional(),
  name: text(100).optional(),
  type: z.enum(UNIT_TYPES).optional(),
  sortOrder: z.number().int().min(0).max(100_000).optional(),
});

export const MoveUnitBody = z.object({ version: z.number().int(), parentId: z.uuid() });
export const VersionBody = z.object({ version: z.number().int() });
export const UnitLeadersBody = z.object({
  version: z.number().int(),
  headPersonId: z.uuid().nullable(),
  deputyPersonIds: z.array(z.uuid()).max(20),
});
