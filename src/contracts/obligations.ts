import { z } from 'zod';
import { ACTORS, EVIDENCE_KINDS } from '../core/programme/rule.js';
import { OBLIGATION_STATES, OBLIGATION_STATUSES } from '../core/programme/status.js';
import { IsoDate, optionalText, PageQuery, paged, text } from './common.js';

/**
 * What a list may filter by: one status (SPEC §2.4), or a cell of the compliance matrix — `due`
 * (due so far), `done` (fulfilled, late or not, or waived), `open` (open and not yet due).
 */
export const STATUS_FILTERS = [...OBLIGATION_STATUSES, 'due', 'done', 'open'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

const Year = z.coerce.number().int().min(2000).max(2100);
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');

/** One obligation as every view lists it. */
export const ObligationItem = z.object({
  id: z.uuid(),
  reserveId: z.uuid(),
  personId: z.uuid(),
  personName: z.string(),
  employeeNo: z.string(),
  unitId: z.uuid(),
  unitName: z.string(),
  programmeId: z.uuid(),
  programmeName: z.string(),
  ruleKey: z.string(),
  ruleTitle: z.string(),
  evidenceKind: z.enum(EVIDENCE_KINDS).nullable(),
  periodKey: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  dueDate: z.string(),
  actor: z.enum(ACTORS),
  actorPersonId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  quantity: z.number().int(),
  /** Units done out of `quantity` (courses: 1 of 2). */
  progress: z.number().int(),
  minChars: z.number().int().nullable(),
  state: z.enum(OBLIGATION_STATES),
  status: z.enum(OBLIGATION_STATUSES),
  /** Days past the due date (0 unless overdue). */
  daysOverdue: z.number().int(),
  fulfilledOn: z.string().nullable(),
  waivedReason: z.string().nullable(),
  evidenceCount: z.number().int(),
  actions: z.object({ record: z.boolean(), review: z.boolean(), waive: z.boolean() }),
});
export type ObligationItem = z.infer<typeof ObligationItem>;
export const ObligationList = paged(ObligationItem);

export const EvidenceOut = z.object({
  id: z.uuid(),
  sourceType: z.string(),
  sourceId: z.string().nullable(),
  occurredOn: z.string(),
  note: z.string().nullable(),
  /** Units of the obligation's quantity it accounts for, whether they count (accepted), and whether it was withdrawn. */
  units: z.number().int(),
  counted: z.boolean(),
  withdrawn: z.boolean(),
  attachmentName: z.string().nullable(),
  attachmentType: z.string().nullable(),
  recordedByName: z.string().nullable(),
  createdAt: z.string(),
});

/** An obligation with its evidence. */
export const ObligationDetail = z.object({ item: ObligationItem, evidence: z.array(EvidenceOut) });

/** `GET /api/my/obligations` and `/api/my/duties`. */
export const MyObligationsQuery = PageQuery.extend({
  year: Year.optional(),
  status: z.enum(STATUS_FILTERS).optional(),
});

/** The compliance matrix: units × rules of one programme, one cycle year. */
export const MatrixQuery = z.object({
  programmeId: z.uuid(),
  year: Year.optional(),
  /** Rows are this unit's children (default: the caller's scope roots). */
  unitId: z.uuid().optional(),
});

const Cell = z.object({
  /** Every obligation of the cell in the year. */
  total: z.number().int(),
  /** Due so far (due date ≤ today). */
  due: z.number().int(),
  /** Fulfilled (on time or late) or waived, whenever due. */
  done: z.number().int(),
  /** Done among those due so far: the numerator of `percent`. */
  doneDue: z.number().int(),
  overdue: z.number().int(),
  /** Submitted, awaiting HR's review. */
  submitted: z.number().int(),
  /** Open (or returned) and not yet due. */
  open: z.number().int(),
  /** doneDue / due in percent, one decimal; null when nothing is due yet. */
  percent: z.number().nullable(),
});
export type MatrixCell = z.infer<typeof Cell>;

export const ComplianceMatrix = z.object({
  year: z.number().int(),
  today: z.string(),
  programme: z.object({ id: z.uuid(), name: z.string() }),
  unit: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  columns: z.array(z.object({ ruleKey: z.string(), title: z.string(), actor: z.enum(ACTORS).nullable() })),
  rows: z.array(
    z.object({
      unitId: z.uuid(),
      unitName: z.string(),
      /** True for the row of the parent unit's own people (本级), not its subtree. */
      unitOnly: z.boolean(),
      /** One cell per column, in column order. */
      cells: z.array(Cell),
      total: Cell,
    }),
  ),
  totals: z.object({ cells: z.array(Cell), total: Cell }),
});

/** The obligations behind a matrix cell (drill-down). */
export const ComplianceListQuery = PageQuery.extend({
  programmeId: z.uuid(),
  year: Year.optional(),
  unitId: z.uuid().optional(),
  /** Only the unit's own people, not its subtree (the 本级 row). */
  unitOnly: z.enum(['true', 'false']).optional(),
  ruleKey: z.string().max(40).optional(),
  /** One reserve's obligations (the reserve's page in the pool). */
  reserveId: z.uuid().optional(),
  status: z.enum(STATUS_FILTERS).optional(),
});

export const OverdueQuery = PageQuery.extend({
  unitId: z.uuid().optional(),
  programmeId: z.uuid().optional(),
  ruleKey: z.string().max(40).optional(),
  q: z.string().trim().max(50).optional(),
});

export const ComplianceCalendarQuery = z.object({
  month: Month.optional(),
  unitId: z.uuid().optional(),
  programmeId: z.uuid().optional(),
});
export const MyCalendarQuery = z.object({ month: Month.optional() });

const StatusCounts = z.object(
  Object.fromEntries(OBLIGATION_STATUSES.map((s) => [s, z.number().int()])) as Record<
    (typeof OBLIGATION_STATUSES)[number],
    z.ZodNumber
  >,
);

/** A month: every day with its counts by status and its first few obligations. */
export const CalendarMonth = z.object({
  month: z.string(),
  today: z.string(),
  days: z.array(
    z.object({
      date: z.string(),
      total: z.number().int(),
      counts: StatusCounts,
      items: z.array(ObligationItem),
    }),
  ),
});

export const RecordEvidenceBody = z.object({
  occurredOn: IsoDate,
  note: optionalText(2000),
});
export const ReviewBody = z.object({
  decision: z.enum(['accept', 'return']),
  comment: optionalText(500),
});
export const WaiveBody = z.object({ reason: text(200) });

/** The secret feed URL, shown once. */
export const CalendarFeedCreated = z.object({ url: z.string(), createdAt: z.string() });
export const CalendarFeedState = z.object({ active: z.boolean(), createdAt: z.string().nullable() });
/** The feed token in the URL; a malformed one answers 404 like an unknown one. */
export const FeedParams = z.object({ token: z.string().max(200) });

/** An evidence file of an obligation. */
export const EvidenceFileParams = z.object({ id: z.uuid(), evidenceId: z.uuid() });
