import { z } from 'zod';
import type { EVIDENCE_KINDS } from '../core/programme/rule.js';
import { OBLIGATION_STATUSES } from '../core/programme/status.js';
import { optionalText, PageQuery, paged, text } from './common.js';

/** The evidence kinds a reflection (心得体会) or report fulfils: a text with a 字数 minimum and HR review. */
export const REFLECTION_KINDS = [
  'training_reflection',
  'learning_reflection',
  'reading_reflection',
  'research_report',
] as const satisfies readonly (typeof EVIDENCE_KINDS)[number][];
export type ReflectionKind = (typeof REFLECTION_KINDS)[number];

/** Whether an obligation's evidence kind is written as a reflection (links from obligation lists). */
export function isReflectionKind(kind: string | null | undefined): kind is ReflectionKind {
  return (REFLECTION_KINDS as readonly string[]).includes(kind ?? '');
}

export const REFLECTION_STATES = ['draft', 'submitted', 'returned', 'accepted'] as const;
export const COPY_FLAGS = ['others', 'own'] as const;

/** Longest text accepted (a report of 2000 字 is a fraction of it). */
export const MAX_REFLECTION_CHARS = 100_000;

export const CharCountOut = z.object({
  total: z.number().int(),
  hanzi: z.number().int(),
  punctuation: z.number().int(),
  otherAsian: z.number().int(),
  words: z.number().int(),
});

const ObligationStatus = z.enum(OBLIGATION_STATUSES);

/** One of my reflection obligations (我的心得), with the reflection written for it, if any. */
export const MyReflectionTask = z.object({
  obligationId: z.uuid(),
  programmeName: z.string(),
  ruleTitle: z.string(),
  evidenceKind: z.enum(REFLECTION_KINDS),
  periodKey: z.string(),
  dueDate: z.string(),
  status: ObligationStatus,
  minChars: z.number().int().nullable(),
  reflection: z
    .object({
      id: z.uuid(),
      state: z.enum(REFLECTION_STATES),
      title: z.string(),
      draftChars: z.number().int(),
      versions: z.number().int(),
      updatedAt: z.string(),
      /** HR's comment on the latest version, when it was returned. */
      lastComment: z.string().nullable(),
    })
    .nullable(),
  /** Whether the reserve may start a reflection for it (open or returned, none yet). */
  canStart: z.boolean(),
});
export const MyReflectionTasks = z.object({ items: z.array(MyReflectionTask) });
export const MyReflectionsQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

export const StartReflectionBody = z.object({ obligationId: z.uuid() });

/** A reflection in the review queue (待审核心得) or a mentor's list. */
export const ReflectionItem = z.object({
  id: z.uuid(),
  obligationId: z.uuid(),
  personName: z.string(),
  employeeNo: z.string(),
  unitName: z.string(),
  programmeName: z.string(),
  ruleTitle: z.string(),
  evidenceKind: z.enum(REFLECTION_KINDS),
  periodKey: z.string(),
  title: z.string(),
  state: z.enum(REFLECTION_STATES),
  chars: z.number().int(),
  minChars: z.number().int().nullable(),
  versions: z.number().int(),
  submittedAt: z.string().nullable(),
  dueDate: z.string(),
  obligationStatus: ObligationStatus,
  copyScore: z.number().int().nullable(),
  ownReuseScore: z.number().int().nullable(),
  copyFlag: z.enum(COPY_FLAGS).nullable(),
});
export const ReflectionList = paged(ReflectionItem);

export const ReflectionQueueQuery = PageQuery.extend({
  unitId: z.uuid().optional(),
  programmeId: z.uuid().optional(),
  kind: z.enum(REFLECTION_KINDS).optional(),
  /** Default: everything submitted so far (drafts stay the reserve's own). */
  state: z.enum(['submitted', 'returned', 'accepted']).optional(),
  /** `any` flagged, `others` copied from another reserve, `own` reused from one's own, `none` unflagged. */
  flag: z.enum(['any', 'others', 'own', 'none']).optional(),
  q: z.string().trim().max(50).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  /** The reflection of one obligation (the link from an obligation list). */
  obligationId: z.uuid().optional(),
});
export type ReflectionQueueQuery = z.infer<typeof ReflectionQueueQuery>;

export const ReflectionVersionOut = z.object({
  number: z.number().int(),
  text: z.string(),
  chars: z.number().int(),
  breakdown: CharCountOut,
  minChars: z.number().int().nullable(),
  fileName: z.string().nullable(),
  submittedOn: z.string(),
  submittedAt: z.string(),
  decision: z.enum(['accepted', 'returned']).nullable(),
  comment: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedByName: z.string().nullable(),
});

const Range = z.object({ start: z.number().int(), end: z.number().int() });

/** Another reflection the latest version overlaps, with the shared passages in both texts. */
export const CopyMatchOut = z.object({
  kind: z.enum(COPY_FLAGS),
  /** Share (percent) of this reflection found in the other. */
  score: z.number().int(),
  flagged: z.boolean(),
  /** The other reflection, when the caller may read it; null (and no text) outside the caller's scope. */
  other: z
    .object({
      id: z.uuid(),
      personName: z.string(),
      unitName: z.string(),
      ruleTitle: z.string(),
      periodKey: z.string(),
      submittedAt: z.string().nullable(),
      text: z.string(),
    })
    .nullable(),
  /** Passages of this text (`a`) found in the other (`b`, null when the other is out of reach). */
  passages: z.array(z.object({ a: Range, b: Range.nullable(), length: z.number().int() })),
});

export const CopyCheckOut = z.object({
  checkedAt: z.string(),
  threshold: z.number().int(),
  fingerprints: z.number().int(),
  matches: z.array(CopyMatchOut),
});

export const ReflectionDetail = z.object({
  id: z.uuid(),
  obligationId: z.uuid(),
  person: z.object({ id: z.uuid(), name: z.string(), employeeNo: z.string(), unitName: z.string() }),
  programmeName: z.string(),
  ruleTitle: z.string(),
  evidenceKind: z.enum(REFLECTION_KINDS),
  periodKey: z.string(),
  dueDate: z.string(),
  obligationStatus: ObligationStatus,
  minChars: z.number().int().nullable(),
  state: z.enum(REFLECTION_STATES),
  title: z.string(),
  /** The working draft: only for its author. */
  draft: z
    .object({
      text: z.string(),
      chars: z.number().int(),
      fileName: z.string().nullable(),
      savedAt: z.string().nullable(),
    })
    .nullable(),
  version: z.number().int(),
  versions: z.array(ReflectionVersionOut),
  /** The copy check of the latest version: for readers and reviewers, not for the author or mentors. */
  copyCheck: CopyCheckOut.nullable(),
  actions: z.object({ edit: z.boolean(), review: z.boolean(), recheck: z.boolean() }),
});
export type ReflectionDetail = z.infer<typeof ReflectionDetail>;

const Text = z.string().max(MAX_REFLECTION_CHARS, `不能超过 ${MAX_REFLECTION_CHARS} 字 / too long`);
const Version = z.number().int().min(1);

/** Autosave and explicit save of the draft (optimistic `version`). */
export const DraftBody = z.object({
  text: Text,
  title: z.string().trim().max(100).default(''),
  version: Version,
});
/** Submission: the text is saved as the draft first, so a refused submission loses nothing. */
export const SubmitBody = DraftBody;
export const AcceptBody = z.object({ version: Version, comment: optionalText(500) });
export const ReturnBody = z.object({ version: Version, comment: text(500) });

/** The file of a version (or of the draft: number 0). */
export const VersionFileParams = z.object({ id: z.uuid(), number: z.coerce.number().int().min(0).max(1000) });

/** A programme's copy-check thresholds. */
export const ReflectionSettingsOut = z.object({
  programmeId: z.uuid(),
  thresholdPercent: z.number().int(),
  flagOwnReuse: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string().nullable(),
  updatedByName: z.string().nullable(),
  canEdit: z.boolean(),
});
export const ReflectionSettingsBody = z.object({
  thresholdPercent: z.number().int().min(5, '5–100').max(100, '5–100'),
  flagOwnReuse: z.boolean(),
  version: z.number().int().min(0),
});
