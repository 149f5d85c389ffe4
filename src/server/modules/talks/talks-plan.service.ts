import { and, eq, inArray, or, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  CoverageQuery,
  OwedItem,
  OwedQuery,
  TalkableQuery,
  TalkableReserve,
  TalkerCoverage,
} from '../../../contracts/talks.js';
import { type TalkerRole, talkKindForEvidence } from '../../../core/talks/talk-kinds.js';
import {
  compareOwed,
  OWED_STATUSES,
  type OwedLine,
  type OwedStatus,
  summariseOwed,
} from '../../../core/talks/talk-plan.js';
import { todayIn, yearOf } from '../../../core/time/dates.js';
import { assertPermission, pathInSubtrees, scopePaths } from '../../platform/access.js';
import type { Db } from '../../platform/db.js';
import type { ServiceContext } from '../../platform/request-context.js';
import { chargedPaths, inChargeOfPath } from '../leadership/leadership.service.js';
import { obligations } from '../obligations/obligations.table.js';
import { dutyCondition } from '../obligations/obligations-views.service.js';
import { reserves } from '../reserves/reserves.table.js';
import { orgUnits } from '../units/units.table.js';
import * as repo from './talks.repository.js';
import * as plan from './talks-plan.repository.js';

const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/**
 * Talks I owe: for the signed-in talker, one line per reserve and talk rule of the year — the
 * obligations they owe as mentor (their own), as the leader in charge of the reserve's unit (分管),
 * or as HR leader over it — with the next deadline and the date they last talked.
 */
export async function listOwed(ctx: ServiceContext, query: z.infer<typeof OwedQuery>) {
  const year = query.year ?? yearOf(todayIn(DEFAULT_TIME_ZONE));
  const duty = dutyCondition(ctx.actor);
  const empty = {
    items: [],
    total: 0,
    page: query.page,
    pageSize: query.pageSize,
    year,
    counts: zeroCounts(),
  };
  if (!duty) return empty;
  const refs = await plan.loadTalkRules(ctx.db);
  const rows = await plan.owedObligations(
    ctx.db,
    and(duty, plan.ruleCondition(refs), eq(obligations.cycleYear, year))!,
  );
  if (rows.length === 0) return empty;
  const byProgramme = new Map<string, typeof rows>();
  for (const r of rows) {
    const key = `${r.timeZone}|${r.dueSoonDays}`;
    byProgramme.set(key, [...(byProgramme.get(key) ?? []), r]);
  }
  const lines: OwedLine[] = [];
  for (const group of byProgramme.values())
    lines.push(...summariseOwed(group, todayIn(group[0].timeZone), group[0].dueSoonDays));
  lines.sort(compareOwed);
  const info = new Map(rows.map((r) => [`${r.reserveId}|${r.ruleKey}`, r]));
  const ruleOf = new Map(refs.map((r) => [`${r.versionId}|${r.ruleKey}`, r]));
  const last = ctx.actor.personId
    ? await plan.lastTalksBy(ctx.db, ctx.actor.personId, [...new Set(rows.map((r) => r.reserveId))])
    : [];
  const lastOf = new Map(last.map((l) => [`${l.reserveId}|${l.kind}`, l.heldOn]));
  const counts = zeroCounts();
  for (const l of lines) counts[l.status] += 1;
  const chosen = query.status ? lines.filter((l) => l.status === query.status) : lines;
  const page = chosen.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
  const items: z.infer<typeof OwedItem>[] = page.map((line) => {
    const row = info.get(`${line.reserveId}|${line.ruleKey}`)!;
    const rule = ruleOf.get(`${row.programmeVersionId}|${line.ruleKey}`)!;
    const kind = talkKindForEvidence(rule.evidenceKind) ?? 'ad_hoc';
    return {
      reserveId: line.reserveId,
      personName: row.personName,
      employeeNo: row.employeeNo,
      unitName: row.unitName,
      programmeName: row.programmeName,
      ruleKey: line.ruleKey,
      ruleTitle: rule.title,
      evidenceKind: rule.evidenceKind,
      kind,
      total: line.total,
      done: line.done,
      overdue: line.overdue,
      next: line.next,
      status: line.status,
      lastTalkOn: lastOf.get(`${line.reserveId}|${kind}`) ?? null,
    };
  });
  return { items, total: chosen.length, page: query.page, pageSize: query.pageSize, year, counts };
}

function zeroCounts(): Record<OwedStatus, number> {
  return Object.fromEntries(OWED_STATUSES.map((s) => [s, 0])) as Record<OwedStatus, number>;
}

/**
 * Coverage by talker, for HR: every leader in charge, HR leader and mentor with reserves in the
 * caller's scope, and how far they are with this year's talks — due so far, done, overdue (who is
 * behind), and their last recorded talk.
 */
export async function listTalkerCoverage(ctx: ServiceContext, query: z.infer<typeof CoverageQuery>) {
  assertPermission(ctx.actor, 'talks.read');
  const year = query.year ?? yearOf(todayIn(DEFAULT_TIME_ZONE));
  const scope = scopePaths(ctx.actor, 'talks.read');
  const refs = await plan.loadTalkRules(ctx.db);
  const input = (kind: 'leader_talk' | 'hr_leader_talk' | 'mentor_talk') => ({
    rules: plan.ruleConditionOfAlias(refs, [kind]),
    year,
    scopePaths: scope,
  });
  const want = (role: z.infer<typeof TalkerCoverage>['role']) => !query.role || query.role === role;
  const [leaders, hrLeaders, mentors] = await Promise.all([
    want('leader_in_charge') ? plan.leaderCounts(ctx.db, input('leader_talk')) : [],
    want('hr_leader') ? plan.hrLeaderCounts(ctx.db, input('hr_leader_talk')) : [],
    want('mentor') ? plan.mentorCounts(ctx.db, input('mentor_talk')) : [],
  ]);
  const tagged = [
    ...leaders.map((c) => ({ ...c, role: 'leader_in_charge' as const })),
    ...hrLeaders.map((c) => ({ ...c, role: 'hr_leader' as const })),
    ...mentors.map((c) => ({ ...c, role: 'mentor' as const })),
  ];
  const ids = [...new Set(tagged.map((c) => c.personId))];
  const [names, last] = await Promise.all([
    plan.namesOf(ctx.db, ids),
    plan.lastTalkOfTalkers(ctx.db, ids, year),
  ]);
  const byId = new Map(names.map((n) => [n.id, n]));
  let items: z.infer<typeof TalkerCoverage>[] = tagged.map((c) => ({
    personId: c.personId,
    name: byId.get(c.personId)?.name ?? '',
    post: byId.get(c.personId)?.post ?? null,
    role: c.role,
    scope: c.scope,
    reserves: Number(c.reserves),
    due: Number(c.due),
    done: Number(c.done),
    overdue: Number(c.overdue),
    total: Number(c.total),
    lastTalkOn: last.get(c.personId) ?? null,
  }));
  if (query.behind === 'true') items = items.filter((i) => i.overdue > 0);
  if (query.q) items = items.filter((i) => i.name.includes(query.q!));
  items.sort(
    (a, b) => b.overdue - a.overdue || a.role.localeCompare(b.role) || a.name.localeCompare(b.name, 'zh'),
  );
  return {
    items: items.slice((query.page - 1) * query.pageSize, query.page * query.pageSize),
    total: items.length,
    page: query.page,
    pageSize: query.pageSize,
    year,
  };
}

/** The reserves the caller may record a talk with (the editor's picker), with the parts they can play. */
export async function listTalkable(
  ctx: ServiceContext,
  query: z.infer<typeof TalkableQuery>,
): Promise<z.infer<typeof TalkableReserve>[]> {
  const me = ctx.actor.personId;
  const managePaths = scopePaths(ctx.actor, 'talks.manage');
  const hrPaths = ctx.actor.grants.filter((g) => g.role === 'hr_leader').map((g) => g.unitPath);
  const [mentees, charged, led] = me
    ? await Promise.all([repo.menteeIds(ctx.db, me), chargedPaths(ctx.db, me), repo.ledUnitPaths(ctx.db, me)])
    : [[], [], []];
  const parts: SQL[] = [];
  if (managePaths.length) parts.push(pathInSubtrees(orgUnits.path, managePaths));
  if (me && hrPaths.length) parts.push(pathInSubtrees(orgUnits.path, hrPaths));
  if (mentees.length) parts.push(inArray(reserves.id, mentees));
  if (me && charged.length) parts.push(inChargeOfPath(me, orgUnits.path));
  if (me && led.length) parts.push(pathInSubtrees(orgUnits.path, led));
  if (parts.length === 0) return [];
  const rows = await repo.searchActiveReserves(ctx.db, { where: or(...parts)!, q: query.q, limit: 30 });
  const under = (paths: string[], path: string) => paths.some((p) => path.startsWith(p));
  return rows.map((r) => {
    const roles: TalkerRole[] = [];
    if (mentees.includes(r.reserveId)) roles.push('mentor');
    if (under(charged, r.unitPath)) roles.push('leader_in_charge');
    if (me && under(hrPaths, r.unitPath)) roles.push('hr_leader');
    if (under(led, r.unitPath)) roles.push('unit_head');
    return {
      reserveId: r.reserveId,
      personName: r.personName,
      employeeNo: r.employeeNo,
      unitName: r.unitName,
      roles,
      manage: under(managePaths, r.unitPath),
    };
  });
}

/** A talker's latest recorded talk of each kind with each of some reserves (the mentor's page). */
export function lastTalksOf(db: Db, personId: string, reserveIds: string[]) {
  return plan.lastTalksBy(db, personId, reserveIds);
}
