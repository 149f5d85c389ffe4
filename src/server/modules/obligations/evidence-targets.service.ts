import { and, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import { rescheduledDueDate } from '../../../core/programme/periods.js';
import type { EvidenceKind, Rule, RuleActor } from '../../../core/programme/rule.js';
import type { ObligationState } from '../../../core/programme/status.js';
import type { IsoDate } from '../../../core/time/dates.js';
import { writeAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import type { ServiceContext } from '../../platform/request-context.js';
import { people } from '../people/people.table.js';
import { programmes, programmeVersions } from '../programmes/programmes.table.js';
import { reserves } from '../reserves/reserves.table.js';
import { orgUnits } from '../units/units.table.js';
import { obligations } from './obligations.table.js';
import { loadVersionRules } from './obligations-views.repository.js';

/** An obligation a capability's record may settle, with what it needs to decide and to check scope. */
export type EvidenceTarget = {
  id: string;
  reserveId: string;
  personId: string;
  unitPath: string;
  programmeId: string;
  programmeVersionId: string;
  ruleKey: string;
  periodKey: string;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  dueDate: IsoDate;
  state: ObligationState;
  /** The day it was fulfilled (the latest counted evidence), null unless fulfilled. */
  fulfilledOn: IsoDate | null;
  quantity: number;
  progress: number;
  minChars: number | null;
  actor: RuleActor;
  actorPersonId: string | null;
  timeZone: string;
};

export type TargetQuery = {
  reserveIds: string[];
  /** The kind of evidence (every rule asking for it), or one rule by its key. */
  evidenceKind?: EvidenceKind;
  ruleKey?: string;
  /** The period (`2026-Q3`), or a day inside it (a talk's date). */
  periodKey?: string;
  onDate?: IsoDate;
  /** For rules every mentor fulfils: the mentor's own obligation. */
  actorPersonId?: string;
};

/**
 * The obligations that evidence of a kind would settle, for some reserves: matched by the rule's
 * evidence kind as the obligation's own programme version states it (so a rule renamed or re-keyed
 * in a later version still matches), in every state — the caller decides what to do with settled
 * ones. Ordered by reserve and due date.
 */
export async function findObligationsForEvidence(db: Db, query: TargetQuery): Promise<EvidenceTarget[]> {
  if (query.reserveIds.length === 0) return [];
  const conditions: (SQL | undefined)[] = [
    inArray(obligations.reserveId, query.reserveIds),
    query.ruleKey ? eq(obligations.ruleKey, query.ruleKey) : undefined,
    query.periodKey ? eq(obligations.periodKey, query.periodKey) : undefined,
    query.onDate ? lte(obligations.periodStart, query.onDate) : undefined,
    query.onDate ? gte(obligations.periodEnd, query.onDate) : undefined,
    query.actorPersonId ? eq(obligations.actorPersonId, query.actorPersonId) : undefined,
    query.evidenceKind ? await rulesOfKind(db, query.reserveIds, query.evidenceKind) : undefined,
  ];
  const rows = await db
    .select({
      id: obligations.id,
      reserveId: obligations.reserveId,
      personId: reserves.personId,
      unitPath: orgUnits.path,
      programmeId: reserves.programmeId,
      programmeVersionId: obligations.programmeVersionId,
      ruleKey: obligations.ruleKey,
      periodKey: obligations.periodKey,
      periodStart: obligations.periodStart,
      periodEnd: obligations.periodEnd,
      dueDate: obligations.dueDate,
      state: obligations.state,
      fulfilledOn: obligations.fulfilledOn,
      quantity: obligations.quantity,
      progress: obligations.progress,
      minChars: obligations.minChars,
      actor: obligations.actor,
      actorPersonId: obligations.actorPersonId,
      timeZone: programmes.timeZone,
    })
    .from(obligations)
    .innerJoin(reserves, eq(reserves.id, obligations.reserveId))
    .innerJoin(people, eq(people.id, reserves.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
    .innerJoin(programmes, eq(programmes.id, reserves.programmeId))
    .where(and(...conditions))
    .orderBy(obligations.reserveId, obligations.dueDate, obligations.id);
  if (!query.evidenceKind) return rows;
  const rules = await rulesOf(db, rows);
  return rows.filter(
    (r) => rules.get(r.programmeVersionId)?.get(r.ruleKey)?.evidenceKind === query.evidenceKind,
  );
}

/**
 * SQL: the obligation is under a rule asking for an evidence kind, in any version of the reserves'
 * programmes — so that only those rows are read (a reserve has a hundred obligations a year, a
 * few of one kind); the kind is checked again on the rows, by each obligation's own version.
 */
async function rulesOfKind(db: Db, reserveIds: string[], kind: EvidenceKind): Promise<SQL> {
  const versions = await db
    .select({ id: programmeVersions.id, rules: programmeVersions.rules })
    .from(programmeVersions)
    .where(
      sql`${programmeVersions.programmeId} IN (SELECT DISTINCT ${reserves.programmeId} FROM ${reserves} WHERE ${inArray(reserves.id, reserveIds)})`,
    );
  const keys = [
    ...new Set(versions.flatMap((v) => v.rules.filter((r) => r.evidenceKind === kind).map((r) => r.key))),
  ];
  return keys.length > 0 ? inArray(obligations.ruleKey, keys) : sql`false`;
}

async function rulesOf(db: Db, rows: { programmeVersionId: string }[]) {
  const byVersion = await loadVersionRules(db, [...new Set(rows.map((r) => r.programmeVersionId))]);
  const out = new Map<string, Map<string, Rule>>();
  for (const [id, list] of byVersion) out.set(id, new Map(list.map((r) => [r.key, r])));
  return out;
}

/**
 * An event actually held (the training ended on 15 June, the study period on 30 September, the
 * exam sat on 18 June) moves the due dates of the obligations that follow it, for the given
 * reserves in that period, by each obligation's own rule (`eventDueDate` in `src/core`). An event
 * taken back (`eventDate: null` — a participant removed from the training, the reading plan
 * unpublished) restores the rule's nominal date. Settled obligations keep their dates: moving them
 * could turn work done on time into late work. Returns how many obligations moved.
 */
export async function setEventDate(
  db: Db,
  ctx: ServiceContext,
  input: Omit<TargetQuery, 'onDate' | 'actorPersonId'> & { periodKey: string; eventDate: IsoDate | null },
): Promise<number> {
  const targets = (await findObligationsForEvidence(db, input)).filter(
    (t) => t.state !== 'fulfilled' && t.state !== 'waived',
  );
  const rules = await rulesOf(db, targets);
  const moves: { id: string; due: IsoDate; unitPath: string }[] = [];
  for (const t of targets) {
    const rule = rules.get(t.programmeVersionId)?.get(t.ruleKey);
    if (!rule) continue;
    const due = rescheduledDueDate(
      rule.due,
      { key: t.periodKey, start: t.periodStart, end: t.periodEnd },
      input.eventDate,
    );
    if (due !== t.dueDate) moves.push({ id: t.id, due, unitPath: t.unitPath });
  }
  if (moves.length === 0) return 0;
  await db.execute(sql`
    UPDATE ${obligations} o SET due_date = m.due, version = o.version + 1, updated_at = now()
      FROM json_to_recordset(${JSON.stringify(moves.map(({ id, due }) => ({ id, due })))}::json) AS m(id uuid, due date)
     WHERE o.id = m.id`);
  await writeAudit(db, ctx.audit, {
    action: 'obligation.rescheduled',
    entityType: 'obligation',
    // One entry for the event; the unit path of the first reserve keeps it visible in scope.
    unitPath: moves[0].unitPath,
    summary: input.eventDate
      ? `${input.evidenceKind ?? input.ruleKey} ${input.periodKey}：按实际日期 ${input.eventDate} 调整 ${moves.length} 项任务的截止日期`
      : `${input.evidenceKind ?? input.ruleKey} ${input.periodKey}：恢复 ${moves.length} 项任务的原定截止日期`,
    after: { eventDate: input.eventDate, obligations: moves.length },
  });
  return moves.length;
}
