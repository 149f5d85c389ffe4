import { useQuery } from '@tanstack/react-query';
import type { Unit } from '../../contracts/units';
import { api } from '../app/api-client';

export type UnitNode = Unit & { children: UnitNode[] };

/** Query key prefix of everything about units. */
export const UNITS_KEY = ['units'] as const;

/** GET /api/units: the units the user may see, flat, in tree order. */
export function useUnits(includeInactive = false) {
  return useQuery({
    queryKey: [...UNITS_KEY, 'list', includeInactive],
    queryFn: () => api<Unit[]>('/units', { query: { includeInactive } }),
  });
}

/**
 * Builds the tree on the client. A user granted only a branch sees that branch's units without
 * their parents, so a root is any unit whose parent is not in the list.
 */
export function buildUnitTree(units: readonly Unit[]): UnitNode[] {
  const nodes = new Map<string, UnitNode>();
  for (const unit of units) nodes.set(unit.id, { ...unit, children: [] });
  const roots: UnitNode[] = [];
  for (const unit of units) {
    const node = nodes.get(unit.id)!;
    const parent = unit.parentId ? nodes.get(unit.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

export type UnitTreeOption = {
  value: string;
  title: string;
  disabled?: boolean;
  children: UnitTreeOption[];
};

/** TreeSelect data; `disable` greys out units that may not be chosen (e.g. a unit's own subtree). */
export function toTreeOptions(
  nodes: readonly UnitNode[],
  disable?: (unit: UnitNode) => boolean,
  inactiveSuffix = '',
): UnitTreeOption[] {
  return nodes.map((node) => {
    const disabled = disable?.(node) ?? false;
    return {
      value: node.id,
      title: node.active ? node.name : `${node.name}${inactiveSuffix}`,
      disabled,
      // Everything below a disabled unit is disabled too (moving under one's own subtree).
      children: toTreeOptions(node.children, disabled ? () => true : disable, inactiveSuffix),
    };
  });
}
