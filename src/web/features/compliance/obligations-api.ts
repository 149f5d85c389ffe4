import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CalendarFeedCreated,
  CalendarFeedState,
  CalendarMonth,
  ComplianceMatrix,
  ObligationDetail,
  ObligationItem,
  ObligationList,
  StatusFilter,
} from '../../../contracts/obligations';
import { api, type QueryValue } from '../../app/api-client';

export type ObligationData = ObligationItem;
export type ObligationListData = z.infer<typeof ObligationList>;
export type ObligationDetailData = z.infer<typeof ObligationDetail>;
export type MatrixData = z.infer<typeof ComplianceMatrix>;
export type CalendarData = z.infer<typeof CalendarMonth>;
export type FeedState = z.infer<typeof CalendarFeedState>;
export type FeedCreated = z.infer<typeof CalendarFeedCreated>;
export type { StatusFilter };

/** Every query about obligations starts with this key, so one write refreshes all views. */
export const OBLIGATIONS_KEY = ['obligations'] as const;

/** One page of any obligation list (`/my/obligations`, `/compliance/overdue` …). */
export function useObligationList(path: string, query: Record<string, QueryValue>, enabled = true) {
  return useQuery({
    queryKey: [...OBLIGATIONS_KEY, path, query],
    queryFn: () => api<ObligationListData>(path, { query }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useMatrix(query: { programmeId?: string; year?: number; unitId?: string }) {
  return useQuery({
    queryKey: [...OBLIGATIONS_KEY, 'matrix', query],
    queryFn: () => api<MatrixData>('/compliance/matrix', { query }),
    enabled: !!query.programmeId,
    placeholderData: keepPreviousData,
  });
}

export function useCalendar(path: string, query: Record<string, QueryValue>) {
  return useQuery({
    queryKey: [...OBLIGATIONS_KEY, 'calendar', path, query],
    queryFn: () => api<CalendarData>(path, { query }),
    placeholderData: keepPreviousData,
  });
}

/** Records evidence; with a file it goes as a form (the server checks the file's content). */
export const recordEvidence = (
  id: string,
  body: { occurredOn: string; note?: string | null },
  file?: File | null,
) => {
  if (!file) return api<ObligationDetailData>(`/obligations/${id}/evidence`, { method: 'POST', body });
  const form = new FormData();
  form.append('occurredOn', body.occurredOn);
  if (body.note) form.append('note', body.note);
  form.append('file', file);
  return api<ObligationDetailData>(`/obligations/${id}/evidence/upload`, { method: 'POST', form });
};

export const reviewObligation = (
  id: string,
  body: { decision: 'accept' | 'return'; comment?: string | null },
) => api<ObligationDetailData>(`/obligations/${id}/review`, { method: 'POST', body });

export const waiveObligation = (id: string, reason: string) =>
  api<ObligationDetailData>(`/obligations/${id}/waive`, { method: 'POST', body: { reason } });

export function useFeedState() {
  return useQuery({ queryKey: ['calendar-feed'], queryFn: () => api<FeedState>('/my/calendar-feed') });
}

export const createFeed = () => api<FeedCreated>('/my/calendar-feed', { method: 'POST' });
export const revokeFeed = () => api<unknown>('/my/calendar-feed', { method: 'DELETE' });

/** One obligation with its evidence (the detail drawer). */
export function useObligationDetail(id: string | null) {
  return useQuery({
    queryKey: [...OBLIGATIONS_KEY, 'detail', id],
    queryFn: () => api<ObligationDetailData>(`/obligations/${id}`),
    enabled: !!id,
  });
}
