import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AddParticipantsBody,
  AddParticipantsResult,
  AttendanceBody,
  Candidate,
  MyLearning,
  ParticipantList,
  ReadingPlanBody,
  ReadingPlanList,
  ReadingPlanResult,
  TrainingEventBody,
  TrainingEventDetail,
  TrainingEventList,
  UpdateReadingPlanBody,
  UpdateTrainingEventBody,
} from '../../../contracts/training';
import { api, type QueryValue } from '../../app/api-client';

export type EventListData = z.infer<typeof TrainingEventList>;
export type EventItemData = EventListData['items'][number];
export type EventDetailData = z.infer<typeof TrainingEventDetail>;
export type ParticipantListData = z.infer<typeof ParticipantList>;
export type ParticipantData = ParticipantListData['items'][number];
export type CandidateData = z.infer<typeof Candidate>;
export type PlanListData = z.infer<typeof ReadingPlanList>;
export type PlanData = PlanListData['items'][number];
export type PlanResult = z.infer<typeof ReadingPlanResult>;
export type MyLearningData = z.infer<typeof MyLearning>;

/** Every learning query starts with this key; writes refresh obligations' views too. */
export const LEARNING_KEY = ['learning'] as const;

export function useEvents(query: Record<string, QueryValue>) {
  return useQuery({
    queryKey: [...LEARNING_KEY, 'events', query],
    queryFn: () => api<EventListData>('/training/events', { query }),
    placeholderData: keepPreviousData,
  });
}

export function useEvent(id: string | undefined) {
  return useQuery({
    queryKey: [...LEARNING_KEY, 'event', id],
    queryFn: () => api<EventDetailData>(`/training/events/${id}`),
    enabled: !!id,
  });
}

export function useParticipants(id: string | undefined, query: Record<string, QueryValue>) {
  return useQuery({
    queryKey: [...LEARNING_KEY, 'participants', id, query],
    queryFn: () => api<ParticipantListData>(`/training/events/${id}/participants`, { query }),
    placeholderData: keepPreviousData,
    enabled: !!id,
  });
}

export function useCandidates(id: string, q: string, enabled: boolean) {
  return useQuery({
    queryKey: [...LEARNING_KEY, 'candidates', id, q],
    queryFn: () => api<CandidateData[]>(`/training/events/${id}/candidates`, { query: { q } }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function usePlans(query: Record<string, QueryValue>) {
  return useQuery({
    queryKey: [...LEARNING_KEY, 'plans', query],
    queryFn: () => api<PlanListData>('/reading-plans', { query }),
    placeholderData: keepPreviousData,
  });
}

export function useMyLearning(year: number) {
  return useQuery({
    queryKey: [...LEARNING_KEY, 'mine', year],
    queryFn: () => api<MyLearningData>('/my/learning', { query: { year } }),
  });
}

export const createEvent = (body: z.input<typeof TrainingEventBody>) =>
  api<EventDetailData>('/training/events', { method: 'POST', body });
export const updateEvent = (id: string, body: z.input<typeof UpdateTrainingEventBody>) =>
  api<EventDetailData>(`/training/events/${id}`, { method: 'PATCH', body });
export const deleteEvent = (id: string) => api<{ ok: true }>(`/training/events/${id}`, { method: 'DELETE' });
export const addParticipants = (id: string, body: z.input<typeof AddParticipantsBody>) =>
  api<z.infer<typeof AddParticipantsResult>>(`/training/events/${id}/participants`, { method: 'POST', body });
export const removeParticipants = (id: string, reserveIds: string[]) =>
  api<{ removed: number }>(`/training/events/${id}/participants/remove`, {
    method: 'POST',
    body: { reserveIds },
  });
export const saveAttendance = (id: string, body: z.input<typeof AttendanceBody>) =>
  api<{ ok: true }>(`/training/events/${id}/attendance`, { method: 'PUT', body });

export const createPlan = (body: z.input<typeof ReadingPlanBody>) =>
  api<PlanResult>('/reading-plans', { method: 'POST', body });
export const updatePlan = (id: string, body: z.input<typeof UpdateReadingPlanBody>) =>
  api<PlanResult>(`/reading-plans/${id}`, { method: 'PATCH', body });
export const publishPlan = (id: string, version: number, publish: boolean) =>
  api<PlanResult>(`/reading-plans/${id}/${publish ? 'publish' : 'unpublish'}`, {
    method: 'POST',
    body: { version },
  });
export const deletePlan = (id: string) => api<{ ok: true }>(`/reading-plans/${id}`, { method: 'DELETE' });
