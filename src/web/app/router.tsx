import { type ComponentType, type LazyExoticComponent, lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import type { Permission } from '../../core/access/roles';
import { PageLoading, RequirePermission, RequireSession } from './guards';

// One chunk per page, so the sign-in page loads only what it needs.
const LoginPage = lazy(() => import('../features/auth/login-page').then((m) => ({ default: m.LoginPage })));
const ChangePasswordPage = lazy(() =>
  import('../features/auth/change-password-page').then((m) => ({ default: m.ChangePasswordPage })),
);
const AppLayout = lazy(() => import('./layout').then((m) => ({ default: m.AppLayout })));
const HomePage = lazy(() => import('../features/auth/home-page').then((m) => ({ default: m.HomePage })));
const MyInfoPage = lazy(() =>
  import('../features/auth/my-info-page').then((m) => ({ default: m.MyInfoPage })),
);
const PeoplePage = lazy(() =>
  import('../features/people/people-page').then((m) => ({ default: m.PeoplePage })),
);
const PersonPage = lazy(() =>
  import('../features/people/person-page').then((m) => ({ default: m.PersonPage })),
);
const UnitsPage = lazy(() => import('../features/units/units-page').then((m) => ({ default: m.UnitsPage })));
const ProgrammesPage = lazy(() =>
  import('../features/programmes/programmes-page').then((m) => ({ default: m.ProgrammesPage })),
);
const ProgrammePage = lazy(() =>
  import('../features/programmes/programme-page').then((m) => ({ default: m.ProgrammePage })),
);
const PoolPage = lazy(() => import('../features/pool/pool-page').then((m) => ({ default: m.PoolPage })));
const DashboardPage = lazy(() =>
  import('../features/dashboard/dashboard-page').then((m) => ({ default: m.DashboardPage })),
);
const CompliancePage = lazy(() =>
  import('../features/compliance/compliance-page').then((m) => ({ default: m.CompliancePage })),
);
const MyTasksPage = lazy(() =>
  import('../features/my/my-tasks-page').then((m) => ({ default: m.MyTasksPage })),
);
const MyReflectionsPage = lazy(() =>
  import('../features/reflections/my-reflections-page').then((m) => ({ default: m.MyReflectionsPage })),
);
const ReflectionQueuePage = lazy(() =>
  import('../features/reflections/reflection-queue-page').then((m) => ({ default: m.ReflectionQueuePage })),
);
const ReflectionPage = lazy(() =>
  import('../features/reflections/reflection-page').then((m) => ({ default: m.ReflectionPage })),
);
const ObligationReflectionPage = lazy(() =>
  import('../features/reflections/obligation-reflection-page').then((m) => ({
    default: m.ObligationReflectionPage,
  })),
);
const TalksPage = lazy(() => import('../features/talks/talks-page').then((m) => ({ default: m.TalksPage })));
const MentorsPage = lazy(() =>
  import('../features/mentors/mentors-page').then((m) => ({ default: m.MentorsPage })),
);
const MyMentoringPage = lazy(() =>
  import('../features/mentors/my-mentoring-page').then((m) => ({ default: m.MyMentoringPage })),
);
const CoursesPage = lazy(() =>
  import('../features/courses/courses-page').then((m) => ({ default: m.CoursesPage })),
);
const MyCoursesPage = lazy(() =>
  import('../features/courses/my-courses-page').then((m) => ({ default: m.MyCoursesPage })),
);
const TrainingPage = lazy(() =>
  import('../features/training/training-page').then((m) => ({ default: m.TrainingPage })),
);
const EventPage = lazy(() =>
  import('../features/training/event-page').then((m) => ({ default: m.EventPage })),
);
const MyLearningPage = lazy(() =>
  import('../features/training/my-learning-page').then((m) => ({ default: m.MyLearningPage })),
);
const UsersPage = lazy(() => import('../features/users/users-page').then((m) => ({ default: m.UsersPage })));
const AuditPage = lazy(() => import('../features/audit/audit-page').then((m) => ({ default: m.AuditPage })));
const NotFoundPage = lazy(() => import('./not-found-page').then((m) => ({ default: m.NotFoundPage })));

function page(Component: LazyExoticComponent<ComponentType>, permission?: Permission) {
  const element = (
    <Suspense fallback={<PageLoading />}>
      <Component />
    </Suspense>
  );
  return permission ? <RequirePermission permission={permission}>{element}</RequirePermission> : element;
}

/** The routes of the SPA. */
export const router = createBrowserRouter([
  { path: '/login', element: page(LoginPage) },
  {
    path: '/change-password',
    element: <RequireSession passwordChange>{page(ChangePasswordPage)}</RequireSession>,
  },
  {
    path: '/',
    element: <RequireSession>{page(AppLayout)}</RequireSession>,
    children: [
      { index: true, element: page(HomePage) },
      { path: 'me', element: page(MyInfoPage) },
      { path: 'people', element: page(PeoplePage, 'people.read') },
      { path: 'people/new', element: page(PersonPage, 'people.write') },
      { path: 'people/:id', element: page(PersonPage, 'people.read') },
      { path: 'units', element: page(UnitsPage, 'units.read') },
      { path: 'programmes', element: page(ProgrammesPage, 'programmes.read') },
      { path: 'programmes/:id', element: page(ProgrammePage, 'programmes.read') },
      { path: 'pool', element: page(PoolPage, 'pool.read') },
      { path: 'dashboard', element: page(DashboardPage, 'obligations.read') },
      { path: 'compliance', element: page(CompliancePage, 'obligations.read') },
      { path: 'my/tasks', element: page(MyTasksPage) },
      { path: 'my/reflections', element: page(MyReflectionsPage) },
      { path: 'reflections', element: page(ReflectionQueuePage, 'reflections.read') },
      { path: 'reflections/obligation/:obligationId', element: page(ObligationReflectionPage) },
      // Authors, mentors and HR alike: the server answers 404 for anyone else.
      { path: 'reflections/:id', element: page(ReflectionPage) },
      { path: 'talks', element: page(TalksPage, 'talks.read') },
      { path: 'mentors', element: page(MentorsPage, 'pool.read') },
      { path: 'my/mentoring', element: page(MyMentoringPage) },
      { path: 'courses', element: page(CoursesPage, 'learning.read') },
      { path: 'my/courses', element: page(MyCoursesPage) },
      { path: 'training', element: page(TrainingPage, 'learning.read') },
      { path: 'training/:id', element: page(EventPage, 'learning.read') },
      { path: 'my/learning', element: page(MyLearningPage) },
      { path: 'users', element: page(UsersPage, 'users.read') },
      { path: 'audit', element: page(AuditPage, 'audit.read') },
      { path: 'home', element: <Navigate to="/" replace /> },
      { path: '*', element: page(NotFoundPage) },
    ],
  },
]);
