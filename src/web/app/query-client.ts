import { QueryClient } from '@tanstack/react-query';
import type { SessionInfo } from '../../contracts/auth';
import { ApiError, onAuthFailure, setCsrfToken } from './api-client';
import { SESSION_KEY } from './session';

/** One client for the whole app: 4xx answers are final, so only network and 5xx errors retry. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (count, error) =>
        count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
    },
  },
});

// The guard in the router watches the session query; changing it is enough to redirect.
onAuthFailure((kind) => {
  if (kind === 'unauthenticated') {
    setCsrfToken(null);
    queryClient.setQueryData(SESSION_KEY, null);
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
    return;
  }
  queryClient.setQueryData<SessionInfo | null>(SESSION_KEY, (old) =>
    old ? { ...old, user: { ...old.user, mustChangePassword: true } } : old,
  );
});
