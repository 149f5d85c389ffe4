import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  DecideBody,
  EligibilityCheckOut,
  NominateBody,
  PoolList,
  ReserveDetail,
  ReserveItem,
  TransitionBody,
} from '../../../contracts/reserves';
import type { ReserveState } from '../../../core/programme/pool';
import { api } from '../../app/api-client';

export type ReserveItemData = z.infer<typeof ReserveItem>;
export type ReserveDetailData = z.infer<typeof ReserveDetail>;
export type EligibilityResult = z.infer<typeof EligibilityCheckOut>;
export type NominateData = z.input<typeof NominateBody>;
export type DecideData = z.input<typeof DecideBody>;
export type TransitionData = z.input<typeof TransitionBody>;

/** The pool filters, as the query string of GET /api/pool. */
export type PoolFilters = {
  q?: string;
  state?: ReserveState;
  unitId?: string;
  programmeId?: string;
  tier?: string;
  cohortYear?: number;
  page?: number;
  pageSize?: number;
};

export const POOL_KEY = ['pool'] as const;

export function usePool(filters: PoolFilters) {
  return useQuery({
    queryKey: [...POOL_KEY, 'list', filters],
    queryFn: () => api<z.infer<typeof PoolList>>('/pool', { query: filters }),
    placeholderData: keepPreviousData,
  });
}

export function useReserve(id: string | undefined) {
  return useQuery({
    queryKey: [...POOL_KEY, 'detail', id],
    queryFn: () => api<ReserveDetailData>(`/pool/${id}`),
    enabled: !!id,
  });
}

export const checkEligibility = (programmeId: string, personIds: string[]) =>
  api<EligibilityResult>('/pool/eligibility', { method: 'POST', body: { programmeId, personIds } });

export const nominate = (body: NominateData) =>
  api<ReserveItemData[]>('/pool/nominations', { method: 'POST', body });

export const decide = (body: DecideData) =>
  api<ReserveItemData[]>('/pool/decisions', { method: 'POST', body });

export const transition = (id: string, body: TransitionData) =>
  api<ReserveItemData>(`/pool/${id}/transition`, { method: 'POST', body });
