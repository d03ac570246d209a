import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import request from 'supertest';
import { accessPolicy } from '../../src/shared/http/access-policy';
import type { ActorRole } from '../../src/shared/http/actor';
import { type ActorHeaders, bearer } from '../support/ledger-client';
import { buildSide, type Case, cases, type Side } from '../support/route-cases';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The API document describes every response: each operation has a success response with a
 * schema, and each error response the one error shape. And the schemas are true: real answers of
 * every route (as an actor allowed to call it, on its own records) validate against the schema
 * declared for the status they came with — strictly, so a property added to an answer and not to
 * its schema fails here.
 */

type Json = Record<string, unknown>;
interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: Json }> }>;
}
type Document = { paths: Record<string, Record<string, Operation>>; components: Json };

const errorRef = '#/components/schemas/ErrorResponse';
const methods = ['get', 'post', 'put', 'patch', 'delete'];

/** Every operation of the document as `method path` with its responses. */
function operationsOf(document: Document): [string, Operation][] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => methods.includes(method))
      .map(([method, operation]): [string, Operation] => [`${method} ${path}`, operation]),
  );
}

/**
 * A copy of the document's schemas in which every object that lists its properties admits no
 * others: what a route answers must be described, not only what it promises.
 */
function strict(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strict);
  if (schema === null || typeof schema !== 'object') return schema;
  const copy = Object.fromEntries(
    Object.entries(schema as Json).map(([key, value]) => [
      key,
      // Examples are data, not schemas.
      key === 'example' || key === 'examples' ? value : strict(value),
    ]),
  );
  if ('properties' in copy && !('additionalProperties' in copy)) copy.additionalProperties = false;
  return copy;
}

/** OpenAPI 3.0's `nullable` as JSON Schema: `type: [t, 'null']` (and `null` in an enum). */
function nullableToJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(nullableToJsonSchema);
  if (schema === null || typeof schema !== 'object') return schema;
  const copy = Object.fromEntries(
    Object.entries(schema as Json).map(([key, value]) => [
      key,
      key === 'example' || key === 'examples' ? value : nullableToJsonSchema(value),
    ]),
  ) as Json;
  if (copy.nullable === true) {
    delete copy.nullable;
    if (typeof copy.type === 'string') copy.type = [copy.type, 'null'];
    if (Array.isArray(copy.enum)) copy.enum = [...(copy.enum as unknown[]), null];
    if (copy.$ref || copy.allOf || copy.oneOf || copy.anyOf) {
      const { description, ...rest } = copy;
      return { description, anyOf: [rest, { type: 'null' }] };
    }
  }
  return copy;
}

function validatorFor(document: Document) {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addSchema(
    {
      $id: 'api',
      components: nullableToJsonSchema(strict(document.components)),
    },
    'api',
  );
  const cache = new Map<string, ValidateFunction | null>();
  return (route: string, status: number): ValidateFunction | null | undefined => {
    const key = `${route} ${status}`;
    if (cache.has(key)) return cache.get(key);
    const operation = operationsOf(document).find(([r]) => r === route)?.[1];
    const declared = operation?.responses[String(status)];
    if (!declared) return undefined;
    const schema = declared.content?.['application/json']?.schema;
    const validate = schema
      ? ajv.compile(
          nullableToJsonSchema(
            JSON.parse(
              JSON.stringify(strict(schema)).replaceAll('"#/components/', '"api#/components/'),
            ),
          ) as Json,
        )
      : null;
    cache.set(key, validate);
    return validate;
  };
}

describe('OpenAPI: every response described, and true', () => {
  let t: TestApp;
  let document: Document;

  beforeAll(async () => {
    t = await startTestApp({ subscriptionPollMs: 10, correctionApprovalThreshold: '0' });
    document = (await request(t.app.getHttpServer()).get('/openapi.json').expect(200))
      .body as Document;
  }, 60_000);
  afterAll(() => t?.close());

  it('is a valid OpenAPI document (swagger-parser)', async () => {
    // validate() dereferences in place: give it a copy.
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeTruthy();
  });

  it('gives every operation a success response with a schema, and every error response the error shape', () => {
    const problems: string[] = [];
    const operations = operationsOf(document);
    expect(operations.length).toBeGreaterThan(50);
    for (const [route, operation] of operations) {
      const statuses = Object.keys(operation.responses);
      const successes = statuses.filter((s) => /^2\d\d$/.test(s));
      if (successes.length === 0) problems.push(`${route}: no success response`);
      for (const status of successes) {
        const content = operation.responses[status].content ?? {};
        if (Object.keys(content).length === 0) problems.push(`${route} ${status}: no content`);
        for (const [type, media] of Object.entries(content))
          if (!media.schema) problems.push(`${route} ${status} ${type}: no schema`);
      }
      const errors = statuses.filter((s) => /^[45]\d\d$/.test(s));
      if (errors.length === 0) problems.push(`${route}: no error response`);
      for (const status of errors) {
        const schema = operation.responses[status].content?.['application/json']?.schema;
        // 503 of /health is its report, 422 of an upload the import report; every other error
        // answers the error shape.
        const answersReport =
          (route === 'get /health' && status === '503') ||
          (route.startsWith('post /imports/') && status === '422');
        if (!answersReport && schema?.$ref !== errorRef)
          problems.push(`${route} ${status}: not the error shape`);
      }
      // A route behind the access policy can answer 401 and 403.
      if (operation.responses['401'] === undefined && !publicOperations.includes(route))
        problems.push(`${route}: no 401`);
    }
    expect(problems).toEqual([]);
  });

  it('shows an example of every error status', () => {
    const schemas = document.components.schemas as Record<string, Json>;
    expect(schemas.ErrorResponse).toBeDefined();
    for (const [route, operation] of operationsOf(document))
      for (const [status, response] of Object.entries(operation.responses))
        if (/^4\d\d$/.test(status) && !(route.startsWith('post /imports/') && status === '422'))
          expect([route, status, response.content?.['application/json']]).toEqual([
            route,
            status,
            expect.objectContaining({ example: expect.objectContaining({ statusCode: +status }) }),
          ]);
  });

  describe('real answers match their declared schemas', () => {
    let own: Side;
    let second: Side;
    let validate: ReturnType<typeof validatorFor>;
    const national: ActorHeaders = { id: 'national-auditor', role: 'auditor', jurisdiction: 'CN' };
    const checked: string[] = [];

    beforeAll(async () => {
      own = await buildSide(t.app, 'CN-ZJ', 'zj');
      // A second side: writes that use a record up (a held correction, a credit revoked) run
      // there when the first side's record is gone.
      second = await buildSide(t.app, 'CN-CQ', 'cq');
      validate = validatorFor(document);
    }, 120_000);

    /** The first role that may call the route on its own records. */
    const allowedRole = (c: Case): ActorRole | undefined => {
      const policy = accessPolicy[c.access] as Partial<Record<ActorRole, string>>;
      const order: ActorRole[] = [
        'committee',
        'admin',
        'organizer',
        'employer',
        'auditor',
        'professional',
      ];
      return order.find((role) => policy[role] !== undefined && policy[role] !== 'national');
    };

    /** The side's own actor of each role. */
    const actorOf = (side: Side, role: ActorRole): ActorHeaders => {
      const { jurisdiction } = side;
      if (role === 'organizer') return { id: side.org, role, jurisdiction };
      if (role === 'employer') return { id: side.employer, role, jurisdiction };
      if (role === 'professional')
        return { id: `professional-${jurisdiction}`, role, jurisdiction, person: side.personId };
      return { id: `${role}-${jurisdiction}`, role, jurisdiction };
    };

    const call = async (c: Case, side: Side, role: ActorRole | undefined) => {
      const server = t.app.getHttpServer();
      // Routes for national actors only (the raw log): a national auditor.
      const actor = role ? actorOf(side, role) : national;
      const test = request(server)[c.method](c.path(side)).set(bearer(t.app, actor));
      return c.body ? test.send(c.body(side, actor)) : test;
    };

    const check = (route: string, status: number, body: unknown, problems: string[]) => {
      const validator = validate(route, status);
      if (validator === undefined) problems.push(`${route}: answered ${status}, not declared`);
      else if (validator && !validator(body))
        problems.push(
          `${route} ${status}: ${JSON.stringify(validator.errors?.slice(0, 3))} in ${JSON.stringify(body).slice(0, 300)}`,
        );
    };

    it('for every route in the access matrix (reads first, then writes)', async () => {
      const problems: string[] = [];
      const unreached: string[] = [];
      const ordered = [
        ...cases.filter((c) => c.method === 'get'),
        ...cases.filter((c) => c.method !== 'get'),
      ];
      for (const c of ordered) {
        const role = allowedRole(c);
        const route = `${c.method} ${c.template}`;
        let response = await call(c, own, role);
        if (response.status >= 400) {
          check(route, response.status, response.body, problems);
          response = await call(c, second, role);
        }
        if (response.status >= 500) problems.push(`${route}: ${response.status} ${response.text}`);
        else if (response.status >= 400) unreached.push(route);
        const json = (response.headers['content-type'] ?? '').startsWith('application/json');
        if (json) check(route, response.status, response.body, problems);
        checked.push(route);
      }
      expect(checked.length).toBe(cases.length);

      // Successes the matrix's records do not reach, reached here.
      const server = t.app.getHttpServer();
      const as = (actor: ActorHeaders) => bearer(t.app, actor);
      const committee = actorOf(own, 'committee');
      const admin = actorOf(own, 'admin');
      const reached = async (route: string, response: request.Response, status: number) => {
        expect([route, response.status]).toEqual([route, status]);
        check(route, response.status, response.body, problems);
        unreached.splice(unreached.indexOf(route) >>> 0, unreached.includes(route) ? 1 : 0);
      };
      // The matrix sealed 2025.
      await reached(
        'get /year-audits/{jurisdiction}/{year}',
        await request(server).get(`/year-audits/${own.jurisdiction}/2025`).set(as(committee)),
        200,
      );
      // Fresh credits: a correction of each is held for a second admin (threshold 0): 202.
      const freshCredit = async () =>
        (
          await request(server)
            .post('/credits')
            .set(as(actorOf(own, 'employer')))
            .send({
              personId: own.personId,
              activityId: own.trainingActivityId,
              earnedAt: '2026-07-01T17:00:00+08:00',
              evidence: 'roster signed by the department head',
              hours: '3',
            })
            .expect(201)
        ).body.creditId as string;
      await reached(
        'post /credits/{creditId}/adjustment',
        await request(server)
          .post(`/credits/${await freshCredit()}/adjustment`)
          .set(as(admin))
          .send({ amount: '0.5', reason: 'hours were keyed as 3 instead of 1.5' }),
        202,
      );
      await reached(
        'post /credits/{creditId}/revocation',
        await request(server)
          .post(`/credits/${await freshCredit()}/revocation`)
          .set(as(admin))
          .send({ reason: 'the roster was signed by proxy' }),
        202,
      );
      // An upload: the attendance template back as a dry run.
      const organizer = actorOf(own, 'organizer');
      const template = await request(server)
        .get('/imports/templates/attendance?format=csv')
        .set(as(organizer))
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      await reached(
        'post /imports/attendance',
        await request(server)
          .post(`/imports/attendance?jurisdiction=${own.jurisdiction}&dryRun=true`)
          .set(as(organizer))
          .attach('file', template.body as Buffer, 'attendance.csv'),
        200,
      );
      // A refusal without a token, in the error shape.
      const anonymous = await request(server).get(`/persons/${own.personId}`);
      expect(anonymous.status).toBe(401);
      check('get /persons/{personId}', 401, anonymous.body, problems);

      expect(problems).toEqual([]);
      // Not reached with these records (each answered its declared error shape, checked above):
      // The draw is seeded by the ledger digest: it may select the side's other project.
      const findings = 'post /spot-checks/{spotCheckId}/findings';
      expect(unreached.filter((r) => r !== findings).sort()).toEqual([
        'get /year-audits/{jurisdiction}/{year}/changes', // no year is sealed in these records: 404
        'post /credits/{creditId}/verification', // no remote credit awaits verification
        'post /imports/activities', // uploads without a file: 400 (one upload is reached above)
        'post /imports/credits',
        'post /imports/persons',
        'post /organizers/{organizerId}/annulments', // the sanctioned organizer has no projects
        'post /persons/{personId}/erasure', // records are kept 3 years before erasure
      ]);
    }, 240_000);
  });
});

/** Routes anyone may call (no token). */
const publicOperations = [
  'get /health',
  'get /projections',
  'get /certificates/{certificateId}/verification',
  'post /sign-in-links/exchange',
  'get /console-config',
];
