import { useQuery } from '@tanstack/react-query';
import type { Dashboard } from '../../../contracts/dashboard';
import { api } from '../../app/api-client';
import { OBLIGATIONS_KEY } from '../compliance/obligations-api';

export type DashboardData = Dashboard;

/** 工作台 data; under the obligations key, so recording evidence anywhere refreshes it. */
export function useDashboard() {
  return useQuery({
    queryKey: [...OBLIGATIONS_KEY, 'dashboard'],
    queryFn: () => api<DashboardData>('/dashboard'),
  });
}
