import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ChargeItem, ChargeList, CreateChargesBody } from '../../../contracts/leadership';
import type {
  CoverageList,
  OwedList,
  PreviousTalkOut,
  TalkableReserve,
  TalkBody,
  TalkDetail,
  TalkList,
  UpdateTalkBody,
} from '../../../contracts/talks';
import { api, type QueryValue } from '../../app/api-client';

export type TalkListData = z.infer<typeof TalkList>;
export type TalkItemData = TalkListData['items'][number];
export type TalkDetailData = z.infer<typeof TalkDetail>;
export type OwedListData = z.infer<typeof OwedList>;
export type OwedItemData = OwedListData['items'][number];
export type CoverageData = z.infer<typeof CoverageList>;
export type TalkableData = z.infer<typeof TalkableReserve>;
export type ChargeData = z.infer<typeof ChargeItem>;
export type TalkInput = z.input<typeof TalkBody>;

/** Every talk query starts with this key; obligations change with talks, so they are refreshed too. */
export const TALKS_KEY = ['talks'] as const;

export function useTalks(query: Record<string, QueryValue>, enabled = true) {
  return useQuery({
    queryKey: [...TALKS_KEY, 'list', query],
    queryFn: () => api<TalkListData>('/talks', { query }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useTalk(id: string | undefined) {
  return useQuery({
    queryKey: [...TALKS_KEY, 'detail', id],
    queryFn: () => api<TalkDetailData>(`/talks/${id}`),
    enabled: !!id,
  });
}

export function useOwed(query: Record<string, QueryValue>) {
  return useQuery({
    queryKey: [...TALKS_KEY, 'owed', query],
    queryFn: () => api<OwedListData>('/talks/owed', { query }),
    placeholderData: keepPreviousData,
  });
}

export function useCoverage(query: Record<string, QueryValue>) {
  return useQuery({
    queryKey: [...TALKS_KEY, 'coverage', query],
    queryFn: () => api<CoverageData>('/talks/coverage', { query }),
    placeholderData: keepPreviousData,
  });
}

export function useTalkable(q: string) {
  return useQuery({
    queryKey: [...TALKS_KEY, 'talkable', q],
    queryFn: () => api<TalkableData[]>('/talks/talkable', { query: { q } }),
    placeholderData: keepPreviousData,
  });
}

export function usePreviousTalk(reserveId: string | undefined, before: string | undefined) {
  return useQuery({
    queryKey: [...TALKS_KEY, 'previous', reserveId, before],
    queryFn: () => api<z.infer<typeof PreviousTalkOut>>('/talks/previous', { query: { reserveId, before } }),
    enabled: !!reserveId,
  });
}

export const createTalk = (body: TalkInput) => api<TalkDetailData>('/talks', { method: 'POST', body });
export const updateTalk = (id: string, body: z.input<typeof UpdateTalkBody>) =>
  api<TalkDetailData>(`/talks/${id}`, { method: 'PATCH', body });
export const deleteTalk = (id: string) => api<{ ok: true }>(`/talks/${id}`, { method: 'DELETE' });
export const confirmTalk = (id: string, comment: string | null) =>
  api<TalkDetailData>(`/talks/${id}/confirm`, { method: 'POST', body: { comment } });

export const CHARGES_KEY = ['charges'] as const;

export function useCharges(query: Record<string, QueryValue>) {
  return useQuery({
    queryKey: [...CHARGES_KEY, query],
    queryFn: () => api<z.infer<typeof ChargeList>>('/leadership/charges', { query }),
    placeholderData: keepPreviousData,
  });
}

export const createCharges = (body: z.input<typeof CreateChargesBody>) =>
  api<ChargeData[]>('/leadership/charges', { method: 'POST', body });
export const endCharge = (id: string, endOn: string) =>
  api<ChargeData>(`/leadership/charges/${id}/end`, { method: 'POST', body: { endOn } });
