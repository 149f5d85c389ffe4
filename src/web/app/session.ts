import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { SessionInfo } from '../../contracts/auth';
import type { Permission } from '../../core/access/roles';
import { ApiError, api, setCsrfToken } from './api-client';
import { applyLang } from './i18n';

export const SESSION_KEY = ['session'] as const;

/** GET /api/auth/session; `null` when nobody is signed in. */
export async function fetchSession(): Promise<SessionInfo | null> {
  try {
    const session = await api<SessionInfo>('/auth/session', { quietAuth: true });
    setCsrfToken(session.csrfToken);
    await applyLang(session.lang);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** The session query itself (loading, signed out or signed in). */
export function useSessionQuery() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 5 * 60_000, retry: false });
}

/** The signed-in session; only used below the guard that makes sure there is one. */
export function useSession(): SessionInfo {
  const { data } = useSessionQuery();
  if (!data) throw new Error('useSession outside a signed-in route');
  return data;
}

/** Whether the signed-in user holds a permission on at least one unit. */
export function useCan(): (permission: Permission) => boolean {
  const session = useSession();
  return (permission) => session.permissions.includes(permission);
}

/** Re-reads the session (after sign-in, password change, sign-out). */
export function useRefreshSession(): () => Promise<SessionInfo | null> {
  const client = useQueryClient();
  return () => client.fetchQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 0 });
}
