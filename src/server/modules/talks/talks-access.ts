import type { z } from 'zod';
import type { Talker } from '../../../contracts/talks.js';
import {
  TALK_EVIDENCE,
  TALK_KIND_LABELS,
  TALKER_ROLE_LABELS,
  type TalkerRole,
  type TalkKind,
} from '../../../core/talks/talk-kinds.js';
import { type Actor, inScope, scopePaths } from '../../platform/access.js';
import { type Db, readAll } from '../../platform/db.js';
import type { FieldIssue } from '../../platform/errors.js';
import { chargedPaths, chargedPathsOn } from '../leadership/leadership.service.js';
import * as repo from './talks.repository.js';

/** What the caller is to a reserve: the talker roles they may take, and whether HR may record for others. */
export type Relation = { roles: TalkerRole[]; manage: boolean };

/** The parts the caller can play in a talk with a reserve (mentor, leader in charge, HR leader, unit head). */
export async function relationTo(db: Db, actor: Actor, reserve: repo.ReserveContext): Promise<Relation> {
  const roles: TalkerRole[] = [];
  if (actor.personId) {
    const me = actor.personId;
    const [mentors, charged, led] = await readAll(db, [
      () => repo.currentMentorIds(db, reserve.id),
      () => chargedPaths(db, me),
      () => repo.ledUnitPaths(db, me),
    ]);
    if (mentors.includes(me)) roles.push('mentor');
    if (charged.some((p) => reserve.unitPath.startsWith(p))) roles.push('leader_in_charge');
    if (actor.grants.some((g) => g.role === 'hr_leader' && reserve.unitPath.startsWith(g.unitPath)))
      roles.push('hr_leader');
    if (led.some((p) => reserve.unitPath.startsWith(p)) && reserve.personId !== me) roles.push('unit_head');
  }
  return { roles, manage: inScope(actor, 'talks.manage', reserve.unitPath) };
}

/** The viewer of talk records: the caller's `talks.read` subtrees and person. */
export function viewerOf(actor: Actor): repo.TalkViewer {
  return { userId: actor.userId, personId: actor.personId, readPaths: scopePaths(actor, 'talks.read') };
}

/**
 * Checks the talkers of a talk with a reserve: each an employed person in the part they are named
 * for (the leader in charge must have been in charge of the reserve's unit on the day of the talk —
 * a talk held before a change of 分管 still counts — the HR leader must hold that
 * role over it, a mentor must have been the reserve's mentor on that day), and a talk of a kind that settles an
 * obligation must have the talker it asks for.
 */
export async function talkerIssues(
  db: Db,
  input: {
    reserve: repo.ReserveContext;
    kind: TalkKind;
    heldOn: string;
    talkers: z.infer<typeof Talker>[];
  },
): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  const { reserve, talkers } = input;
  const ids = talkers.map((t) => t.personId);
  if (new Set(ids).size !== ids.length)
    issues.push({ path: 'talkers', message: '谈话人不能重复 / a talker is listed twice' });
  const found = new Map((await repo.findPeople(db, ids)).map((p) => [p.id, p]));
  const [mentors, hrPaths] = await readAll(db, [
    () => repo.mentorIdsOn(db, reserve.id, input.heldOn),
    () => repo.hrLeaderPaths(db, ids),
  ]);
  for (const [i, talker] of talkers.entries()) {
    const path = `talkers.${i}.personId`;
    const person = found.get(talker.personId);
    const role = TALKER_ROLE_LABELS[talker.role].zh;
    if (!person?.active) {
      issues.push({ path, message: '该人员不存在或已不在职 / no such employed person' });
      continue;
    }
    if (talker.personId === reserve.personId) {
      issues.push({ path, message: '谈话人不能是后备人员本人 / the reserve cannot be a talker' });
      continue;
    }
    if (talker.role === 'leader_in_charge') {
      const charged = await chargedPathsOn(db, talker.personId, input.heldOn);
      if (!charged.some((p) => reserve.unitPath.startsWith(p)))
        issues.push({
          path,
          message: `${person.name} 在 ${input.heldOn} 不是 ${reserve.unitName} 的分管领导 / not the leader in charge on the day of the talk`,
        });
    }
    if (
      talker.role === 'hr_leader' &&
      !(hrPaths.get(talker.personId) ?? []).some((p) => reserve.unitPath.startsWith(p))
    )
      issues.push({
        path,
        message: `${person.name} 不是负责该单位的${role} / not the HR leader over this unit`,
      });
    if (talker.role === 'mentor' && !mentors.includes(talker.personId))
      issues.push({
        path,
        message: `${person.name} 在 ${input.heldOn} 不是 ${reserve.personName} 的导师 / not the reserve's mentor on the day of the talk`,
      });
  }
  const needed = TALK_EVIDENCE[input.kind]?.talkerRole;
  if (needed && !talkers.some((t) => t.role === needed))
    issues.push({
      path: 'talkers',
      message: `${TALK_KIND_LABELS[input.kind].zh}须有“${TALKER_ROLE_LABELS[needed].zh}”参加 / the ${TALKER_ROLE_LABELS[needed].en} must take part`,
    });
  return issues;
}
