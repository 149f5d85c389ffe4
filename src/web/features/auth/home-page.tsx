import { Navigate } from 'react-router';
import { useSession } from '../../app/session';

/**
 * `/`: HR and the leadership land on the dashboard (工作台); everyone else — reserves, mentors,
 * unit heads who only read the unit tree — on their own tasks (我的培养任务).
 */
export function HomePage() {
  const session = useSession();
  const landing = session.permissions.includes('obligations.read') ? '/dashboard' : '/my/tasks';
  return <Navigate to={landing} replace />;
}
