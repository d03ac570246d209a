// A real OpenID Connect provider (node-oidc-provider) for the console's sign-in journey: the
// authorization code flow with PKCE for one public client, its own login and consent pages (the
// library's development interactions: any login, any password), and JWT access tokens for the
// ledger's API carrying the roles and jurisdictions the ledger reads. Run by the test as
//   node test/console/oidc-provider.mjs <port> <console port> <access token seconds>
// and prints "issuer <url>" once it listens.
import { generateKeyPair, exportJWK } from 'jose';
import Provider from 'oidc-provider';

const [port, consolePort, accessTokenSeconds = '600'] = process.argv.slice(2);
// The console as the browser reaches it (the tests open localhost; 127.0.0.1 is the same service).
const consoleOrigins = [`http://localhost:${consolePort}`, `http://127.0.0.1:${consolePort}`];
const issuer = `http://127.0.0.1:${port}`;

/** Who may sign in (the login typed on the provider's page) and what their tokens say. */
const accounts = {
  'auditor-zj': { roles: ['auditor'], jurisdictions: ['CN-ZJ'], name: '浙江审计员' },
  'committee-zj': { roles: ['committee'], jurisdictions: ['CN-ZJ'], name: '浙江继教委' },
};

const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const signingKey = { ...(await exportJWK(privateKey)), kid: 'test-1', alg: 'RS256', use: 'sig' };

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'cme-console',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      redirect_uris: consoleOrigins.map((o) => `${o}/oidc-callback`),
      post_logout_redirect_uris: consoleOrigins.map((o) => `${o}/`),
    },
  ],
  jwks: { keys: [signingKey] },
  cookies: { keys: ['cme-ledger-test-cookie-key-not-secret'] },
  pkce: { required: () => true },
  scopes: ['openid', 'profile', 'cme'],
  claims: { openid: ['sub'], profile: ['name'] },
  async findAccount(_ctx, id) {
    const account = accounts[id];
    if (!account) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, name: account.name }) };
  },
  // The ledger reads roles and jurisdictions from the access token it is sent.
  async extraTokenClaims(_ctx, token) {
    const account = accounts[token.accountId];
    return account ? { roles: account.roles, jurisdictions: account.jurisdictions } : undefined;
  },
  ttl: { AccessToken: Number(accessTokenSeconds), IdToken: Number(accessTokenSeconds) },
  features: {
    devInteractions: { enabled: true },
    rpInitiatedLogout: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => 'urn:cme-ledger',
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({
        scope: 'cme',
        audience: 'cme-ledger',
        accessTokenTTL: Number(accessTokenSeconds),
        accessTokenFormat: 'jwt',
        jwt: { sign: { alg: 'RS256' } },
      }),
    },
  },
});
provider.on('server_error', (_ctx, error) => console.error('oidc-provider error', error));
provider.listen(Number(port), '127.0.0.1', () => console.log(`issuer ${issuer}`));
