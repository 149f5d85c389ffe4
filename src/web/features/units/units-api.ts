import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CreateUnitBody, Unit, UnitDetail, UpdateUnitBody } from '../../../contracts/units';
import { api } from '../../app/api-client';
import { UNITS_KEY } from '../../shared/units';

export type UnitDetailData = z.infer<typeof UnitDetail>;
export type UnitData = z.infer<typeof Unit>;

/** One unit with its path, head, deputies and counts. */
export function useUnitDetail(id: string | undefined) {
  return useQuery({
    queryKey: [...UNITS_KEY, 'detail', id],
    queryFn: () => api<UnitDetailData>(`/units/${id}`),
    enabled: !!id,
  });
}

export const createUnit = (body: z.input<typeof CreateUnitBody>) =>
  api<UnitData>('/units', { method: 'POST', body });

export const updateUnit = (id: string, body: z.input<typeof UpdateUnitBody>) =>
  api<UnitData>(`/units/${id}`, { method: 'PATCH', body });

export const moveUnit = (id: string, version: number, parentId: string) =>
  api<UnitData>(`/units/${id}/move`, { method: 'POST', body: { version, parentId } });

export const setUnitActive = (id: string, version: number, active: boolean) =>
  api<UnitData>(`/units/${id}/${active ? 'activate' : 'deactivate'}`, { method: 'POST', body: { version } });

export const setUnitLeaders = (
  id: string,
  body: { version: number; headPersonId: string | null; deputyPersonIds: string[] },
) => api<UnitData>(`/units/${id}/leaders`, { method: 'PUT', body });
