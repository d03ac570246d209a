import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import request from 'supertest';
import { parse } from 'csv-parse/sync';
import { personYearsDocFromLog } from '../../src/persons/person-years-from-log';
import { projections } from '../../projections';
import { Database, DATABASE } from '../../src/database/database';
import { rebuildProjection } from '../../src/projections/rebuild';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import {
  bearer,
  client,
  countEvents,
  cqCommittee,
  newIdNumber,
  personBody,
  projectBody,
  projectionsCaughtUp,
  zjCommittee,
  zjOrganizer,
  type ActorHeaders,
} from '../support/ledger-client';
import { startTestApp, type TestApp } from '../support/test-app';

/** A file as a spreadsheet program saves it: CSV lines, or the first sheet of a workbook. */
const csv = (lines: string[][]) => lines.map((l) => l.join(',')).join('\r\n') + '\r\n';
async function xlsx(lines: (string | number | Date)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  for (const line of lines) sheet.addRow(line);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const personYears = projections.find((p) => p.name === 'person-years')!;

describe('imports: rosters and historical records from CSV (UTF-8, GB18030) and XLSX', () => {
  let t: TestApp;
  let api: ReturnType<typeof client>;
  let store: EventStore;
  let sessionId: string;
  const people: { idNumber: string; personId: string }[] = [];

  const upload = (
    kind: string,
    query: string,
    bytes: Buffer | string,
    fileName: string,
    actor: ActorHeaders,
  ) =>
    request(t.app.getHttpServer())
      .post(`/imports/${kind}?${query}`)
      .set(bearer(t.app, actor))
      .attach('file', Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes, 'utf8'), fileName);

  beforeAll(async () => {
    t = await startTestApp({ subscriptionPollMs: 10 });
    api = client(t.app);
    store = t.app.get<EventStore>(EVENT_STORE);
    for (let i = 0; i < 4; i += 1) {
      const body = personBody();
      const { body: created } = await api.post('/persons', body, zjCommittee).expect(201);
      people.push({ idNumber: body.idNumber, personId: created.personId });
    }
    const { body: activity } = await api
      .post('/activities', projectBody({ kind: 'project' }), zjCommittee)
      .expect(201);
    const { body: session } = await api
      .post(
        `/activities/${activity.activityId}/sessions`,
        {
          startsAt: '2026-05-10T08:30:00+08:00',
          endsAt: '2026-05-10T17:30:00+08:00',
          location: '杭州 报告厅',
        },
        zjOrganizer,
      )
      .expect(201);
    sessionId = session.sessionId;
  }, 60_000);
  afterAll(() => t.close());

  it('a UTF-8 roster with Chinese headers: the dry run records nothing, the import records every scan naming its batch and row, and importing it again records nothing', async () => {
    const roster = csv([
      ['期次编号', '身份证号', '签到时间', '签到方式'],
      [sessionId, people[0].idNumber, '2026-05-10 08:41', 'manual'],
      [sessionId, people[1].idNumber, '2026-05-10T08:45:00+08:00', 'qr'],
    ]);
    const before = await countEvents(t.db);
    const dry = await upload('attendance', 'dryRun=true', roster, '签到表.csv', zjOrganizer).expect(
      200,
    );
    expect(dry.body).toMatchObject({
      dryRun: true,
      recorded: false,
      rowCount: 2,
      encoding: 'utf-8',
      summary: { 'would-record': 2, refused: 0 },
    });
    expect(dry.body.rows.map((r: { row: number }) => r.row)).toEqual([2, 3]);
    expect(dry.body.rows[0].events).toEqual(['AttendanceRecorded']);
    expect(await countEvents(t.db)).toBe(before);

    const done = await upload('attendance', '', roster, '签到表.csv', zjOrganizer).expect(201);
    expect(done.body).toMatchObject({ recorded: true, summary: { recorded: 2, refused: 0 } });
    expect(await countEvents(t.db)).toBe(before + 3); // the batch and two attendances
    const batch = await store.readStream(`import-${done.body.batchId}`);
    expect(batch).toHaveLength(1);
    expect(batch[0]).toMatchObject({
      type: 'ImportBatchRecorded',
      data: { sha256: done.body.sha256, rowCount: 2, kind: 'attendance', fileName: '签到表.csv' },
      metadata: { actorId: zjOrganizer.id, role: 'organizer' },
    });
    const { body: attendance } = await api
      .get(`/sessions/${sessionId}/attendance`, zjOrganizer)
      .expect(200);
    expect(JSON.stringify(attendance)).toContain(people[1].personId);
    const recorded = (await store.readAll({ limit: 10_000 })).filter(
      (e) => e.metadata.importBatchId === done.body.batchId,
    );
    const rows = recorded.map((e) => [e.type, e.metadata.importRow, e.metadata.importFile]);
    expect(rows.sort((a, b) => Number(a[1]) - Number(b[1]))).toEqual([
      ['AttendanceRecorded', 2, '签到表.csv'],
      ['AttendanceRecorded', 3, '签到表.csv'],
    ]);
    expect(recorded[0].metadata.causationId).toBe(batch[0].eventId);

    const again = await upload('attendance', '', roster, 'copy.csv', zjOrganizer).expect(201);
    expect(again.body.batchId).toBe(done.body.batchId);
    expect(again.body.summary).toMatchObject({ recorded: 0, 'already-recorded': 2 });
    expect(await countEvents(t.db)).toBe(before + 3);
  });

  it('a GB18030 roster with broken rows: 422, nothing recorded, and a report naming row, column and rule; --accept-valid then records the valid rows', async () => {
    const text = csv([
      ['期次编号', '身份证号', '签到时间', '设备编号'],
      [sessionId, people[2].idNumber, '2026-05-10T09:00:00+08:00', 'gate-1'],
      [sessionId, '330102198501011234', '2026-05-10T09:01:00+08:00', 'gate-1'],
      [sessionId, newIdNumber(), '2026-05-10T09:02:00+08:00', 'gate-1'],
      [sessionId, people[3].idNumber, '昨天上午', 'gate-1'],
    ]);
    const bytes = iconv.encode(text, 'gb18030');
    expect(bytes.equals(Buffer.from(text, 'utf8'))).toBe(false); // really not UTF-8
    const before = await countEvents(t.db);
    const refused = await upload(
      'attendance',
      'report=json',
      bytes,
      'roster-gbk.csv',
      zjOrganizer,
    ).expect(422);
    expect(refused.body).toMatchObject({
      field: 'file',
      encoding: 'gb18030',
      recorded: false,
      summary: { refused: 3, 'not-recorded': 1 },
    });
    const byRow = Object.fromEntries(
      refused.body.rows.map((r: { row: number }) => [r.row, r]),
    ) as Record<number, { status: string; column: string; rule: string; message: string }>;
    expect(byRow[2].status).toBe('not-recorded');
    expect(byRow[3]).toMatchObject({
      status: 'refused',
      column: '身份证号 / ID number',
      rule: 'format',
    });
    expect(byRow[4]).toMatchObject({
      status: 'refused',
      column: '身份证号 / ID number',
      rule: 'not-found',
    });
    expect(byRow[5]).toMatchObject({
      status: 'refused',
      column: '签到时间 / scanned at',
      rule: 'format',
    });
    expect(await countEvents(t.db)).toBe(before);

    const file = await upload('attendance', 'report=csv', bytes, 'roster-gbk.csv', zjOrganizer)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(422)
      .expect('content-type', /text\/csv/);
    const lines = parse((file.body as Buffer).toString('utf8'), {
      bom: true,
      relax_column_count: true,
    }) as string[][];
    const row5 = lines.find((l) => l[0] === '5');
    expect(row5?.slice(1, 4)).toEqual(['拒绝 refused', '签到时间 / scanned at', 'format']);
    expect(await countEvents(t.db)).toBe(before);

    const accepted = await upload(
      'attendance',
      'acceptValid=true',
      bytes,
      'roster-gbk.csv',
      zjOrganizer,
    ).expect(201);
    expect(accepted.body.summary).toMatchObject({ recorded: 1, refused: 3 });
    expect(await countEvents(t.db)).toBe(before + 2);
  });

  it('refuses a file with unknown or missing columns, a file for another jurisdiction (403) and no file (400), appending nothing', async () => {
    const before = await countEvents(t.db);
    const wrong = await upload(
      'attendance',
      '',
      csv([
        ['期次编号', '血型'],
        [sessionId, 'A'],
      ]),
      'x.csv',
      zjOrganizer,
    ).expect(422);
    expect(wrong.body.fileProblems.map((p: { message: string }) => p.message).join(' ')).toMatch(
      /unknown column "血型".*missing required column 签到时间/,
    );
    await upload('attendance', 'jurisdiction=CN-CQ', 'a', 'x.csv', zjOrganizer).expect(403);
    const none = await request(t.app.getHttpServer())
      .post('/imports/attendance')
      .set(bearer(t.app, zjOrganizer))
      .expect(400);
    expect(none.body.field).toBe('file');
    expect(await countEvents(t.db)).toBe(before);
  });

  it('historical credits from XLSX (English headers): CreditImported counts under its year’s profile in the projection, the as-of fold and a rebuild (equal to live), its trace says which file and row; a sealed year refuses imports into it', async () => {
    const cq = await api
      .post('/persons', personBody({ jurisdiction: 'CN-CQ', employerId: undefined }), cqCommittee)
      .expect(201);
    const cqIdNumber = (await api.get(`/persons/${cq.body.personId}`, cqCommittee).expect(200)).body
      .idNumber as string;
    const workbook = await xlsx([
      [
        'ID number',
        'source system',
        'source record id',
        'activity title',
        'kind',
        'level',
        'subject',
        'credits',
        'original amount',
        'earned at',
      ],
      // Chongqing's credit year runs 1 Nov – 31 Oct: 2021-11-02 is in credit year 2022.
      [
        cqIdNumber,
        'cq-cme-2015',
        'R-2021-000412',
        '急危重症护理',
        'project',
        'provincial',
        'professional',
        '6',
        '6.0',
        '2021-11-02',
      ],
      [
        cqIdNumber,
        'cq-cme-2015',
        'R-2021-000413',
        '院感防控',
        'project',
        'national',
        'public',
        4,
        '4',
        new Date(Date.UTC(2021, 9, 31)),
      ],
    ]);
    const done = await upload(
      'credits',
      'jurisdiction=CN-CQ',
      workbook,
      'history.xlsx',
      cqCommittee,
    ).expect(201);
    expect(done.body).toMatchObject({ format: 'xlsx', summary: { recorded: 2 } });
    const [first, second] = done.body.rows as { ids: { creditId: string } }[];
    await projectionsCaughtUp(t.app);
    const { body: year2022 } = await api
      .get(`/persons/${cq.body.personId}/years/2022`, cqCommittee)
      .expect(200);
    expect(year2022).toMatchObject({ profile: 'chongqing-2017@2', counted: { credits: '6' } });
    const { body: year2021 } = await api
      .get(`/persons/${cq.body.personId}/years/2021`, cqCommittee)
      .expect(200);
    expect(year2021.counted.credits).toBe('4');
    expect(second.ids.creditId).toBeDefined();
    const folded = await personYearsDocFromLog(store, cq.body.personId);
    expect(folded.credits[first.ids.creditId]).toMatchObject({ creditYear: 2022, amount: '6' });
    const [projected] = await t.db
      .sql`SELECT doc FROM proj_person_years WHERE key = ${cq.body.personId}`;
    expect(projected.doc.credits).toEqual(folded.credits);
    // Rebuilt from the log, the projection is the live one, row for row.
    const database = t.app.get<Database>(DATABASE);
    const live = await database.sql`SELECT key, doc FROM proj_person_years ORDER BY key`;
    await rebuildProjection(database, store, personYears);
    expect(await database.sql`SELECT key, doc FROM proj_person_years ORDER BY key`).toEqual(live);

    const { body: trace } = await api
      .get(`/credits/${first.ids.creditId}/trace`, cqCommittee)
      .expect(200);
    const step = trace.steps.find((s: { type: string }) => s.type === 'CreditImported');
    expect(step.imported.text).toContain('imported from history.xlsx row 2');
    expect(step.data.imported).toMatchObject({
      sourceSystem: 'cq-cme-2015',
      sourceRecordId: 'R-2021-000412',
      originalAmount: '6.0',
      originalEarnedAt: '2021-11-02',
    });

    // Seal 2020 in Chongqing; a record earned in it is then refused.
    await api.post('/year-audits', { jurisdiction: 'CN-CQ', year: 2020 }, cqCommittee).expect(201);
    const before = await countEvents(t.db);
    const sealed = await upload(
      'credits',
      'jurisdiction=CN-CQ',
      csv([
        [
          '身份证号',
          '来源系统',
          '原记录编号',
          '项目名称',
          '活动类型',
          '级别',
          '科目',
          '学分',
          '获得日期',
        ],
        [
          cqIdNumber,
          'cq-cme-2015',
          'R-2020-000001',
          '院感防控',
          'project',
          'national',
          'public',
          '3',
          '2020-05-01',
        ],
      ]),
      'sealed.csv',
      cqCommittee,
    ).expect(422);
    expect(sealed.body.rows[0]).toMatchObject({
      status: 'refused',
      column: '获得日期 / earned at',
      rule: 'conflict',
    });
    expect(sealed.body.rows[0].message).toMatch(/sealed/);
    expect(await countEvents(t.db)).toBe(before);
  });

  it('persons and activities (with a session) from files; templates for every kind in both formats', async () => {
    const idNumber = newIdNumber();
    const persons = await upload(
      'persons',
      'jurisdiction=CN-ZJ',
      csv([
        ['姓名', '身份证号', '职业', '职称级别', '专业', '基层'],
        ['李伟', idNumber, 'physician', 'senior', 'cardiology', '否'],
        ['张敏', '12345', 'nurse', 'junior', 'nursing', '是'],
      ]),
      'people.csv',
      zjCommittee,
    ).expect(422);
    expect(persons.body.rows[1]).toMatchObject({ row: 3, column: '身份证号 / ID number' });
    const recorded = await upload(
      'persons',
      'jurisdiction=CN-ZJ&acceptValid=true',
      csv([
        ['姓名', '身份证号', '职业', '职称级别', '专业', '基层'],
        ['李伟', idNumber, 'physician', 'senior', 'cardiology', '否'],
      ]),
      'people.csv',
      zjCommittee,
    ).expect(201);
    expect(recorded.body.summary.recorded).toBe(1);

    const activities = await upload(
      'activities',
      '',
      csv([
        [
          '活动类型',
          '项目编号',
          '项目名称',
          '级别',
          '科目',
          '形式',
          '学分',
          '学时',
          '主办单位编号',
          '申报期次',
          '开始时间',
          '结束时间',
          '举办地点',
        ],
        [
          'project',
          '2026-04-01-999(国)',
          '合理用药',
          'national',
          'professional',
          'in-person',
          '5',
          '10',
          zjOrganizer.id,
          '2',
          '2026-06-01 08:30',
          '2026-06-01 17:30',
          '杭州 会议中心',
        ],
      ]),
      'activities.csv',
      zjCommittee,
    ).expect(201);
    const { sessionId: imported } = activities.body.rows[0].ids;
    await api.get(`/sessions/${imported}/attendance`, zjOrganizer).expect(200);

    for (const kind of ['persons', 'activities', 'attendance', 'credits'])
      for (const format of ['csv', 'xlsx']) {
        const response = await request(t.app.getHttpServer())
          .get(`/imports/templates/${kind}?format=${format}`)
          .set(bearer(t.app, zjOrganizer))
          .buffer(true)
          .parse((res, done) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => done(null, Buffer.concat(chunks)));
          })
          .expect(200);
        const body = response.body as Buffer;
        if (format === 'csv') expect(body.toString('utf8')).toMatch(/^\uFEFF\S/);
        else expect(body.subarray(0, 2).toString()).toBe('PK');
      }
  });
});
