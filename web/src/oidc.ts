// oidc-client-ts loads only when a provider is configured (it is not in the first page's script).
import type { User, UserManager } from 'oidc-client-ts';
import type { Role, Session } from './session';

/** How the console signs in, as GET /console-config says. */
export interface ConsoleConfig {
  signIn: 'oidc' | 'sign-in-link';
  oidc: { issuer: string; clientId: string; scopes: string } | null;
}

let config: Promise<ConsoleConfig> | undefined;
export function consoleConfig(): Promise<ConsoleConfig> {
  config ??= fetch('/console-config', { headers: { accept: 'application/json' } }).then((r) =>
    r.ok ? (r.json() as Promise<ConsoleConfig>) : { signIn: 'sign-in-link', oidc: null },
  );
  return config;
}

let manager: UserManager | undefined;
/** oidc-client-ts: authorization code + PKCE, its state kept in this tab's sessionStorage. */
export async function oidcManager(): Promise<UserManager | null> {
  const { oidc } = await consoleConfig();
  if (!oidc) return null;
  if (manager) return manager;
  const { UserManager, WebStorageStateStore } = await import('oidc-client-ts');
  manager = new UserManager({
    authority: oidc.issuer,
    client_id: oidc.clientId,
    redirect_uri: `${window.location.origin}/oidc-callback`,
    post_logout_redirect_uri: `${window.location.origin}/`,
    response_type: 'code',
    scope: oidc.scopes,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
    automaticSilentRenew: false,
    loadUserInfo: false,
  });
  return manager;
}

/** The claims of a JWT's payload, unverified (the API verifies the token on every call). */
export function jwtClaims(token: string): Record<string, unknown> {
  const part = token.split('.')[1] ?? '';
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}

/**
 * The console's session from the provider's answer: the access token is what the API is sent;
 * roles and jurisdictions are read from it (the API reads the same claims), its expiry from the
 * token response.
 */
export function sessionOf(user: User): Session {
  const claims = jwtClaims(user.access_token);
  const roles = Array.isArray(claims.roles) ? (claims.roles as Role[]) : [];
  const jurisdictions = Array.isArray(claims.jurisdictions)
    ? (claims.jurisdictions as string[])
    : [];
  if (roles.length === 0 || jurisdictions.length === 0)
    throw new Error(
      '身份提供方签发的访问令牌没有角色或辖区（the access token carries no roles or jurisdictions）',
    );
  const expiresAtSeconds =
    user.expires_at ?? (typeof claims.exp === 'number' ? claims.exp : undefined);
  return {
    token: user.access_token,
    roles,
    jurisdictions,
    org: typeof claims.org === 'string' ? claims.org : undefined,
    person: typeof claims.person === 'string' ? claims.person : undefined,
    expiresAt: new Date((expiresAtSeconds ?? 0) * 1000).toISOString(),
    idToken: user.id_token,
    via: 'oidc',
  };
}
