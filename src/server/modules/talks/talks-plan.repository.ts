import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { EvidenceKind } from '../../../core/programme/rule.js';
import { TALK_EVIDENCE_KINDS } from '../../../core/talks/talk-kinds.js';
import type { Db } from '../../platform/db.js';
import { obligations } from '../obligations/obligations.table.js';
import { people } from '../people/people.table.js';
import { programmes, programmeVersions } from '../programmes/programmes.table.js';
import { reserves } from '../reserves/reserves.table.js';
import { orgUnits } from '../units/units.table.js';
import { talkRecords, talkTalkers } from './talks.table.js';

/** A rule of a published programme version that talk records settle. */
export type TalkRuleRef = { versionId: string; ruleKey: string; evidenceKind: EvidenceKind; title: string };

/** The talk rules of every published version (programmes are few, and their versions too). */
export async function loadTalkRules(db: Db): Promise<TalkRuleRef[]> {
  const versions = await db
    .select({ id: programmeVersions.id, rules: programmeVersions.rules })
    .from(programmeVersions)
    .where(eq(programmeVersions.status, 'published'));
  return versions.flatMap((v) =>
    v.rules
      .filter((r) => TALK_EVIDENCE_KINDS.includes(r.evidenceKind))
      .map((r) => ({ versionId: v.id, ruleKey: r.key, evidenceKind: r.evidenceKind, title: r.title })),
  );
}

/** SQL: the obligation is under one of the rules (version and key), optionally of some evidence kinds. */
export function ruleCondition(refs: TalkRuleRef[], kinds?: readonly EvidenceKind[]): SQL {
  const chosen = kinds ? refs.filter((r) => kinds.includes(r.evidenceKind)) : refs;
  if (chosen.length === 0) return sql`false`;
  const byVersion = new Map<string, string[]>();
  for (const r of chosen) byVersion.set(r.versionId, [...(byVersion.get(r.versionId) ?? []), r.ruleKey]);
  return or(
    ...[...byVersion].map(([versionId, keys]) =>
      and(eq(obligations.programmeVersionId, versionId), inArray(obligations.ruleKey, keys)),
    ),
  )!;
}

/** The same as `ruleCondition`, for statements that name the obligations table `o`. */
export function ruleConditionOfAlias(refs: TalkRuleRef[], kinds: readonly EvidenceKind[]): SQL {
  const chosen = refs.filter((r) => kinds.includes(r.evidenceKind));
  if (chosen.length === 0) return sql`false`;
  const byVersion = new Map<string, string[]>();
  for (const r of chosen) byVersion.set(r.versionId, [...(byVersion.get(r.versionId) ?? []), r.ruleKey]);
  return sql.join(
    [...byVersion].map(
      ([versionId, keys]) =>
        sql`(o.programme_version_id = ${versionId}::uuid AND o.rule_key IN (${sql.join(
          keys.map((k) => sql`${k}`),
          sql`, `,
        )}))`,
    ),
    sql` OR `,
  );
}

/** "Today" in each obligation's programme time zone. */
const today = sql`(now() AT TIME ZONE ${programmes.timeZone})::date`;

/** The obligations (with reserve, unit and programme) matching a condition, for "talks I owe". */
export function owedObligations(db: Db, where: SQL) {
  return db
    .select({
      reserveId: obligations.reserveId,
      programmeVersionId: obligations.programmeVersionId,
      ruleKey: obligations.ruleKey,
      periodKey: obligations.periodKey,
      periodStart: obligations.periodStart,
      periodEnd: obligations.periodEnd,
      dueDate: obligations.dueDate,
      state: obligations.state,
      fulfilledOn: obligations.fulfilledOn,
      personName: people.name,
      employeeNo: people.employeeNo,
      unitName: orgUnits.name,
      programmeName: programmes.name,
      timeZone: programmes.timeZone,
      dueSoonDays: programmes.dueSoonDays,
    })
    .from(obligations)
    .innerJoin(reserves, eq(reserves.id, obligations.reserveId))
    .innerJoin(people, eq(people.id, reserves.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
    .innerJoin(programmes, eq(programmes.id, reserves.programmeId))
    .where(and(eq(reserves.state, 'active'), where));
}

/** A talker's latest recorded talk of each kind with each of some reserves. */
export async function lastTalksBy(db: Db, personId: string, reserveIds: string[]) {
  if (reserveIds.length === 0) return [];
  return db
    .select({
      reserveId: talkRecords.reserveId,
      kind: talkRecords.kind,
      heldOn: sql<string>`max(${talkRecords.heldOn})::text`,
    })
    .from(talkRecords)
    .innerJoin(talkTalkers, eq(talkTalkers.talkId, talkRecords.id))
    .where(
      and(
        eq(talkTalkers.personId, personId),
        eq(talkRecords.state, 'recorded'),
        inArray(talkRecords.reserveId, reserveIds),
      ),
    )
    .groupBy(talkRecords.reserveId, talkRecords.kind);
}

/** Per talker, the latest recorded talk they took part in (coverage by talker). */
export async function lastTalkOfTalkers(db: Db, personIds: string[], year: number) {
  if (personIds.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ personId: talkTalkers.personId, heldOn: sql<string>`max(${talkRecords.heldOn})::text` })
    .from(talkTalkers)
    .innerJoin(talkRecords, eq(talkRecords.id, talkTalkers.talkId))
    .where(
      and(
        inArray(talkTalkers.personId, personIds),
        eq(talkRecords.state, 'recorded'),
        sql`${talkRecords.heldOn} <= ${`${year}-12-31`}::date`,
      ),
    )
    .groupBy(talkTalkers.personId);
  return new Map(rows.map((r) => [r.personId, r.heldOn]));
}

/** Counts of a talker's obligations in a year, as the coverage table shows them. */
export type TalkerCounts = {
  personId: string;
  scope: string;
  reserves: number;
  total: number;
  due: number;
  done: number;
  overdue: number;
};

const counts = sql`count(DISTINCT o.reserve_id)::int AS reserves, count(DISTINCT o.id)::int AS total,
  count(DISTINCT o.id) FILTER (WHERE o.due_date <= (now() AT TIME ZONE pg.time_zone)::date)::int AS due,
  count(DISTINCT o.id) FILTER (WHERE o.state IN ('fulfilled', 'waived'))::int AS done,
  count(DISTINCT o.id) FILTER (WHERE o.due_date < (now() AT TIME ZONE pg.time_zone)::date AND o.state IN ('open', 'returned'))::int AS overdue`;

const reserveJoins = sql`JOIN reserves r ON r.id = o.reserve_id AND r.state = 'active'
  JOIN people p ON p.id = r.person_id
  JOIN org_units u ON u.id = p.unit_id
  JOIN programmes pg ON pg.id = r.programme_id`;

function pathsCondition(column: string, paths: string[]): SQL {
  if (paths.length === 0) return sql`false`;
  return sql.join(
    paths.map((p) => sql`${sql.raw(column)} LIKE ${`${p}%`}`),
    sql` OR `,
  );
}

async function rowsOf(db: Db, statement: SQL): Promise<TalkerCounts[]> {
  const result = (await db.execute(statement)) as unknown as { rows: TalkerCounts[] };
  return result.rows;
}

/** Mentors: their own quarterly-talk obligations towards reserves in the scope. */
export function mentorCounts(db: Db, input: { rules: SQL; year: number; scopePaths: string[] }) {
  return rowsOf(
    db,
    sql`SELECT o.actor_person_id AS "personId", '' AS scope, ${counts}
      FROM ${obligations} o ${reserveJoins}
     WHERE o.cycle_year = ${input.year} AND o.actor = 'each_mentor' AND o.actor_person_id IS NOT NULL
       AND (${input.rules}) AND (${pathsCondition('u.path', input.scopePaths)})
     GROUP BY o.actor_person_id`,
  );
}

/** Leaders in charge: the leader-in-charge talks of reserves under the units they are in charge of. */
export function leaderCounts(db: Db, input: { rules: SQL; year: number; scopePaths: string[] }) {
  return rowsOf(
    db,
    sql`SELECT lc.leader_person_id AS "personId", string_agg(DISTINCT lu.name, '、') AS scope, ${counts}
      FROM leader_charges lc
      JOIN org_units lu ON lu.id = lc.unit_id
      JOIN org_units u ON u.path LIKE lu.path || '%'
      JOIN people p ON p.unit_id = u.id
      JOIN reserves r ON r.person_id = p.id AND r.state = 'active'
      JOIN programmes pg ON pg.id = r.programme_id
      JOIN ${obligations} o ON o.reserve_id = r.id
     WHERE lc.end_on IS NULL AND o.cycle_year = ${input.year} AND o.actor = 'leader_in_charge'
       AND (${input.rules}) AND (${pathsCondition('u.path', input.scopePaths)})
     GROUP BY lc.leader_person_id`,
  );
}

/** HR leaders: the HR-leader talks of reserves under their grants. */
export function hrLeaderCounts(db: Db, input: { rules: SQL; year: number; scopePaths: string[] }) {
  return rowsOf(
    db,
    sql`SELECT us.person_id AS "personId", string_agg(DISTINCT gu.name, '、') AS scope, ${counts}
      FROM role_grants g
      JOIN users us ON us.id = g.user_id AND us.active AND us.person_id IS NOT NULL
      JOIN org_units gu ON gu.id = g.unit_id
      JOIN org_units u ON u.path LIKE gu.path || '%'
      JOIN people p ON p.unit_id = u.id
      JOIN reserves r ON r.person_id = p.id AND r.state = 'active'
      JOIN programmes pg ON pg.id = r.programme_id
      JOIN ${obligations} o ON o.reserve_id = r.id
     WHERE g.role = 'hr_leader' AND o.cycle_year = ${input.year} AND o.actor = 'hr_leader'
       AND (${input.rules}) AND (${pathsCondition('u.path', input.scopePaths)})
     GROUP BY us.person_id`,
  );
}

/** Names and posts of people. */
export function namesOf(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select({ id: people.id, name: people.name, post: people.currentPost })
    .from(people)
    .where(inArray(people.id, ids));
}

export { today as programmeToday };
