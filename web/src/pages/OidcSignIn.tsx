import { Button, Result, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { consoleConfig, oidcManager, sessionOf } from '../oidc';
import { saveSession, type Session } from '../session';

/** 统一身份认证登录: shown on the signed-out page when an identity provider is configured. */
export function OidcSignInButton() {
  const [enabled, setEnabled] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void consoleConfig().then((c) => setEnabled(c.signIn === 'oidc'));
  }, []);
  if (!enabled) return null;
  const start = async () => {
    setBusy(true);
    try {
      await (await oidcManager())?.signinRedirect();
    } catch (e) {
      setBusy(false);
      setError(`无法连接身份提供方（cannot reach the identity provider）：${(e as Error).message}`);
    }
  };
  return (
    <>
      <Button type="primary" loading={busy} onClick={() => void start()}>
        统一身份认证登录（Sign in）
      </Button>
      {error && (
        <div role="alert" style={{ color: '#c41d1f', marginTop: 8 }}>
          {error}
        </div>
      )}
    </>
  );
}

/** /oidc-callback: the provider sends the browser back here with a code, spent once for tokens. */
export function OidcCallbackPage({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void (async () => {
      try {
        const manager = await oidcManager();
        if (!manager) throw new Error('未配置身份提供方（no identity provider is configured）');
        const session = sessionOf(await manager.signinRedirectCallback());
        saveSession(session);
        onSignedIn(session);
      } catch (e) {
        setError((e as Error).message);
      }
    })();
  }, [onSignedIn]);
  if (error) return <Result status="warning" title="登录失败（Sign-in failed）" subTitle={error} />;
  return <Spin tip="正在登录…" />;
}

/** Ends the session at the provider too (its sign-out page, then back to the console). */
export async function endProviderSession(session: Session): Promise<void> {
  const manager = await oidcManager();
  if (!manager) return;
  await manager.removeUser();
  await manager.signoutRedirect({ id_token_hint: session.idToken });
}

/** What the signed-out page says after a session from the provider ends (expired or signed out). */
export const oidcSignedOut =
  '您已退出登录，请点击“统一身份认证登录”重新登录。（You are signed out: sign in again with your identity provider.）';
