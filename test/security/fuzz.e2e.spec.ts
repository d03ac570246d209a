import fc from 'fast-check';
import request from 'supertest';
import { accessPolicy } from '../../src/shared/http/access-policy';
import type { ActorRole } from '../../src/shared/http/actor';
import { bearer, countEvents } from '../support/ledger-client';
import { buildSide, cases, ownActors, type Side } from '../support/route-cases';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Random bodies at every write route, sent by an actor the route lets through (so validation and
 * the domain, not authorization, meet them): never a 5xx, and whenever the answer is a refusal,
 * not one event appended.
 */
describe('fuzz: random bodies at every write route', () => {
  let t: TestApp;
  let own: Side;
  const writes = cases.filter((c) => c.method === 'post');

  beforeAll(async () => {
    t = await startTestApp({ subscriptionPollMs: 10, correctionApprovalThreshold: '0' });
    own = await buildSide(t.app, 'CN-ZJ', 'zj');
  }, 60_000);
  afterAll(() => t.close());

  /** Junk of every JSON shape, deep enough to reach nested validation. */
  const junk = fc.oneof(
    fc.anything({ maxDepth: 2, withNullPrototype: false }),
    fc.string(),
    fc.constantFrom('', ' ', '-1', '1e309', 'NaN', '０', '2026-13-45T99:99:99+08:00', '../..'),
    fc.double(),
    fc.integer(),
    fc.constantFrom(null, true, [], {}),
  );

  it.each(writes.map((c) => [`POST ${c.template}`, c] as const))(
    '%s: never 5xx; a refusal appends nothing',
    async (_, c) => {
      const role = Object.keys(accessPolicy[c.access])[0] as ActorRole;
      const actor = ownActors(own)[role];
      const valid = c.body?.(own, actor) ?? {};
      const fields = Object.keys(valid);
      // Whole random bodies, valid bodies with one field made junk, and stray fields.
      const bodies = fc.oneof(
        junk,
        fc.dictionary(fc.constantFrom(...fields, 'extra', '__proto__', 'constructor'), junk),
        fc
          .record({ field: fc.constantFrom(...(fields.length > 0 ? fields : ['x'])), value: junk })
          .map(({ field, value }) => ({ ...valid, [field]: value })),
      );
      await fc.assert(
        fc.asyncProperty(bodies, async (body) => {
          const before = await countEvents(t.db);
          const response = await request(t.app.getHttpServer())
            .post(c.path(own))
            .set(bearer(t.app, actor))
            .set('Content-Type', 'application/json')
            .send(JSON.stringify(body) ?? 'null');
          const appended = (await countEvents(t.db)) - before;
          if (response.status >= 500)
            throw new Error(`${response.status} for ${JSON.stringify(body)}: ${response.text}`);
          if (response.status >= 400 && appended !== 0)
            throw new Error(`${response.status} but ${appended} events appended`);
        }),
        // Fixed by default so CI is repeatable; FUZZ_RUNS=2000 FUZZ_SEED=random explores further.
        {
          numRuns: Number(process.env.FUZZ_RUNS ?? 40),
          seed:
            process.env.FUZZ_SEED === 'random'
              ? undefined
              : Number(process.env.FUZZ_SEED ?? 20261123),
        },
      );
    },
  );
});
