import { INestApplication } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { APP_CONFIG, type AppConfig } from '../../src/config/app-config';
import request from 'supertest';
import { withCheckCharacter } from '../../src/shared/domain/id-number';
import type { TestDatabase } from './test-database';

export interface ActorHeaders {
  id: string;
  role: string;
  jurisdiction: string;
  /** Organization acted for (organizers, employers); defaults to the id. */
  org?: string;
  /** The person the actor is (professionals). */
  person?: string;
}

export const zjCommittee: ActorHeaders = {
  id: 'zj-committee-1',
  role: 'committee',
  jurisdiction: 'CN-ZJ',
};
export const cqCommittee: ActorHeaders = {
  id: 'cq-committee-1',
  role: 'committee',
  jurisdiction: 'CN-CQ',
};
export const zjOrganizer: ActorHeaders = {
  id: 'org-zj-1',
  role: 'organizer',
  jurisdiction: 'CN-ZJ',
};
export const cqOrganizer: ActorHeaders = {
  id: 'org-cq-1',
  role: 'organizer',
  jurisdiction: 'CN-CQ',
};
export const zjEmployer: ActorHeaders = {
  id: 'employer-zj-1',
  role: 'employer',
  jurisdiction: 'CN-ZJ',
};
export const zjAdmin: ActorHeaders = { id: 'admin-zj-1', role: 'admin', jurisdiction: 'CN-ZJ' };

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/**
 * An `Authorization` header with a token for the actor, signed (HS256, synchronously) with the
 * app's embedded secret exactly as `ledger token` would sign it.
 */
export function bearer(app: INestApplication, actor: ActorHeaders): { Authorization: string } {
  return bearerFromDataDir(app.get<AppConfig>(APP_CONFIG).dataDir, actor);
}

/** The same, for a service running in another process with its DATA_DIR. */
export function bearerFromDataDir(dataDir: string, actor: ActorHeaders): { Authorization: string } {
  const secret = Buffer.from(
    readFileSync(path.join(dataDir, 'jwt.secret'), 'utf8').trim(),
    'base64',
  );
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    sub: actor.id,
    roles: [actor.role],
    jurisdictions: [actor.jurisdiction],
    ...(actor.role === 'organizer' || actor.role === 'employer'
      ? { org: actor.org ?? actor.id }
      : {}),
    ...(actor.person ? { person: actor.person } : {}),
    iat: now,
    exp: now + 3600,
  };
  const unsigned = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}`;
  const signature = createHmac('sha256', secret).update(unsigned).digest('base64url');
  return { Authorization: `Bearer ${unsigned}.${signature}` };
}

/** HTTP calls as a given actor, each with a freshly signed bearer token. */
export function client(app: INestApplication) {
  const server = app.getHttpServer();
  const withActor = (test: request.Test, actor?: ActorHeaders) =>
    actor ? test.set(bearer(app, actor)) : test;
  return {
    post: (
      path: string,
      body: object,
      actor?: ActorHeaders,
      headers: Record<string, string> = {},
    ) => {
      let test = withActor(request(server).post(path), actor);
      for (const [k, v] of Object.entries(headers)) test = test.set(k, v);
      return test.send(body);
    },
    get: (path: string, actor?: ActorHeaders) => withActor(request(server).get(path), actor),
  };
}

let idCounter = 0;
const idOffset = Math.floor(Math.random() * 1000);
/** A valid resident ID number (Hangzhou region code by default), unique per call. */
export function newIdNumber(region = '330102'): string {
  idCounter += 1;
  const serial = String((idOffset + idCounter) % 1000).padStart(3, '0');
  const day = String((idCounter % 28) + 1).padStart(2, '0');
  return withCheckCharacter(
    `${region}1985${String((idCounter % 12) + 1).padStart(2, '0')}${day}${serial}`,
  );
}

export async function countEvents(db: TestDatabase): Promise<number> {
  const [row] = await db.sql`SELECT count(*)::int AS n FROM events`;
  return row.n as number;
}

export function personBody(overrides: Record<string, unknown> = {}) {
  return {
    idNumber: newIdNumber(),
    name: '王芳',
    profession: 'nurse',
    titleLevel: 'junior',
    specialty: 'intensive care',
    jurisdiction: 'CN-ZJ',
    grassroots: false,
    employerId: zjEmployer.id,
    ...overrides,
  };
}

export function projectBody(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'project',
    code: '2026-04-01-123(国)',
    title: '心血管疾病诊疗新进展',
    level: 'national',
    subject: 'professional',
    format: 'in-person',
    credits: '10',
    hours: '20',
    jurisdiction: 'CN-ZJ',
    organizerId: zjOrganizer.id,
    sessionsDeclared: 6,
    ...overrides,
  };
}

/** Waits until every projection has processed the whole log. */
export async function projectionsCaughtUp(
  app: INestApplication,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await request(app.getHttpServer()).get('/projections').expect(200);
    if ((body.projections as { eventsBehind: number }[]).every((p) => p.eventsBehind === 0)) return;
    if (Date.now() > deadline) throw new Error(`projections still behind: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
