/** Kinds of org unit (SPEC §2.1), with their display names. */
export const UNIT_TYPES = [
  'company',
  'city_branch',
  'department',
  'county_branch',
  'township_branch',
  'team',
  'other',
] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

export const UNIT_TYPE_LABELS: Record<UnitType, { zh: string; en: string }> = {
  company: { zh: '公司', en: 'Company' },
  city_branch: { zh: '市分公司', en: 'City branch' },
  department: { zh: '部门', en: 'Department' },
  county_branch: { zh: '县(区)分公司', en: 'County branch' },
  township_branch: { zh: '乡镇支局', en: 'Township branch' },
  team: { zh: '班组', en: 'Team' },
  other: { zh: '其他', en: 'Other' },
};

/** The materialised path of a unit under a parent path (`/` for a root). */
export function childPath(parentPath: string | null, unitId: string): string {
  return `${parentPath ?? '/'}${unitId}/`;
}

/** Whether moving a unit under a new parent would put it inside its own subtree. */
export function wouldCreateCycle(unitPath: string, newParentPath: string): boolean {
  return newParentPath.startsWith(unitPath);
}
