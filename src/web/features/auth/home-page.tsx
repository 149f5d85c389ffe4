import { Navigate } from 'react-router';
import { MENU } from '../../app/layout';
import { useSession } from '../../app/session';

/** `/`: the first screen the user may use; reserves and mentors land on their tasks (我的培养任务). */
export function HomePage() {
  const session = useSession();
  const first = MENU.find((entry) => entry.permission && session.permissions.includes(entry.permission));
  return <Navigate to={first?.path ?? '/my/tasks'} replace />;
}
