import request from 'supertest';
import { accessPolicy, type RouteAccess } from '../../src/shared/http/access-policy';
import type { ActorRole } from '../../src/shared/http/actor';
import { type ActorHeaders, bearer, client, countEvents } from '../support/ledger-client';
import {
  buildSide,
  cases,
  ownActors,
  publicRoutes,
  roles,
  type Side,
} from '../support/route-cases';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Every protected route × every role × a record of the actor's own (person, staff, activity,
 * jurisdiction) and one of someone else's: the status the access policy promises, and on every
 * refusal not one event appended. The routes come from the OpenAPI document, so a new route
 * without a case here fails the test.
 */

describe('access matrix: every route × role × own/other record', () => {
  let t: TestApp;
  let own: Side;
  let other: Side;
  let actors: Record<ActorRole, ActorHeaders>;

  beforeAll(async () => {
    t = await startTestApp({ subscriptionPollMs: 10, correctionApprovalThreshold: '0' });
    own = await buildSide(t.app, 'CN-ZJ', 'zj');
    other = await buildSide(t.app, 'CN-CQ', 'cq');
    actors = ownActors(own);
  }, 60_000);
  afterAll(() => t.close());

  it('has a case for every route the service serves', async () => {
    const { body } = await request(t.app.getHttpServer()).get('/openapi.json').expect(200);
    const served = Object.entries(body.paths as Record<string, Record<string, unknown>>)
      .flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m} ${p}`))
      .filter((route) => !publicRoutes.includes(route))
      .sort();
    expect(served).toEqual(cases.map((c) => `${c.method} ${c.template}`).sort());
    // And every policy entry is used by some route.
    expect([...new Set(cases.map((c) => c.access))].sort()).toEqual(
      Object.keys(accessPolicy).sort(),
    );
  });

  /** What the policy promises a ZJ actor of this role on this side's record. */
  const expectation = (access: RouteAccess, role: ActorRole, target: 'own' | 'other') => {
    const scope = (accessPolicy[access] as Partial<Record<ActorRole, string>>)[role];
    if (!scope || scope === 'national') return 'denied';
    if (scope === 'any') return 'allowed';
    return target === 'own' ? 'allowed' : 'denied';
  };

  it('refuses without a token (401) and appends nothing, on every route', async () => {
    for (const c of cases) {
      const before = await countEvents(t.db);
      const call = request(t.app.getHttpServer())[c.method](c.path(own));
      const response = await (c.body ? call.send(c.body(own, actors.committee)) : call);
      expect([c.template, response.status]).toEqual([c.template, 401]);
      expect(await countEvents(t.db)).toBe(before);
    }
  });

  it('answers each route × role × own/other record as the policy says; a refusal is 403 and appends nothing', async () => {
    const outcomes: string[] = [];
    const mismatches: string[] = [];
    // Refusals first, over untouched records; then the allowed calls (which may change them).
    const plan = cases.flatMap((c) =>
      roles.flatMap((role) =>
        (['own', 'other'] as const).map((target) => ({
          c,
          role,
          target,
          expected: expectation(c.access, role, target),
        })),
      ),
    );
    plan.sort((a, b) => (a.expected === b.expected ? 0 : a.expected === 'denied' ? -1 : 1));
    for (const { c, role, target, expected } of plan) {
      const sideOf = target === 'own' ? own : other;
      const actor = actors[role];
      const before = await countEvents(t.db);
      const server = request(t.app.getHttpServer());
      const call = server[c.method](c.path(sideOf)).set(bearer(t.app, actor));
      const response = await (c.body ? call.send(c.body(sideOf, actor)) : call);
      const appended = (await countEvents(t.db)) - before;
      const label = `${c.method.toUpperCase()} ${c.template} as ${role} on ${target}`;
      outcomes.push(`${label}: ${response.status}`);
      if (expected === 'denied' && (response.status !== 403 || appended !== 0))
        mismatches.push(
          `${label}: expected 403 and nothing appended, got ${response.status} (+${appended} events)`,
        );
      if (
        expected === 'allowed' &&
        (response.status === 401 || response.status === 403 || response.status >= 500)
      )
        mismatches.push(
          `${label}: expected to be let through, got ${response.status} ${JSON.stringify(response.body)}`,
        );
    }
    expect(mismatches).toEqual([]);
    expect(outcomes).toHaveLength(cases.length * roles.length * 2);
  });

  it('national actors (CN) reach every province; provincial ones only theirs', async () => {
    const api = client(t.app);
    const nationalAuditor = { id: 'auditor-cn', role: 'auditor', jurisdiction: 'CN' };
    await api.get(`/persons/${other.personId}`, nationalAuditor).expect(200);
    await api.get('/events?limit=1', nationalAuditor).expect(200);
    await api.get('/events?limit=1', actors.auditor).expect(403);
    const twoProvinces = { ...actors.auditor, jurisdiction: 'CN-CQ' };
    await api.get(`/persons/${other.personId}`, twoProvinces).expect(200);
    await api.get(`/persons/${own.personId}`, twoProvinces).expect(403);
  });
});
