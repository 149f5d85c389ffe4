import { z } from 'zod';
import { Eligibility } from '../core/programme/eligibility.js';
import { RuleSet } from '../core/programme/rule.js';
import { text } from './common.js';

const RulesOut = z.array(z.record(z.string(), z.unknown()));

export const ProgrammeOut = z.object({
  id: z.uuid(),
  name: z.string(),
  tier: z.string(),
  unitId: z.uuid(),
  unitName: z.string(),
  cycleYears: z.number().int(),
  timeZone: z.string(),
  dueSoonDays: z.number().int(),
  eligibility: z.record(z.string(), z.unknown()),
  active: z.boolean(),
  version: z.number().int(),
  current: z
    .object({ id: z.uuid(), number: z.number().int(), publishedAt: z.string().nullable(), rules: RulesOut })
    .nullable(),
  draft: z.object({ id: z.uuid(), number: z.number().int(), rules: RulesOut }).nullable(),
  activeReserves: z.number().int(),
  actions: z.object({ manage: z.boolean() }),
});

export const CreateProgrammeBody = z.object({
  name: text(100),
  tier: text(50),
  unitId: z.uuid(),
  cycleYears: z.number().int().min(1).max(3),
  timeZone: z.string().max(50).default('Asia/Shanghai'),
  dueSoonDays: z.number().int().min(0).max(90).default(14),
  /** Copy the rules and eligibility of this programme (七(五)); the default programme when absent. */
  copyFromProgrammeId: z.uuid().nullable().default(null),
  eligibility: Eligibility.optional(),
});

export const UpdateProgrammeBody = z.object({
  version: z.number().int(),
  name: text(100).optional(),
  tier: text(50).optional(),
  cycleYears: z.number().int().min(1).max(3).optional(),
  dueSoonDays: z.number().int().min(0).max(90).optional(),
  eligibility: Eligibility.optional(),
  active: z.boolean().optional(),
});

export const SaveDraftBody = z.object({ rules: RuleSet });

/** What publishing the draft would do, for the pool as it stands (nothing changes until published). */
export const PreviewOut = z.object({
  today: z.string(),
  totals: z.object({
    reserves: z.number().int(),
    added: z.number().int(),
    removed: z.number().int(),
    changed: z.number().int(),
    becomeOverdue: z.number().int(),
    becomeCompliant: z.number().int(),
  }),
  byUnit: z.array(
    z.object({
      unitId: z.uuid(),
      unitName: z.string(),
      added: z.number().int(),
      removed: z.number().int(),
      changed: z.number().int(),
      becomeOverdue: z.number().int(),
      becomeCompliant: z.number().int(),
      reserves: z.array(
        z.object({
          reserveId: z.uuid(),
          personName: z.string(),
          employeeNo: z.string(),
          added: z.number().int(),
          removed: z.number().int(),
          changed: z.number().int(),
          overdueBefore: z.boolean(),
          overdueAfter: z.boolean(),
          details: z.array(
            z.object({
              change: z.enum(['add', 'remove', 'change']),
              ruleKey: z.string(),
              periodKey: z.string(),
              dueBefore: z.string().nullable(),
              dueAfter: z.string().nullable(),
            }),
          ),
        }),
      ),
    }),
  ),
});
export type PreviewOut = z.infer<typeof PreviewOut>;
