import { type Actor, inScope } from '../../platform/access.js';

/** What the caller is to a reflection; `none` answers 404. */
export type ReflectionRole = {
  /** The reserve who writes it: the draft, the versions, HR's comments; not the copy check. */
  author: boolean;
  /** A mentor of the reserve: the submitted versions and comments, read-only. */
  mentor: boolean;
  /** HR (or a reader by role) over the reserve's unit: the versions and the copy check. */
  reader: boolean;
  /** May accept or return a submission and re-run the copy check. */
  reviewer: boolean;
};

/** The caller's standing towards a reflection of a person in a unit (mentorship looked up by the caller). */
export function reflectionRole(
  actor: Actor,
  row: { personId: string; unitPath: string },
  isMentor: boolean,
): ReflectionRole {
  return {
    author: actor.personId !== null && actor.personId === row.personId,
    mentor: isMentor,
    reader: inScope(actor, 'reflections.read', row.unitPath),
    reviewer: inScope(actor, 'reflections.review', row.unitPath),
  };
}

/** Whether the caller may see the reflection at all. */
export function maySee(role: ReflectionRole): boolean {
  return role.author || role.mentor || role.reader || role.reviewer;
}
