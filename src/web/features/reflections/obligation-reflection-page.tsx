import { Empty, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApiError, api } from '../../app/api-client';
import { useSession } from '../../app/session';
import { errorText } from '../../shared/errors';
import { type ReflectionListData, startReflection } from './reflections-api';

/**
 * The link from an obligation to its reflection: the reserve's own opens (or starts) it; HR finds it
 * among the reflections in its scope.
 */
export function ObligationReflectionPage() {
  const { t } = useTranslation();
  const { obligationId } = useParams();
  const navigate = useNavigate();
  const session = useSession();
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const found = session.permissions.includes('reflections.read')
          ? (await api<ReflectionListData>('/reflections', { query: { obligationId, state: undefined } }))
              .items[0]
          : undefined;
        const id = found?.id ?? (await startReflection(obligationId!)).id;
        if (!cancelled) navigate(`/reflections/${id}`, { replace: true });
      } catch (error) {
        if (!cancelled)
          setProblem(
            error instanceof ApiError && (error.status === 404 || error.status === 409)
              ? t('refl.notStarted')
              : errorText(error),
          );
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [obligationId, navigate, session.permissions, t]);
  return problem ? <Empty description={problem} /> : <Spin />;
}
