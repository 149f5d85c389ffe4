import { and, eq, gte, isNull, sql } from 'drizzle-orm';
import { todayIn, yearOf } from '../../../core/time/dates.js';
import type { Db } from '../../platform/db.js';
import {
  generateObligationsMany,
  reopenWaivedObligations,
  waiveFutureObligations,
} from '../obligations/obligations.service.js';
import { obligations } from '../obligations/obligations.table.js';
import { findVersion } from '../programmes/programmes.repository.js';
import { programmes } from '../programmes/programmes.table.js';
import { mentorAssignments } from './mentors.table.js';

/** The reason written on a mentor's obligations waived when the mentor changes (and matched to reopen them). */
export const MENTOR_CHANGED = '导师变更：已不再担任该后备人员的导师';

/** The current mentors of reserves, with the day each began (what schedule generation needs). */
export async function currentMentorsOf(
  db: Db,
  reserveIds: string[],
): Promise<{ ids: Map<string, string[]>; starts: Map<string, Record<string, string>> }> {
  const ids = new Map<string, string[]>();
  const starts = new Map<string, Record<string, string>>();
  if (reserveIds.length === 0) return { ids, starts };
  const rows = await db
    .select({
      reserveId: mentorAssignments.reserveId,
      personId: mentorAssignments.mentorPersonId,
      startOn: mentorAssignments.startOn,
    })
    .from(mentorAssignments)
    .where(
      and(
        sql`${mentorAssignments.reserveId} = ANY(${`{${reserveIds.join(',')}}`}::uuid[])`,
        isNull(mentorAssignments.endOn),
      ),
    )
    .orderBy(mentorAssignments.reserveId, mentorAssignments.slot);
  for (const r of rows) {
    ids.set(r.reserveId, [...(ids.get(r.reserveId) ?? []), r.personId]);
    starts.set(r.reserveId, { ...(starts.get(r.reserveId) ?? {}), [r.personId]: r.startOn });
  }
  return { ids, starts };
}

type ScheduledReserve = {
  id: string;
  programmeId: string;
  enrolledOn: string;
  cycleEnd: string;
  timeZone: string;
};

/**
 * A mentor assigned on `startOn` owes the programme's mentor rules from then on: their obligations
 * are generated for the years already scheduled for the reserve (and the year of the assignment),
 * as for a reserve joining then; any of theirs waived when they stopped being the mentor before
 * open again. Returns how many obligations were created.
 */
export async function scheduleMentor(
  db: Db,
  input: { reserve: ScheduledReserve; mentorPersonId: string; startOn: string },
): Promise<number> {
  const { reserve } = input;
  const [programme] = await db
    .select({ currentVersionId: programmes.currentVersionId })
    .from(programmes)
    .where(eq(programmes.id, reserve.programmeId))
    .limit(1);
  const version = programme?.currentVersionId ? await findVersion(db, programme.currentVersionId) : null;
  if (!version) return 0;
  const rules = version.rules.filter((r) => r.actor === 'each_mentor');
  const from = yearOf(input.startOn);
  const scheduled = await db
    .selectDistinct({ year: obligations.cycleYear })
    .from(obligations)
    .where(and(eq(obligations.reserveId, reserve.id), gte(obligations.cycleYear, from)));
  const years = new Set(scheduled.map((s) => s.year));
  const now = yearOf(todayIn(reserve.timeZone));
  for (const year of [from, now])
    if (year >= yearOf(reserve.enrolledOn) && year <= yearOf(reserve.cycleEnd)) years.add(year);
  let created = 0;
  for (const year of [...years].sort()) {
    created += await generateObligationsMany(db, {
      reserves: [{ id: reserve.id, enrolledOn: reserve.enrolledOn, cycleEnd: reserve.cycleEnd }],
      versionId: version.id,
      rules,
      year,
      mentorIds: new Map([[reserve.id, [input.mentorPersonId]]]),
      mentorStarts: new Map([[reserve.id, { [input.mentorPersonId]: input.startOn }]]),
    });
  }
  await reopenWaivedObligations(db, {
    reserveId: reserve.id,
    actorPersonId: input.mentorPersonId,
    from: input.startOn,
    reason: MENTOR_CHANGED,
  });
  return created;
}

/**
 * A mentor who stops owes nothing due from `from` on: their open obligations still ahead
 * are waived (mentor changed); fulfilled ones, and any already overdue, stay as they are.
 */
export function releaseMentor(
  db: Db,
  input: { reserveId: string; mentorPersonId: string; from: string; byUserId: string },
) {
  return waiveFutureObligations(db, {
    reserveId: input.reserveId,
    actorPersonId: input.mentorPersonId,
    from: input.from,
    reason: MENTOR_CHANGED,
    byUserId: input.byUserId,
  });
}
