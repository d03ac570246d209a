import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import request from 'supertest';
import { APP_CONFIG, type AppConfig } from '../../src/config/app-config';
import { bearer, countEvents, personBody, zjCommittee } from '../support/ledger-client';
import { startTestApp, TestApp } from '../support/test-app';

const ledgerJs = path.resolve(__dirname, '../../dist/src/cli/ledger.js');
const run = promisify(execFile);

describe('authentication: bearer JWTs', () => {
  describe('the embedded default (HS256 secret under DATA_DIR, minted by `ledger token`)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(() => t.close());
    const http = () => request(t.app.getHttpServer());

    it('`ledger token` mints a token the service accepts, with the claims asked for', async () => {
      const { dataDir } = t.app.get<AppConfig>(APP_CONFIG);
      const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: t.db.url };
      const { stdout } = await run(
        'node',
        [ledgerJs, 'token', '--role', 'auditor', '--jurisdiction', 'CN', '--sub', 'aud-7'],
        { env },
      );
      const token = stdout.trim();
      const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
      expect(payload).toMatchObject({ sub: 'aud-7', roles: ['auditor'], jurisdictions: ['CN'] });
      await http().get('/events').set('Authorization', `Bearer ${token}`).expect(200);

      // An organizer token without --org is refused: it could act for no organization.
      await expect(
        run('node', [ledgerJs, 'token', '--role', 'organizer', '--jurisdiction', 'CN-ZJ'], { env }),
      ).rejects.toMatchObject({ stderr: expect.stringMatching(/--org is required/) });
    });

    it('no token → 401, a forged or expired one → 401, and nothing is appended', async () => {
      const before = await countEvents(t.db);
      await http().post('/persons').send(personBody()).expect(401);
      const good = bearer(t.app, zjCommittee).Authorization;
      const [h, p] = good.slice('Bearer '.length).split('.');
      const forged = `Bearer ${h}.${p}.${'A'.repeat(43)}`;
      const { body } = await http()
        .post('/persons')
        .set('Authorization', forged)
        .send(personBody())
        .expect(401);
      expect(body.message).toMatch(/not valid/);
      const expired = await new SignJWT({ roles: ['committee'], jurisdictions: ['CN-ZJ'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('zj-committee-1')
        .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
        .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
        .sign(
          Buffer.from(
            readFileSync(
              path.join(t.app.get<AppConfig>(APP_CONFIG).dataDir, 'jwt.secret'),
              'utf8',
            ).trim(),
            'base64',
          ),
        );
      await http()
        .post('/persons')
        .set('Authorization', `Bearer ${expired}`)
        .send(personBody())
        .expect(401);
      // The old header stand-in is gone: headers alone authenticate nobody.
      await http()
        .post('/persons')
        .set({ 'X-Actor-Id': 'x', 'X-Actor-Role': 'committee', 'X-Actor-Jurisdiction': 'CN' })
        .send(personBody())
        .expect(401);
      expect(await countEvents(t.db)).toBe(before);
    });
  });

  describe('a configured public key (RS256), with issuer and audience', () => {
    let t: TestApp;
    let sign: (claims: Record<string, unknown>, alg?: string) => Promise<string>;
    beforeAll(async () => {
      const { publicKey, privateKey } = await generateKeyPair('RS256');
      t = await startTestApp({
        jwtPublicKey: await exportSPKI(publicKey),
        jwtAlgorithm: 'RS256',
        jwtIssuer: 'https://sso.example.cn',
        jwtAudience: 'cme-ledger',
      });
      sign = (claims, alg = 'RS256') =>
        new SignJWT(claims)
          .setProtectedHeader({ alg })
          .setSubject('committee-zj-9')
          .setIssuer('https://sso.example.cn')
          .setAudience('cme-ledger')
          .setExpirationTime('10m')
          .sign(privateKey);
    });
    afterAll(() => t.close());
    const http = () => request(t.app.getHttpServer());

    it('accepts tokens the key signed and refuses the embedded secret, wrong audience or missing claims', async () => {
      const token = await sign({ roles: ['committee'], jurisdictions: ['CN-ZJ'] });
      await http()
        .post('/persons')
        .set('Authorization', `Bearer ${token}`)
        .send(personBody())
        .expect(201);
      const before = await countEvents(t.db);
      // An HS256 token (what the embedded default signs) is refused once a key is configured.
      const hs256 = await new SignJWT({ roles: ['committee'], jurisdictions: ['CN-ZJ'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('x')
        .setIssuer('https://sso.example.cn')
        .setAudience('cme-ledger')
        .setExpirationTime('10m')
        .sign(Buffer.alloc(32, 7));
      await http()
        .post('/persons')
        .set('Authorization', `Bearer ${hs256}`)
        .send(personBody())
        .expect(401);
      const noRoles = await sign({ jurisdictions: ['CN-ZJ'] });
      await http()
        .post('/persons')
        .set('Authorization', `Bearer ${noRoles}`)
        .send(personBody())
        .expect(401);
      const otherAudience = await new SignJWT({ roles: ['committee'], jurisdictions: ['CN-ZJ'] })
        .setProtectedHeader({ alg: 'RS256' })
        .setSubject('x')
        .setIssuer('https://sso.example.cn')
        .setAudience('another-app')
        .setExpirationTime('10m')
        .sign((await generateKeyPair('RS256')).privateKey);
      await http()
        .post('/persons')
        .set('Authorization', `Bearer ${otherAudience}`)
        .send(personBody())
        .expect(401);
      expect(await countEvents(t.db)).toBe(before);
      // And `ledger token` refuses to mint for a configured identity provider.
      await expect(
        run('node', [ledgerJs, 'token', '--role', 'auditor', '--jurisdiction', 'CN'], {
          env: {
            ...process.env,
            DATA_DIR: t.app.get<AppConfig>(APP_CONFIG).dataDir,
            JWT_PUBLIC_KEY: t.app.get<AppConfig>(APP_CONFIG).jwtPublicKey,
          },
        }),
      ).rejects.toMatchObject({ stderr: expect.stringMatching(/identity provider/) });
    });
  });
});
