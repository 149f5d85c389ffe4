import { z } from 'zod';
import { ROLES } from '../core/access/roles.js';
import { UNIT_TYPES } from '../core/org/unit-types.js';
import {
  ASSESSMENT_GRADES,
  DEGREES,
  EDUCATION_LEVELS,
  GENDERS,
  POLITICAL_STATUSES,
} from '../core/people/dictionaries.js';

/** The value lists the forms offer (so the web never hard-codes them). */
export const Dictionaries = z.object({
  genders: z.array(z.enum(GENDERS)),
  educationLevels: z.array(z.enum(EDUCATION_LEVELS)),
  degrees: z.array(z.enum(DEGREES)),
  politicalStatuses: z.array(z.enum(POLITICAL_STATUSES)),
  assessmentGrades: z.array(z.enum(ASSESSMENT_GRADES)),
  unitTypes: z.array(z.enum(UNIT_TYPES)),
  roles: z.array(z.enum(ROLES)),
  auditActions: z.array(z.object({ value: z.string(), zh: z.string(), en: z.string() })),
});

export const Health = z.object({ ok: z.literal(true), database: z.enum(['pglite', 'postgres']) });
