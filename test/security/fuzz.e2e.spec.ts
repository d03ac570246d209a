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

  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  /**
   * Instants across every year ISO 8601 writes (0000–9999, the accepted window 1949-10-01 … one
   * year ahead among them), and date-shaped text whose fields need not exist (30 February, hour 24).
   */
  const dates = fc.oneof(
    fc
      .date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z') })
      .map((d) => (Number.isNaN(d.getTime()) ? '0000-01-01T00:00:00Z' : d.toISOString())),
    fc
      .date({
        min: new Date('1949-09-01T00:00:00Z'),
        max: new Date(Date.now() + 2 * 365 * 86_400_000),
      })
      .map((d) =>
        Number.isNaN(d.getTime())
          ? '1949-10-01T00:00:00+08:00'
          : new Date(d.getTime() + 8 * 3_600_000).toISOString().replace('Z', '+08:00'),
      ),
    fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 60 }),
        fc.constantFrom('Z', '+08:00', '-14:00', '+15:00', '+08:60', ''),
      )
      .map(
        ([y, mo, d, h, mi, z]) =>
          `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:00${z}`,
      ),
  );
  /** Text with control characters, NUL and lone surrogates among ordinary characters. */
  const controlText = fc
    .array(
      fc.oneof(
        fc.constantFrom('\u0000', '\u0007', '\u001b', '\u007f', '\ud800', '\udfff', '\t', '\n'),
        fc.string({ minLength: 1, maxLength: 3 }),
        fc.constantFrom('王', '芳', '😀'),
      ),
      { minLength: 1, maxLength: 12 },
    )
    .map((parts) => parts.join(''));

  /** Junk of every JSON shape, deep enough to reach nested validation. */
  const junk = fc.oneof(
    fc.anything({ maxDepth: 2, withNullPrototype: false }),
    fc.string(),
    fc.constantFrom('', ' ', '-1', '1e309', 'NaN', '０', '2026-13-45T99:99:99+08:00', '../..'),
    fc.double(),
    fc.integer(),
    fc.constantFrom(null, true, [], {}),
    dates,
    controlText,
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
      // Some bodies are sent as raw text: a valid body with one field nested 1–5,000 deep.
      const deeplyNested = fc
        .record({
          field: fc.constantFrom(...(fields.length > 0 ? fields : ['x'])),
          depth: fc.integer({ min: 1, max: 5_000 }),
          open: fc.constantFrom('[', '{"a":'),
        })
        .map(({ field, depth, open }) => {
          const close = open === '[' ? ']' : '}';
          const nested = `${open.repeat(depth)}1${close.repeat(depth)}`;
          return {
            raw: JSON.stringify({ ...valid, [field]: 0 }).replace(
              `"${field}":0`,
              `"${field}":${nested}`,
            ),
          };
        });
      await fc.assert(
        fc.asyncProperty(fc.oneof(bodies, deeplyNested), async (body) => {
          const before = await countEvents(t.db);
          const raw =
            typeof body === 'object' &&
            body !== null &&
            'raw' in body &&
            typeof body.raw === 'string'
              ? body.raw
              : undefined;
          const response = await request(t.app.getHttpServer())
            .post(c.path(own))
            .set(bearer(t.app, actor))
            .set('Content-Type', 'application/json')
            .send(raw ?? JSON.stringify(body) ?? 'null');
          const appended = (await countEvents(t.db)) - before;
          if (response.status >= 500)
            throw new Error(`${response.status} for ${JSON.stringify(body)}: ${response.text}`);
          if (response.status >= 400 && appended !== 0)
            throw new Error(`${response.status} but ${appended} events appended`);
          // Every refusal names what was wrong (one error shape for 400 and 422).
          if ([400, 422].includes(response.status) && typeof response.body?.field !== 'string')
            throw new Error(`${response.status} without a field: ${response.text}`);
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
