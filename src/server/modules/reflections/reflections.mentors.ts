import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';

/**
 * Who mentors whom, as far as reflections need it. Until the mentors module lands, a mentor is
 * whoever a reserve's obligations name as `actorPersonId` under an `each_mentor` rule (the quarterly
 * talks, the annual assessment): schedule generation writes one per current mentor. These two
 * functions are the only place that knows; switch them to the mentors module's service then.
 */
export async function menteeReserveIds(db: Db, mentorPersonId: string): Promise<string[]> {
  const result = (await db.execute(sql`
    SELECT DISTINCT reserve_id AS id FROM obligations
     WHERE actor_person_id = ${mentorPersonId} AND actor = 'each_mentor'`)) as unknown as {
    rows: { id: string }[];
  };
  return result.rows.map((r) => r.id);
}

/** Whether the person mentors the reserve. */
export async function isMentorOf(db: Db, mentorPersonId: string, reserveId: string): Promise<boolean> {
  const result = (await db.execute(sql`
    SELECT 1 FROM obligations
     WHERE actor_person_id = ${mentorPersonId} AND actor = 'each_mentor' AND reserve_id = ${reserveId}
     LIMIT 1`)) as unknown as { rows: unknown[] };
  return result.rows.length > 0;
}
