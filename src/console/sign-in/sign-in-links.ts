import { createHash, randomBytes } from 'node:crypto';
import type { Sql } from 'postgres';
import type { TokenClaims } from '../../shared/http/token-verifier';

/** How long a printed link can be opened, unless `--expires` says otherwise. */
export const signInLinkMinutesDefault = 10;
/** How long the console's session lasts once a link is exchanged. */
export const consoleSessionLifetime = '8h';
/** Links past their time are deleted after this long (kept a while to say "expired", not "unknown"). */
const spentLinksKeptHours = 24;

const hashOf = (code: string) => createHash('sha256').update(code).digest('hex');

/** Stores a new one-time link for these claims; returns the code to put in the printed link. */
export async function createSignInLink(
  sql: Sql,
  claims: TokenClaims,
  minutes = signInLinkMinutesDefault,
): Promise<{ code: string; expiresAt: Date }> {
  const code = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + minutes * 60_000);
  await sql`DELETE FROM sign_in_links WHERE expires_at < now() - make_interval(hours => ${spentLinksKeptHours})`;
  await sql`INSERT INTO sign_in_links (code_hash, claims, expires_at)
            VALUES (${hashOf(code)}, ${sql.json(claims as never)}, ${expiresAt})`;
  return { code, expiresAt };
}

export type ExchangeResult =
  { ok: true; claims: TokenClaims } | { ok: false; reason: 'unknown' | 'used' | 'expired' };

/** Spends a link: the first exchange of an unexpired code gets its claims, any later one a reason. */
export async function spendSignInLink(sql: Sql, code: string): Promise<ExchangeResult> {
  const hash = hashOf(code);
  const [spent] = await sql<{ claims: TokenClaims }[]>`
    UPDATE sign_in_links SET used_at = now()
     WHERE code_hash = ${hash} AND used_at IS NULL AND expires_at > now()
     RETURNING claims`;
  if (spent) return { ok: true, claims: spent.claims };
  const [row] = await sql<{ used: boolean }[]>`
    SELECT used_at IS NOT NULL AS used FROM sign_in_links WHERE code_hash = ${hash}`;
  if (!row) return { ok: false, reason: 'unknown' };
  return { ok: false, reason: row.used ? 'used' : 'expired' };
}

/** The printed link: the code travels in the fragment, so it reaches neither logs nor Referer. */
export function signInUrl(baseUrl: string, code: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/sign-in#code=${code}`;
}
