import { TALK_EVIDENCE, type TalkerRole, type TalkKind } from '../../../core/talks/talk-kinds.js';
import type { Db } from '../../platform/db.js';
import type { ServiceContext } from '../../platform/request-context.js';
import {
  applyEvidence,
  type EvidenceTarget,
  findObligationsForEvidence,
  withdrawEvidence,
} from '../obligations/evidence.service.js';

/** The evidence source name of talk records. */
export const TALK_SOURCE = 'talk';

/**
 * A recorded talk fulfils the obligation its kind matches, in the period containing the talk's
 * date: the leader in charge's yearly talk, the HR leader's half-yearly one, and — for each mentor
 * who took part — that mentor's quarterly talk. One unit per talk, so a rule asking for two talks in
 * a period needs two. A waived obligation is left alone; one already fulfilled keeps the record as
 * further evidence. Returns the obligations it counted for.
 */
export async function settleTalk(
  db: Db,
  ctx: ServiceContext,
  talk: { id: string; reserveId: string; kind: TalkKind; heldOn: string },
  talkers: { personId: string; role: TalkerRole }[],
): Promise<EvidenceTarget[]> {
  const mapping = TALK_EVIDENCE[talk.kind];
  if (!mapping) return [];
  const counted = talkers.filter((t) => t.role === mapping.talkerRole);
  if (counted.length === 0) return [];
  const query = { reserveIds: [talk.reserveId], evidenceKind: mapping.evidenceKind, onDate: talk.heldOn };
  // One query after another: `db` is the caller's transaction, one connection (pg refuses
  // overlapping queries on a client from v9).
  const targets: EvidenceTarget[] = [];
  if (mapping.talkerRole === 'mentor') {
    for (const t of counted)
      targets.push(...(await findObligationsForEvidence(db, { ...query, actorPersonId: t.personId })));
  } else {
    targets.push(...(await findObligationsForEvidence(db, query)).filter((t) => t.actorPersonId === null));
  }
  const open = targets.filter((t) => t.state !== 'waived' && t.state !== 'submitted');
  for (const target of open) {
    await applyEvidence(db, ctx, {
      obligationId: target.id,
      sourceType: TALK_SOURCE,
      sourceId: talk.id,
      occurredOn: talk.heldOn,
      note: `谈话记录（${talk.heldOn}）`,
      effect: 'fulfil',
      units: 1,
    });
  }
  return open;
}

/** Takes back what a talk record counted for (it is edited, or turned back into a draft). */
export function unsettleTalk(db: Db, ctx: ServiceContext, talkId: string, reason: string) {
  return withdrawEvidence(db, ctx, { sourceType: TALK_SOURCE, sourceId: talkId, reason });
}
