import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Dictionaries, Health } from '../../../contracts/system.js';
import { ROLES } from '../../../core/access/roles.js';
import { AUDIT_ACTIONS } from '../../../core/audit/actions.js';
import { UNIT_TYPES } from '../../../core/org/unit-types.js';
import {
  ASSESSMENT_GRADES,
  DEGREES,
  EDUCATION_LEVELS,
  GENDERS,
  POLITICAL_STATUSES,
} from '../../../core/people/dictionaries.js';
import type { AppDeps } from '../../platform/app-deps.js';

/** Health check (for the reverse proxy) and the value lists of the forms. */
export async function systemRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/health', { schema: { response: { 200: Health } }, config: { access: 'public' } }, async () => {
    await deps.database.query('SELECT 1');
    return { ok: true as const, database: deps.database.kind };
  });
  r.get(
    '/api/dictionaries',
    { schema: { response: { 200: Dictionaries } }, config: { access: 'authenticated' } },
    () => ({
      genders: [...GENDERS],
      educationLevels: [...EDUCATION_LEVELS],
      degrees: [...DEGREES],
      politicalStatuses: [...POLITICAL_STATUSES],
      assessmentGrades: [...ASSESSMENT_GRADES],
      unitTypes: [...UNIT_TYPES],
      roles: [...ROLES],
      auditActions: Object.entries(AUDIT_ACTIONS).map(([value, label]) => ({ value, ...label })),
    }),
  );
}
