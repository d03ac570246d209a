import { lazy } from 'react';
import { Link, Route } from 'react-router-dom';
import type { Lang } from '../i18n';
import type { Role, Session } from '../session';
import { useWorkT, type WorkKey } from './messages';

// Each screen loads on demand, like the role pages.
const ReviewQueuePage = lazy(() => import('./ReviewQueuePage'));
const SpotChecksPage = lazy(() => import('./SpotChecksPage'));
const ExemptionsPage = lazy(() => import('./ExemptionsPage'));
const SealsPage = lazy(() => import('./SealsPage'));
const SelfStudyPlansPage = lazy(() => import('./SelfStudyPlansPage'));
const UnitCreditsPage = lazy(() => import('./UnitCreditsPage'));
const ExecutionReportPage = lazy(() => import('./ExecutionReportPage'));

/** The work screens of committees, employers and organizers: who sees each, where, and its name. */
export const workScreens: {
  role: Role;
  path: string;
  label: WorkKey;
  page: (session: Session | null) => JSX.Element;
}[] = [
  {
    role: 'committee',
    path: '/committee/reviews',
    label: 'reviews',
    page: () => <ReviewQueuePage />,
  },
  {
    role: 'committee',
    path: '/committee/spot-checks',
    label: 'spotChecks',
    page: () => <SpotChecksPage />,
  },
  {
    role: 'committee',
    path: '/committee/exemptions',
    label: 'exemptions',
    page: () => <ExemptionsPage />,
  },
  { role: 'committee', path: '/committee/seals', label: 'seals', page: () => <SealsPage /> },
  {
    role: 'employer',
    path: '/employer/plans',
    label: 'plans',
    page: (s) => <SelfStudyPlansPage session={s} />,
  },
  {
    role: 'employer',
    path: '/employer/credits',
    label: 'unitCredits',
    page: (s) => <UnitCreditsPage session={s} />,
  },
  {
    role: 'organizer',
    path: '/organizer/reports',
    label: 'reports',
    page: () => <ExecutionReportPage />,
  },
];

function WorkLink({ path, label }: { path: string; label: WorkKey }) {
  const t = useWorkT();
  return <Link to={path}>{t(label)}</Link>;
}

/** Menu entries for the screens the signed-in roles may use (`lang` re-renders them on a switch). */
export function workMenuItems(roles: Role[], lang: Lang) {
  return workScreens
    .filter((s) => roles.includes(s.role))
    .map((s) => ({
      key: s.path,
      label: <WorkLink key={`${s.path}-${lang}`} path={s.path} label={s.label} />,
    }));
}

/** The screens' routes, each behind the app's role guard. */
export function workRoutes(
  session: Session | null,
  guard: (role: Role, element: JSX.Element) => JSX.Element,
) {
  return workScreens.map((s) => (
    <Route key={s.path} path={s.path} element={guard(s.role, s.page(session))} />
  ));
}
