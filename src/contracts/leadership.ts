import { z } from 'zod';
import { IsoDate, optionalText, PageQuery, paged } from './common.js';

/** One 分管 relation: a leadership member in charge of a unit (and its subtree). */
export const ChargeItem = z.object({
  id: z.uuid(),
  leaderPersonId: z.uuid(),
  leaderName: z.string(),
  leaderEmployeeNo: z.string(),
  leaderPost: z.string().nullable(),
  unitId: z.uuid(),
  unitName: z.string(),
  startOn: z.string(),
  endOn: z.string().nullable(),
  note: z.string().nullable(),
  actions: z.object({ end: z.boolean() }),
});

export const ChargeQuery = PageQuery.extend({
  leaderPersonId: z.uuid().optional(),
  unitId: z.uuid().optional(),
  includeEnded: z.enum(['true', 'false']).optional(),
});
export const ChargeList = paged(ChargeItem);

export const CreateChargesBody = z.object({
  leaderPersonId: z.uuid(),
  unitIds: z.array(z.uuid()).min(1, '请选择分管单位 / choose the units').max(100),
  startOn: IsoDate,
  note: optionalText(200),
});

export const EndChargeBody = z.object({ endOn: IsoDate });
