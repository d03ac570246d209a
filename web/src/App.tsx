import {
  Alert,
  App as AntApp,
  Button,
  ConfigProvider,
  Layout,
  Menu,
  Result,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { Link, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { ApiError, whenSignedOut } from './api';
import { LangContext, type Lang, messages, type MessageKey } from './i18n';
import { clearSession, homeOf, loadSession, type Role, type Session } from './session';
import { SignInPage } from './pages/SignInPage';
import { workMenuItems, workRoutes } from './work/screens';
import { consoleConfig } from './oidc';
import {
  endProviderSession,
  OidcCallbackPage,
  OidcSignInButton,
  oidcSignedOut,
} from './pages/OidcSignIn';

// Each role's screens load on demand: the first page carries only the shell.
const AuditorPage = lazy(() => import('./pages/AuditorPage'));
const CommitteePage = lazy(() => import('./pages/CommitteePage'));
const AdminPage = lazy(() => import('./pages/AdminPage'));
const OrganizerPage = lazy(() => import('./pages/OrganizerPage'));
const ProfessionalPage = lazy(() => import('./pages/ProfessionalPage'));
const EmployerPage = lazy(() => import('./pages/EmployerPage'));
const VerifyPage = lazy(() => import('./pages/VerifyPage'));
const ImportPage = lazy(() => import('./pages/ImportPage'));
const SearchPage = lazy(() => import('./pages/SearchPage'));
const WhyNoCreditPage = lazy(() => import('./pages/WhyNoCreditPage'));
const DigestPage = lazy(() => import('./pages/DigestPage'));

/** Who may use the search screen (people: GET /persons; activities: GET /activities). */
const searchers: Role[] = ['auditor', 'committee', 'admin', 'employer', 'organizer'];

/** Who may upload files (organizers: attendance rosters; committees: every kind). */
const importers: Role[] = ['organizer', 'committee'];

const roleScreens: { role: Role; path: string; label: MessageKey }[] = [
  { role: 'auditor', path: '/auditor', label: 'auditor' },
  { role: 'committee', path: '/committee', label: 'committee' },
  { role: 'admin', path: '/admin', label: 'admin' },
  { role: 'organizer', path: '/organizer', label: 'organizer' },
  { role: 'professional', path: '/me', label: 'professional' },
  { role: 'employer', path: '/employer', label: 'employer' },
];

function initialLang(): Lang {
  return localStorage.getItem('cme-ledger.lang') === 'en' ? 'en' : 'zh';
}

export function App() {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [notice, setNotice] = useState<string | null>(null);
  const navigate = useNavigate();
  const location = useLocation();
  const t = useCallback((key: MessageKey) => messages[lang][key], [lang]);
  const setLang = (next: Lang) => {
    localStorage.setItem('cme-ledger.lang', next);
    document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
    setLangState(next);
  };
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  useEffect(() => {
    whenSignedOut((reason: ApiError) => {
      setSession(null);
      setNotice(reason.message);
      navigate('/');
    });
  }, [navigate]);
  // A token that expires while the page is open signs the user out with a message.
  useEffect(() => {
    if (!session) return;
    const ms = new Date(session.expiresAt).getTime() - Date.now();
    const timer = setTimeout(
      () => {
        clearSession();
        setSession(null);
        setNotice(session.via === 'oidc' ? oidcSignedOut : messages[lang].signedOut);
      },
      Math.max(0, Math.min(ms, 2 ** 31 - 1)),
    );
    return () => clearTimeout(timer);
  }, [session, lang]);

  const signOut = () => {
    clearSession();
    setSession(null);
    if (session?.via === 'oidc') {
      setNotice(oidcSignedOut);
      void endProviderSession(session);
      return;
    }
    setNotice(t('signedOut'));
    navigate('/');
  };
  const allowed = useMemo(
    () => roleScreens.filter((s) => session?.roles.includes(s.role)),
    [session],
  );
  const menuItems = [
    ...allowed.map((s) => ({ key: s.path, label: <Link to={s.path}>{t(s.label)}</Link> })),
    ...workMenuItems(session?.roles ?? [], lang),
    ...(session?.roles.some((r) => importers.includes(r))
      ? [{ key: '/imports', label: <Link to="/imports">{t('imports')}</Link> }]
      : []),
    ...(session?.roles.some((r) => searchers.includes(r))
      ? [{ key: '/search', label: <Link to="/search">查找</Link> }]
      : []),
    ...(session?.roles.includes('auditor')
      ? [
          {
            key: '/audit-tools/why-no-credit',
            label: <Link to="/audit-tools/why-no-credit">学分未到账</Link>,
          },
          { key: '/audit-tools/digest', label: <Link to="/audit-tools/digest">日志摘要</Link> },
        ]
      : []),
    { key: '/verify', label: <Link to="/verify">{t('verify')}</Link> },
  ];
  // The longest match: /committee/reviews selects its own entry, not /committee.
  const selected = menuItems
    .filter((i) => location.pathname.startsWith(i.key))
    .sort((a, b) => b.key.length - a.key.length)[0]?.key;
  const guard = (role: Role | Role[], element: JSX.Element) =>
    !session ? (
      <Navigate to="/" replace />
    ) : session.roles.some((r) => (Array.isArray(role) ? role : [role]).includes(r)) ? (
      element
    ) : (
      <Result
        status="403"
        title="403"
        subTitle={`无权访问：您的角色（${session.roles.join('、')}）不能使用此页面`}
      />
    );

  return (
    <LangContext.Provider value={{ lang, setLang }}>
      <ConfigProvider
        locale={lang === 'zh' ? zhCN : enUS}
        // 查询, not 查 询: the accessible name is the word itself.
        button={{ autoInsertSpace: false }}
        theme={{
          // Darker secondary text than antd's default: WCAG AA contrast (axe-checked in the tests).
          token: {
            colorPrimary: '#0b5cad',
            colorLink: '#0b5cad',
            colorInfo: '#0b5cad',
            colorError: '#c41d1f',
            colorTextDescription: 'rgba(0, 0, 0, 0.68)',
            colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
            colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
            colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
          },
        }}
      >
        <AntApp>
          <Layout style={{ minHeight: '100vh' }}>
            {/* The bar grows with the menu when its entries wrap to a second row. */}
            <Layout.Header
              style={{
                display: 'flex',
                alignItems: 'center',
                gap: 16,
                height: 'auto',
                minHeight: 64,
                lineHeight: '48px',
              }}
            >
              <Typography.Title
                level={1}
                style={{ color: '#fff', margin: 0, fontSize: 18, whiteSpace: 'nowrap' }}
              >
                <Link to="/" style={{ color: '#fff' }}>
                  {t('appTitle')}
                </Link>
              </Typography.Title>
              <nav aria-label={t('home')} style={{ flex: 1, minWidth: 0 }}>
                <Menu
                  theme="dark"
                  mode="horizontal"
                  // Every entry stays in the bar (wrapping when narrow): items folded into an
                  // overflow menu are aria-hidden yet focusable, which axe rightly refuses.
                  disabledOverflow
                  style={{ flexWrap: 'wrap', minWidth: 0, lineHeight: '48px' }}
                  selectedKeys={selected ? [selected] : []}
                  items={menuItems}
                />
              </nav>
              <Space>
                {session && (
                  <span style={{ color: '#fff' }} data-testid="who">
                    {session.roles.map((r) => (
                      <Tag key={r} color="blue">
                        {t(roleLabel(r))}
                      </Tag>
                    ))}
                    {session.jurisdictions.join(', ')}
                  </span>
                )}
                <Button size="small" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
                  {t('language')}
                </Button>
                {session && (
                  <Button size="small" onClick={signOut}>
                    {t('signOut')}
                  </Button>
                )}
              </Space>
            </Layout.Header>
            <Layout.Content style={{ padding: 24 }}>
              <main>
                {notice && (
                  <Alert
                    type="warning"
                    showIcon
                    closable
                    message={notice}
                    onClose={() => setNotice(null)}
                    style={{ marginBottom: 16 }}
                    role="alert"
                  />
                )}
                <Suspense fallback={<Spin />}>
                  <Routes>
                    <Route
                      path="/"
                      element={
                        session ? (
                          <Navigate to={homeOf[session.roles[0]]} replace />
                        ) : (
                          <SignedOutHome />
                        )
                      }
                    />
                    <Route
                      path="/sign-in"
                      element={
                        <SignInPage
                          onSignedIn={(s) => {
                            setSession(s);
                            setNotice(null);
                            navigate(homeOf[s.roles[0]], { replace: true });
                          }}
                        />
                      }
                    />
                    <Route
                      path="/oidc-callback"
                      element={
                        <OidcCallbackPage
                          onSignedIn={(s) => {
                            setSession(s);
                            setNotice(null);
                            navigate(homeOf[s.roles[0]], { replace: true });
                          }}
                        />
                      }
                    />
                    <Route path="/auditor/*" element={guard('auditor', <AuditorPage />)} />
                    <Route path="/committee/*" element={guard('committee', <CommitteePage />)} />
                    <Route path="/admin/*" element={guard('admin', <AdminPage />)} />
                    <Route path="/organizer/*" element={guard('organizer', <OrganizerPage />)} />
                    <Route
                      path="/me/*"
                      element={guard('professional', <ProfessionalPage session={session} />)}
                    />
                    <Route
                      path="/employer/*"
                      element={guard('employer', <EmployerPage session={session} />)}
                    />
                    {workRoutes(session, guard)}
                    <Route path="/imports" element={guard(importers, <ImportPage />)} />
                    <Route
                      path="/search"
                      element={guard(searchers, <SearchPage roles={session?.roles ?? []} />)}
                    />
                    <Route
                      path="/audit-tools/why-no-credit"
                      element={guard('auditor', <WhyNoCreditPage />)}
                    />
                    <Route path="/audit-tools/digest" element={guard('auditor', <DigestPage />)} />
                    <Route path="/verify/:certificateId?" element={<VerifyPage />} />
                    <Route
                      path="*"
                      element={
                        <Result status="404" title="404" subTitle="页面不存在（Page not found）" />
                      }
                    />
                  </Routes>
                </Suspense>
              </main>
            </Layout.Content>
          </Layout>
        </AntApp>
      </ConfigProvider>
    </LangContext.Provider>
  );
}

function roleLabel(role: Role): MessageKey {
  return role === 'professional' ? 'professional' : role;
}

function SignedOutHome() {
  const t = messages[(localStorage.getItem('cme-ledger.lang') as Lang) ?? 'zh'] ?? messages.zh;
  // With an identity provider, sign-in links are refused: say how to sign in there instead.
  const [signIn, setSignIn] = useState<'oidc' | 'sign-in-link'>('sign-in-link');
  useEffect(() => {
    void consoleConfig()
      .then((c) => setSignIn(c.signIn))
      .catch(() => undefined);
  }, []);
  return (
    <Result
      status="info"
      title={t.signInTitle}
      subTitle={signIn === 'oidc' ? t.signInHowOidc : t.signInHow}
      extra={
        <Space direction="vertical">
          <OidcSignInButton />
          <Link to="/verify">{t.verify}</Link>
        </Space>
      }
    />
  );
}
