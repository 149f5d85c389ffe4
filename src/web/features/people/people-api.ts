import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { PeopleList, PersonDetail, PersonFields, PersonListItem } from '../../../contracts/people';
import { api } from '../../app/api-client';

export type PersonListItemData = z.infer<typeof PersonListItem>;
export type PersonDetailData = z.infer<typeof PersonDetail>;
export type PersonBody = z.input<typeof PersonFields>;
export type PeopleListData = z.infer<typeof PeopleList>;

/** The list filters, exactly as the query string of GET /api/people and /api/people/export. */
export type PeopleFilters = {
  q?: string;
  unitId?: string;
  gender?: string;
  politicalStatus?: string;
  education?: string;
  middleManager?: 'true' | 'false';
  status?: 'active' | 'inactive' | 'all';
  sort?: 'employeeNo' | 'name' | 'birthDate' | 'unit' | 'workStartDate';
  order?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
};

export const PEOPLE_KEY = ['people'] as const;

/** One page of the roster; the previous page stays on screen while the next loads. */
export function usePeople(filters: PeopleFilters) {
  return useQuery({
    queryKey: [...PEOPLE_KEY, 'list', filters],
    queryFn: () => api<PeopleListData>('/people', { query: filters }),
    placeholderData: keepPreviousData,
  });
}

/** One person's registration form. */
export function usePerson(id: string | undefined) {
  return useQuery({
    queryKey: [...PEOPLE_KEY, 'detail', id],
    queryFn: () => api<PersonDetailData>(`/people/${id}`),
    enabled: !!id,
  });
}

export const createPerson = (body: PersonBody) => api<PersonDetailData>('/people', { method: 'POST', body });

export const updatePerson = (id: string, body: Partial<PersonBody> & { version: number; active?: boolean }) =>
  api<PersonDetailData>(`/people/${id}`, { method: 'PATCH', body });

/** The full ID number; the server records every such view in the audit log. */
export const fetchIdNumber = (id: string) => api<{ idNumber: string | null }>(`/people/${id}/id-number`);

export const uploadPhoto = (id: string, file: File) => {
  const form = new FormData();
  form.append('file', file);
  return api<unknown>(`/people/${id}/photo`, { method: 'PUT', form });
};
