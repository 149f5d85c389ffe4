import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AssessmentBody,
  AssessmentDetail,
  AssessmentList,
  ScalesOut,
  UpdateAssessmentBody,
} from '../../../contracts/assessments';
import type {
  AssignBody,
  CheckPairingOut,
  DirectionItem,
  MenteesOut,
  MentorsList,
  MyMentorsOut,
  ReserveMentorsDetail,
  SettingsBody,
  SettingsOut,
} from '../../../contracts/mentors';
import type { CandidateList } from '../../../contracts/rewards';
import { api, type QueryValue } from '../../app/api-client';

export type MentorsListData = z.infer<typeof MentorsList>;
export type ReserveMentorsData = MentorsListData['items'][number];
export type ReserveMentorsDetailData = z.infer<typeof ReserveMentorsDetail>;
export type AssignmentData = NonNullable<ReserveMentorsData['unitHead']>;
export type AssessmentListData = z.infer<typeof AssessmentList>;
export type AssessmentDetailData = z.infer<typeof AssessmentDetail>;
export type MenteeData = z.infer<typeof MenteesOut>['items'][number];
export type MyMentorsData = z.infer<typeof MyMentorsOut>;
export type CandidateListData = z.infer<typeof CandidateList>;
export type CandidateData = CandidateListData['items'][number];
export type DirectionData = z.infer<typeof DirectionItem>;
export type SettingsData = z.infer<typeof SettingsOut>;

/** Every mentor query starts with this key (assignments change obligations, and the reward). */
export const MENTORS_KEY = ['mentors'] as const;

function useList<T>(path: string, key: string, query: Record<string, QueryValue>, enabled: boolean) {
  return useQuery({
    queryKey: [...MENTORS_KEY, key, query],
    queryFn: () => api<T>(path, { query }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useReserveMentorsList(query: Record<string, QueryValue>, enabled = true) {
  return useList<MentorsListData>('/mentors/reserves', 'reserves', query, enabled);
}
export function useAssessments(query: Record<string, QueryValue>, enabled = true) {
  return useList<AssessmentListData>('/assessments', 'assessments', query, enabled);
}
export function useCandidates(query: Record<string, QueryValue>, enabled = true) {
  return useList<CandidateListData>('/rewards/candidates', 'rewards', query, enabled);
}

export function useReserveMentors(id: string | undefined) {
  return useQuery({
    queryKey: [...MENTORS_KEY, 'reserve', id],
    queryFn: () => api<ReserveMentorsDetailData>(`/mentors/reserves/${id}`),
    enabled: !!id,
  });
}

export function useAssessment(id: string | undefined) {
  return useQuery({
    queryKey: [...MENTORS_KEY, 'assessment', id],
    queryFn: () => api<AssessmentDetailData>(`/assessments/${id}`),
    enabled: !!id,
  });
}

export function useScales(reserveId: string | undefined) {
  return useQuery({
    queryKey: [...MENTORS_KEY, 'scales', reserveId],
    queryFn: () => api<z.infer<typeof ScalesOut>>('/assessments/scales', { query: { reserveId } }),
    enabled: !!reserveId,
  });
}

export function useMentees(year?: number) {
  return useQuery({
    queryKey: [...MENTORS_KEY, 'mentees', year],
    queryFn: () => api<z.infer<typeof MenteesOut>>('/my/mentees', { query: { year } }),
  });
}

export function useMyMentors() {
  return useQuery({ queryKey: [...MENTORS_KEY, 'mine'], queryFn: () => api<MyMentorsData>('/my/mentors') });
}

export function useDirections(enabled = true) {
  return useQuery({
    queryKey: [...MENTORS_KEY, 'directions'],
    queryFn: () => api<DirectionData[]>('/mentors/directions'),
    enabled,
  });
}

export function useSettings(programmeId: string | undefined) {
  return useQuery({
    queryKey: [...MENTORS_KEY, 'settings', programmeId],
    queryFn: () => api<SettingsData>('/mentors/settings', { query: { programmeId } }),
    enabled: !!programmeId,
  });
}

export const checkPairing = (reserveId: string, slot: string, mentorPersonId: string) =>
  api<z.infer<typeof CheckPairingOut>>(`/mentors/reserves/${reserveId}/check`, {
    method: 'POST',
    body: { slot, mentorPersonId },
  });
export const assignMentor = (reserveId: string, body: z.input<typeof AssignBody>) =>
  api<ReserveMentorsDetailData>(`/mentors/reserves/${reserveId}/assignments`, { method: 'PUT', body });
export const endMentor = (assignmentId: string, body: { endOn: string; reason: string }) =>
  api<ReserveMentorsDetailData>(`/mentors/assignments/${assignmentId}/end`, { method: 'POST', body });
export const setDirectionUnits = (direction: string, unitIds: string[]) =>
  api<DirectionData[]>('/mentors/directions', { method: 'PUT', body: { direction, unitIds } });
export const saveSettings = (body: z.input<typeof SettingsBody>) =>
  api<SettingsData>('/mentors/settings', { method: 'PUT', body });
export const setReserveDirection = (reserveId: string, version: number, direction: string | null) =>
  api(`/pool/${reserveId}`, { method: 'PATCH', body: { version, direction } });

export const createAssessment = (body: z.input<typeof AssessmentBody>) =>
  api<AssessmentDetailData>('/assessments', { method: 'POST', body });
export const updateAssessment = (id: string, body: z.input<typeof UpdateAssessmentBody>) =>
  api<AssessmentDetailData>(`/assessments/${id}`, { method: 'PATCH', body });
export const deleteAssessment = (id: string) => api(`/assessments/${id}`, { method: 'DELETE' });
export const fileAssessment = (id: string, comment: string | null) =>
  api<AssessmentDetailData>(`/assessments/${id}/file`, { method: 'POST', body: { comment } });
export const returnAssessment = (id: string, comment: string) =>
  api<AssessmentDetailData>(`/assessments/${id}/return`, { method: 'POST', body: { comment } });

export const endorseMentor = (body: {
  reserveId: string;
  mentorPersonId: string;
  endorsed: boolean;
  comment?: string | null;
}) => api<MyMentorsData>('/my/endorsements', { method: 'POST', body });
export const approveRewards = (pairs: { reserveId: string; mentorPersonId: string }[]) =>
  api<{ approved: number }>('/rewards/approvals', { method: 'POST', body: { pairs } });
export const revokeReward = (id: string, version: number, reason: string) =>
  api(`/rewards/${id}/revoke`, { method: 'POST', body: { version, reason } });
export const markPaid = (rewardIds: string[], paidOn: string) =>
  api<{ paid: number }>('/rewards/paid', { method: 'POST', body: { rewardIds, paidOn } });
