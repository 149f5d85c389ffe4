import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  MyReflectionTasks,
  ReflectionDetail,
  ReflectionList,
  ReflectionQueueQuery,
  ReflectionSettingsOut,
} from '../../../contracts/reflections';
import { api, type QueryValue } from '../../app/api-client';

export type ReflectionData = ReflectionDetail;
export type TasksData = z.infer<typeof MyReflectionTasks>;
export type ReflectionListData = z.infer<typeof ReflectionList>;
export type SettingsData = z.infer<typeof ReflectionSettingsOut>;
export type QueueFilters = Partial<Omit<ReflectionQueueQuery, 'page' | 'pageSize'>> & {
  page?: number;
  pageSize?: number;
};

/** Every reflection query starts with this key, so a write refreshes every view. */
export const REFLECTIONS_KEY = ['reflections'] as const;

export function useMyReflectionTasks() {
  return useQuery({
    queryKey: [...REFLECTIONS_KEY, 'mine'],
    queryFn: () => api<TasksData>('/my/reflections'),
  });
}

export function useReflectionList(path: string, query: Record<string, QueryValue>) {
  return useQuery({
    queryKey: [...REFLECTIONS_KEY, path, query],
    queryFn: () => api<ReflectionListData>(path, { query }),
    placeholderData: keepPreviousData,
  });
}

export function useReflection(id: string | undefined) {
  return useQuery({
    queryKey: [...REFLECTIONS_KEY, 'detail', id],
    queryFn: () => api<ReflectionData>(`/reflections/${id}`),
    enabled: !!id,
  });
}

export function useReflectionSettings(programmeId: string | undefined) {
  return useQuery({
    queryKey: [...REFLECTIONS_KEY, 'settings', programmeId],
    queryFn: () => api<SettingsData>(`/programmes/${programmeId}/reflection-settings`),
    enabled: !!programmeId,
  });
}

export const startReflection = (obligationId: string) =>
  api<ReflectionData>('/my/reflections', { method: 'POST', body: { obligationId } });

export const saveDraft = (id: string, body: { text: string; title: string; version: number }) =>
  api<{ version: number; chars: number; savedAt: string }>(`/reflections/${id}/draft`, {
    method: 'PUT',
    body,
  });

export const submitReflection = (id: string, body: { text: string; title: string; version: number }) =>
  api<ReflectionData>(`/reflections/${id}/submit`, { method: 'POST', body });

export function uploadReflection(id: string, version: number, file: File) {
  const form = new FormData();
  form.append('version', String(version));
  form.append('file', file);
  return api<ReflectionData>(`/reflections/${id}/upload`, { method: 'POST', form });
}

export const acceptReflection = (id: string, version: number, comment: string | null) =>
  api<ReflectionData>(`/reflections/${id}/accept`, { method: 'POST', body: { version, comment } });

export const returnReflection = (id: string, version: number, comment: string) =>
  api<ReflectionData>(`/reflections/${id}/return`, { method: 'POST', body: { version, comment } });

export const recheckReflection = (id: string) =>
  api<ReflectionData>(`/reflections/${id}/recheck`, { method: 'POST' });

export const saveSettings = (
  programmeId: string,
  body: { thresholdPercent: number; flagOwnReuse: boolean; version: number },
) => api<SettingsData>(`/programmes/${programmeId}/reflection-settings`, { method: 'PUT', body });
