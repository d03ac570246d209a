import { Result, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../api';
import { useT } from '../i18n';
import { saveSession, type Session } from '../session';

interface Exchanged {
  token: string;
  expiresAt: string;
  claims: Omit<Session, 'token' | 'expiresAt'>;
}

/** Opens a one-time sign-in link: `/sign-in#code=…` (the code never reaches server logs). */
export function SignInPage({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const code = new URLSearchParams(window.location.hash.slice(1)).get('code');
    // The code is spent once: keep it out of the history.
    window.history.replaceState(null, '', '/sign-in');
    if (!code) {
      setError(t('signInHow'));
      return;
    }
    api<Exchanged>('/sign-in-links/exchange', { method: 'POST', body: { code }, auth: false })
      .then(({ body }) => {
        const session: Session = { token: body.token, expiresAt: body.expiresAt, ...body.claims };
        saveSession(session);
        onSignedIn(session);
      })
      .catch((e: ApiError) => setError(`${t('signInFailed')}：${e.detail ?? e.message}`));
  }, [onSignedIn, t]);
  if (error) return <Result status="warning" title={t('signInFailed')} subTitle={error} />;
  return <Spin tip={t('signingIn')} />;
}
