/** The signed-in user: the token from a one-time sign-in link, kept for this browser tab only. */
export type Role = 'professional' | 'organizer' | 'employer' | 'committee' | 'auditor' | 'admin';

export interface Session {
  token: string;
  roles: Role[];
  jurisdictions: string[];
  org?: string;
  person?: string;
  /** ISO instant the token stops working. */
  expiresAt: string;
  /** Signed in at an OpenID Connect provider (sign-out also ends the session there). */
  via?: 'oidc' | 'sign-in-link';
  /** The provider's ID token, the hint for its sign-out. */
  idToken?: string;
}

const key = 'cme-ledger.session';

export function loadSession(now = Date.now()): Session | null {
  const raw = sessionStorage.getItem(key);
  if (!raw) return null;
  try {
    const session = JSON.parse(raw) as Session;
    if (new Date(session.expiresAt).getTime() <= now) {
      sessionStorage.removeItem(key);
      return null;
    }
    return session;
  } catch {
    sessionStorage.removeItem(key);
    return null;
  }
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(key, JSON.stringify(session));
}

export function clearSession(): void {
  sessionStorage.removeItem(key);
}

/** Where each role starts. */
export const homeOf: Record<Role, string> = {
  auditor: '/auditor',
  committee: '/committee',
  admin: '/admin',
  organizer: '/organizer',
  professional: '/me',
  employer: '/employer',
};
