import { describe, expect, it } from 'vitest';
import type { User } from 'oidc-client-ts';
import { looksLikeIdNumber } from './components/Finders';
import { logPositionPattern } from './pages/DigestPage';
import { jwtClaims, sessionOf } from './oidc';

const jwt = (claims: object) =>
  `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

describe('OpenID Connect session', () => {
  it('takes roles and jurisdictions from the access token, and its expiry from the token response', () => {
    const token = jwt({ sub: 'a', roles: ['auditor'], jurisdictions: ['CN-ZJ'], exp: 1 });
    const session = sessionOf({
      access_token: token,
      id_token: 'id',
      expires_at: 1_800_000_000,
    } as User);
    expect(session).toEqual({
      token,
      roles: ['auditor'],
      jurisdictions: ['CN-ZJ'],
      org: undefined,
      person: undefined,
      expiresAt: '2027-01-15T08:00:00.000Z',
      idToken: 'id',
      via: 'oidc',
    });
  });

  it('refuses a token without roles or jurisdictions, and reads UTF-8 claims', () => {
    expect(() => sessionOf({ access_token: jwt({ sub: 'a' }) } as User)).toThrow(/没有角色或辖区/);
    expect(jwtClaims(jwt({ name: '王芳' })).name).toBe('王芳');
  });
});

describe('search and digest inputs', () => {
  it('an ID number is searched exactly, anything else as a name', () => {
    expect(looksLikeIdNumber('33010219790610000X')).toBe(true);
    expect(looksLikeIdNumber(' 330102197906100001 ')).toBe(true);
    expect(looksLikeIdNumber('王芳')).toBe(false);
    expect(looksLikeIdNumber('3301021979')).toBe(false);
  });

  it('a log position is commit:prepare', () => {
    expect(logPositionPattern.test('7412:1041')).toBe(true);
    expect(logPositionPattern.test('7412')).toBe(false);
    expect(logPositionPattern.test('a:b')).toBe(false);
  });
});
