import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CreateProgrammeBody,
  PreviewOut,
  ProgrammeOut,
  UpdateProgrammeBody,
} from '../../../contracts/programmes';
import type { Eligibility } from '../../../core/programme/eligibility';
import type { Rule } from '../../../core/programme/rule';
import { api } from '../../app/api-client';

export type ProgrammeData = z.infer<typeof ProgrammeOut>;
export type PreviewData = PreviewOut;
export type CreateProgramme = z.input<typeof CreateProgrammeBody>;
export type UpdateProgramme = z.input<typeof UpdateProgrammeBody>;

export const PROGRAMMES_KEY = ['programmes'] as const;

/** The rules of a version as the API returns them (records), read as rules. */
export function rulesOf(rules: Record<string, unknown>[] | undefined): Rule[] {
  return (rules ?? []) as Rule[];
}

/** The eligibility settings of a programme. */
export function eligibilityOf(programme: ProgrammeData): Eligibility {
  return programme.eligibility as Eligibility;
}

export function useProgrammes() {
  return useQuery({
    queryKey: [...PROGRAMMES_KEY, 'list'],
    queryFn: () => api<ProgrammeData[]>('/programmes'),
  });
}

export function useProgramme(id: string | undefined) {
  return useQuery({
    queryKey: [...PROGRAMMES_KEY, 'detail', id],
    queryFn: () => api<ProgrammeData>(`/programmes/${id}`),
    enabled: !!id,
  });
}

export const createProgramme = (body: CreateProgramme) =>
  api<ProgrammeData>('/programmes', { method: 'POST', body });

export const updateProgramme = (id: string, body: UpdateProgramme) =>
  api<ProgrammeData>(`/programmes/${id}`, { method: 'PATCH', body });

export const saveDraft = (id: string, rules: Rule[]) =>
  api<ProgrammeData>(`/programmes/${id}/draft`, { method: 'PUT', body: { rules } });

export const discardDraft = (id: string) =>
  api<ProgrammeData>(`/programmes/${id}/draft`, { method: 'DELETE' });

export const fetchPreview = (id: string) => api<PreviewData>(`/programmes/${id}/draft/preview`);

export const publishDraft = (id: string) =>
  api<ProgrammeData>(`/programmes/${id}/draft/publish`, { method: 'POST' });
