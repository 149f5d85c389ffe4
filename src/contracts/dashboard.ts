import { z } from 'zod';
import { ObligationItem } from './obligations.js';

/** One programme's line on the dashboard: its pool and this year's obligations so far. */
export const DashboardProgramme = z.object({
  programmeId: z.uuid(),
  name: z.string(),
  tier: z.string(),
  active: z.number().int(),
  nominated: z.number().int(),
  /** Obligations of this cycle year due by today, and of those done (fulfilled or waived). */
  due: z.number().int(),
  doneDue: z.number().int(),
  overdue: z.number().int(),
  submitted: z.number().int(),
  /** doneDue ÷ due in per cent, one decimal; null while nothing is due yet. */
  percent: z.number().nullable(),
});

/** 工作台: what HR and the leadership look at first, for the caller's scope. */
export const Dashboard = z.object({
  today: z.string(),
  year: z.number().int(),
  totals: z.object({
    active: z.number().int(),
    nominated: z.number().int(),
    overdue: z.number().int(),
    dueSoon: z.number().int(),
    submitted: z.number().int(),
    percent: z.number().nullable(),
  }),
  programmes: z.array(DashboardProgramme),
  /** The five longest overdue and the five next due (of the due-soon window), for a first look. */
  overdue: z.array(ObligationItem),
  dueSoon: z.array(ObligationItem),
});
export type Dashboard = z.infer<typeof Dashboard>;
