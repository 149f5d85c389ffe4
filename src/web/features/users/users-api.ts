import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CreatedUser, CreateUserBody, UserOut, UsersList } from '../../../contracts/users';
import type { Role } from '../../../core/access/roles';
import { api } from '../../app/api-client';

export type UserData = z.infer<typeof UserOut>;
export type UsersFilters = {
  q?: string;
  role?: Role;
  status?: 'active' | 'inactive' | 'all';
  page: number;
  pageSize: number;
};

export const USERS_KEY = ['users'] as const;

/** One page of user accounts. */
export function useUsers(filters: UsersFilters) {
  return useQuery({
    queryKey: [...USERS_KEY, 'list', filters],
    queryFn: () => api<z.infer<typeof UsersList>>('/users', { query: filters }),
    placeholderData: keepPreviousData,
  });
}

export const createUser = (body: z.input<typeof CreateUserBody>) =>
  api<z.infer<typeof CreatedUser>>('/users', { method: 'POST', body });

export const setUserActive = (user: UserData, active: boolean) =>
  api<UserData>(`/users/${user.id}/active`, { method: 'POST', body: { version: user.version, active } });

export const resetPassword = (id: string) =>
  api<{ oneTimePassword: string }>(`/users/${id}/reset-password`, { method: 'POST', body: {} });

export const addGrant = (id: string, role: Role, unitId: string) =>
  api<UserData>(`/users/${id}/grants`, { method: 'POST', body: { role, unitId } });

export const removeGrant = (id: string, grantId: string) =>
  api<UserData>(`/users/${id}/grants/${grantId}`, { method: 'DELETE' });
