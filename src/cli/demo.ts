import 'reflect-metadata';
import { CommandBus } from '@nestjs/cqrs';
import { AnnulActivity } from '../activities/annul-activity/annul-activity.handler';
import { RegisterActivity } from '../activities/register-activity/register-activity.handler';
import { ScheduleSession } from '../activities/schedule-session/schedule-session.handler';
import type { ActivityDetails } from '../activities/domain/activity.events';
import { professions } from '../persons/domain/person.events';
import { closeOnSignals, createApp } from '../app.factory';
import { loadConfig } from '../config/app-config';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { GrantExemption } from '../persons/exemptions/exemptions.handler';
import { ChangeProfile } from '../persons/profile-changes/profile-changes.handler';
import { GrantCredit } from '../persons/grant-credit/grant-credit.handler';
import { ImportCredit } from '../imports/import-credit/import-credit.handler';
import { RegisterPerson } from '../persons/register-person/register-person.handler';
import { RevokeCredit } from '../persons/revoke-credit/revoke-credit.handler';
import { DecideReport } from '../sessions/decide-report/decide-report.handler';
import { RecordAttendance } from '../sessions/record-attendance/record-attendance.handler';
import { SubmitReport } from '../sessions/submit-report/submit-report.handler';
import { ApproveSelfStudyPlan } from '../persons/self-study-plan/self-study-plan.handler';
import { ProjectionStatus } from '../projections/projection-status';
import { DrawSpotCheck } from '../spot-checks/draw-spot-check/draw-spot-check.handler';
import { RecordFinding } from '../spot-checks/record-finding/record-finding.handler';
import { SealYear } from '../year-audits/seal-year.handler';
import { withCheckCharacter } from '../shared/domain/id-number';
import { actorMetadata } from '../shared/http/command-metadata';
import type { Actor } from '../shared/http/actor';
import { derivedId } from '../shared/ids';
import { Database, DATABASE } from '../database/database';
import {
  TOKEN_VERIFIER,
  type TokenClaims,
  type TokenVerifier,
} from '../shared/http/token-verifier';
import { createSignInLink, signInUrl } from '../console/sign-in/sign-in-links';
import type { AppConfig } from '../config/app-config';
import type { INestApplication } from '@nestjs/common';

/** Minutes the demo's sign-in links stay open (longer than `ledger sign-in`'s: load, then start). */
const demoLinkMinutes = 30;

/**
 * One one-time sign-in link per role for the web console (embedded default only): Zhejiang's
 * auditor, committee, admin, organizer, employer and one of its professionals.
 */
async function printSignInLinks(
  app: INestApplication,
  config: AppConfig,
  samplePerson?: string,
): Promise<void> {
  const tokens = app.get<TokenVerifier>(TOKEN_VERIFIER);
  if (!tokens.embedded) {
    process.stdout.write('Sign in to the console through your identity provider.\n');
    return;
  }
  const database = app.get<Database>(DATABASE);
  const [person] = samplePerson
    ? [{ key: samplePerson }]
    : await database.sql<{ key: string }[]>`
        SELECT key FROM proj_person_years WHERE jurisdiction = 'CN-ZJ' ORDER BY key LIMIT 1`;
  const zj = ['CN-ZJ'];
  const links: [string, TokenClaims][] = [
    ['审计 auditor', { sub: 'auditor-zj-demo', roles: ['auditor'], jurisdictions: zj }],
    ['委员会 committee', { sub: 'zj-committee', roles: ['committee'], jurisdictions: zj }],
    ['管理员 admin', { sub: 'admin-zj-demo', roles: ['admin'], jurisdictions: zj }],
    [
      '举办单位 organizer',
      { sub: 'org-zj-demo', roles: ['organizer'], jurisdictions: zj, org: 'org-zj-demo' },
    ],
    [
      '用人单位 employer',
      { sub: 'employer-zj-demo', roles: ['employer'], jurisdictions: zj, org: 'employer-zj-demo' },
    ],
  ];
  if (person)
    links.push([
      '卫生技术人员 professional',
      {
        sub: `person-${person.key}`,
        roles: ['professional'],
        jurisdictions: zj,
        person: person.key,
      },
    ]);
  const base = `http://localhost:${config.port}`;
  const lines = [
    `Web console (after npm start, ${base}): one-time sign-in links, each works once within ${demoLinkMinutes} minutes (more: npm run ledger -- sign-in --help):`,
  ];
  for (const [role, claims] of links) {
    const { code } = await createSignInLink(database.sql, claims, demoLinkMinutes);
    lines.push(`  ${role}: ${signInUrl(base, code)}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

/**
 * `npm run demo`: a small, realistic ledger loaded through the same commands the API runs —
 * two provinces, a few hundred people, a few dozen activities with sessions and scans, approved
 * reports, a revocation, exemptions, people in residency training (out of scope), promotions and
 * a transfer, an annulled project and remote credits waiting for verification. The spread is a
 * real one: most people compliant for 2026, some short, a few exempt or out of scope, a few
 * registered after Chongqing's 2026 ended. Deterministic (fixed seed), loaded once per database.
 */
const peoplePerProvince = 150;
const projectsPerProvince = 12;

const provinces = [
  {
    code: 'CN-ZJ',
    region: '330102',
    city: '杭州',
    committee: actor('zj-committee', 'committee', 'CN-ZJ'),
    organizer: actor('org-zj-demo', 'organizer', 'CN-ZJ'),
    employer: actor('employer-zj-demo', 'employer', 'CN-ZJ'),
    year: 2026,
  },
  {
    code: 'CN-CQ',
    region: '500103',
    city: '重庆',
    committee: actor('cq-committee', 'committee', 'CN-CQ'),
    organizer: actor('org-cq-demo', 'organizer', 'CN-CQ'),
    employer: actor('employer-cq-demo', 'employer', 'CN-CQ'),
    year: 2026,
  },
];
const admin = actor('admin-zj-demo', 'admin', 'CN-ZJ');
const nationalCommittee = actor('cn-committee-demo', 'committee', 'CN');
/** Share of people who keep up with their CME; the rest attend now and then. */
const diligentShare = 0.82;
const titles = ['junior', 'junior', 'intermediate', 'intermediate', 'senior', 'none'] as const;
const surnames = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const givenNames = ['芳', '伟', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰'];
const topics = [
  '心血管疾病诊疗新进展',
  '急危重症护理',
  '合理用药与药物警戒',
  '医学影像质量控制',
  '中医经典与临床',
  '基层常见病规范诊疗',
  '院感防控',
  '医疗纠纷预防',
];

/** The actor a token would give, as the demo uses it: organizers run their own activities, employers act for their own staff, committees and admins in their province. */
function actor(actorId: string, role: Actor['role'], jurisdiction: string): Actor {
  const scope =
    role === 'organizer' ? 'own-activity' : role === 'employer' ? 'own-staff' : 'jurisdiction';
  return {
    actorId,
    role,
    scope,
    jurisdiction,
    jurisdictions: [jurisdiction],
    ...(role === 'organizer' || role === 'employer' ? { orgId: actorId } : {}),
  };
}

/** Small seeded generator so that every run loads the same ledger. */
function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

async function main(): Promise<void> {
  const config = { ...loadConfig(), logLevel: process.env.LOG_LEVEL ?? 'warn' };
  const app = await createApp(config);
  // Ctrl-C closes the database (the embedded server too, when the demo started it) and exits 130.
  closeOnSignals(app, config, 130);
  await app.init();
  const commands = app.get(CommandBus);
  const store = app.get<EventStore>(EVENT_STORE);
  const random = seeded(20261123);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const marker = derivedId('demo', 'marker');
  if ((await store.streamVersion(`activity-${marker}`)) > 0) {
    process.stdout.write('The demo data is already loaded in this database.\n');
    await printSignInLinks(app, config);
    await app.close();
    return;
  }

  const samples: string[] = [];
  const movers: string[] = [];
  const zjPeople: string[] = [];
  /** A Chongqing person short for 2026, deemed exempt after the seal: a post-seal change. */
  const cqLater: string[] = [];
  const diligent = new Set<string>();
  /** People registered before 2025: their 2025 records come from the provincial platform. */
  const registered2025: { personId: string; jurisdiction: string; committee: Actor }[] = [];
  const titleOf = new Map<string, (typeof titles)[number]>();
  for (const [p, province] of provinces.entries()) {
    const people: string[] = [];
    for (let i = 0; i < peoplePerProvince; i += 1) {
      // Most entered the register years ago; the last few only this month (after Chongqing's
      // 2026 credit year ended on 31 Oct: not in its 2026 population).
      const registeredAt =
        i >= peoplePerProvince - 4
          ? new Date()
          : new Date(
              `${2018 + Math.floor(random() * 7)}-0${1 + Math.floor(random() * 9)}-15T09:00:00+08:00`,
            );
      const region =
        province.code === 'CN-CQ' && random() < 0.35
          ? pick(['cq-northeast', 'cq-southeast'] as const)
          : null;
      const birth = `19${60 + Math.floor(random() * 40)}${String(1 + Math.floor(random() * 12)).padStart(2, '0')}${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
      const idNumber = withCheckCharacter(
        `${province.region}${birth}${String(i).padStart(3, '0')}`,
      );
      const profession = pick(professions);
      const titleLevel = profession === 'village-doctor' ? 'none' : pick(titles);
      const { personId } = await commands.execute(
        new RegisterPerson(
          idNumber,
          `${pick(surnames)}${pick(givenNames)}`,
          {
            profession,
            titleLevel,
            specialty: pick([
              'internal medicine',
              'surgery',
              'nursing',
              'pharmacy',
              'radiology',
              'general practice',
            ]),
            jurisdiction: province.code,
            // R10: grassroots institutions (village doctors included); R3: county level and below.
            grassroots: profession === 'village-doctor' || random() < 0.2,
            countyLevelOrBelow: profession === 'village-doctor' || random() < 0.35,
            region,
            employerId: province.employer.actorId,
            registeredAt: registeredAt.toISOString(),
          },
          new Date(),
          actorMetadata(province.committee),
        ),
      );
      people.push(personId);
      if (registeredAt.getTime() < Date.parse('2025-01-01T00:00:00+08:00'))
        registered2025.push({
          personId,
          jurisdiction: province.code,
          committee: province.committee,
        });
      titleOf.set(personId, titleLevel);
      if (random() < diligentShare) diligent.add(personId);
    }
    samples.push(people[0]);
    if (province.code === 'CN-ZJ') zjPeople.push(...people);
    else
      cqLater.push(...people.filter((id, i) => i > 4 && i < 140 && !diligent.has(id)).slice(0, 1));
    if (province.code === 'CN-ZJ') movers.push(people[12]);

    // Who attends what: a diligent person one public-subject project and four professional ones
    // held in person (sometimes a remote one too, pending verification); the others one project.
    const publicInPerson = [0, 8];
    const professionalInPerson = [1, 2, 3, 5, 6, 7, 10, 11];
    const plan = new Map<string, Set<number>>();
    for (const id of people) {
      const chosen = new Set<number>();
      if (diligent.has(id)) {
        chosen.add(pick(publicInPerson));
        while (chosen.size < 5) chosen.add(pick(professionalInPerson));
        if (random() < 0.3) chosen.add(pick([4, 9]));
      } else chosen.add(Math.floor(random() * projectsPerProvince));
      plan.set(id, chosen);
    }
    for (let a = 0; a < projectsPerProvince; a += 1) {
      const remote = a % 5 === 4;
      const details: ActivityDetails = {
        activityId:
          a === 0 && p === 0 ? marker : derivedId('demo', province.code, 'activity', String(a)),
        kind: 'project',
        code: `2026-${String(10 + a).padStart(2, '0')}-${String(p + 1).padStart(2, '0')}-${String(100 + a)}(${a % 3 === 0 ? '国' : province.code === 'CN-ZJ' ? '浙' : '渝'})`,
        title: `${province.city} ${pick(topics)}`,
        level: a % 3 === 0 ? 'national' : 'provincial',
        category: a % 2 === 0 ? 'I' : 'II',
        subject: a % 4 === 0 ? 'public' : 'professional',
        format: remote ? 'remote' : 'in-person',
        // Public-subject projects (a % 4 === 0) carry 10 credits: one covers a junior's 10 (R10).
        credits: a % 4 === 0 ? '10' : pick(['6', '8', '10']),
        hours: a % 4 === 0 ? '30' : pick(['18', '24', '30']),
        jurisdiction: province.code,
        organizerId: province.organizer.actorId,
        sessionsDeclared: a % 3 === 0 ? 2 : null,
      };
      await commands.execute(
        new RegisterActivity(details, new Date(), actorMetadata(province.committee)),
      );
      const month = 1 + (a % 9);
      const day = 5 + Math.floor(random() * 20);
      const date = `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      const { sessionId } = await commands.execute(
        new ScheduleSession(
          details.activityId,
          derivedId(details.activityId, 'session-1'),
          new Date(`${date}T08:30:00+08:00`),
          new Date(`${date}T17:30:00+08:00`),
          `${province.city} 会议中心`,
          province.organizer,
          new Date(),
          actorMetadata(province.organizer),
        ),
      );
      const attendees = people.filter((id) => plan.get(id)?.has(a));
      for (const [n, personId] of attendees.entries()) {
        const minute = String(10 + (n % 50)).padStart(2, '0');
        const scan = new RecordAttendance(
          sessionId,
          personId,
          n % 3 === 0 ? 'id-card' : 'qr',
          new Date(`${date}T08:${minute}:00+08:00`),
          'gate-1',
          province.organizer,
          actorMetadata(province.organizer),
        );
        await commands.execute(scan);
        if (n % 17 === 0) await commands.execute(scan); // a repeated scan: counted, not recorded twice
      }
      const hoursTaught = a % 6 === 1 ? String(Number(details.hours) - 3) : details.hours;
      await commands.execute(
        new SubmitReport(
          sessionId,
          hoursTaught,
          new Date(`${date}T20:00:00+08:00`),
          province.organizer,
          undefined,
          new Date(),
          actorMetadata(province.organizer),
          a % 5 === 2 ? [1, 2, 3, 4] : [1, 2, 3],
          // R12: now and then a teacher was replaced, once by a lower title (flagged for review).
          a % 7 === 3
            ? {
                teachersChangedShare: '0.25',
                contentChangedShare: '0.1',
                replacements: [{ replacedTitle: 'senior', replacementTitle: 'intermediate' }],
              }
            : undefined,
        ),
      );
      await commands.execute(
        new DecideReport(
          sessionId,
          true,
          null,
          province.committee,
          new Date(),
          actorMetadata(province.committee),
        ),
      );
    }

    // The work screens' material: a report awaiting the committee's review (overdue, with a
    // lower-titled replacement flagged) and a session whose organizer has not filed its report.
    // Nobody earns credit from either until a report is approved, so the verdicts stay as above.
    for (const [n, filed] of [
      [projectsPerProvince, true],
      [projectsPerProvince + 1, false],
    ] as const) {
      const details: ActivityDetails = {
        activityId: derivedId('demo', province.code, 'activity', String(n)),
        kind: 'project',
        code: `2026-${String(10 + n).padStart(2, '0')}-${String(p + 1).padStart(2, '0')}-${String(100 + n)}(${province.code === 'CN-ZJ' ? '浙' : '渝'})`,
        title: `${province.city} ${filed ? '医疗质量与患者安全' : '全科医学临床思维'}`,
        level: 'provincial',
        category: 'II',
        subject: 'professional',
        format: 'in-person',
        credits: '6',
        hours: '18',
        jurisdiction: province.code,
        organizerId: province.organizer.actorId,
        sessionsDeclared: null,
      };
      await commands.execute(
        new RegisterActivity(details, new Date(), actorMetadata(province.committee)),
      );
      const date = filed ? '2026-10-10' : '2026-10-24';
      const { sessionId } = await commands.execute(
        new ScheduleSession(
          details.activityId,
          derivedId(details.activityId, 'session-1'),
          new Date(`${date}T08:30:00+08:00`),
          new Date(`${date}T17:30:00+08:00`),
          `${province.city} 会议中心`,
          province.organizer,
          new Date(),
          actorMetadata(province.organizer),
        ),
      );
      for (const [k, personId] of people.slice(20, 28).entries())
        await commands.execute(
          new RecordAttendance(
            sessionId,
            personId,
            'qr',
            new Date(`${date}T08:${String(10 + k).padStart(2, '0')}:00+08:00`),
            'gate-1',
            province.organizer,
            actorMetadata(province.organizer),
          ),
        );
      if (filed)
        await commands.execute(
          new SubmitReport(
            sessionId,
            '18',
            new Date(`${date}T20:00:00+08:00`),
            province.organizer,
            undefined,
            new Date(),
            actorMetadata(province.organizer),
            [1, 2, 3],
            {
              teachersChangedShare: '0.2',
              contentChangedShare: '0',
              replacements: [{ replacedTitle: 'senior', replacementTitle: 'intermediate' }],
            },
          ),
        );
    }

    const training: ActivityDetails = {
      activityId: derivedId('demo', province.code, 'internal-training'),
      kind: 'internal-training',
      code: null,
      title: `${province.city} 科室业务学习`,
      level: 'unit',
      category: 'II',
      subject: 'professional',
      format: 'in-person',
      credits: '5',
      hours: '15',
      jurisdiction: province.code,
      organizerId: province.employer.actorId,
    };
    await commands.execute(
      new RegisterActivity(training, new Date(), actorMetadata(province.committee)),
    );
    for (const personId of people.slice(0, 40)) {
      await commands.execute(
        new GrantCredit(
          {
            personId,
            activityId: training.activityId,
            hours: pick(['3', '6', '9', '12']),
            // Where the profile has no conversion rule (Chongqing), the unit's own decision.
            amount: '2',
            earnedAt: '2026-06-30T17:00:00+08:00',
            evidence: '科室学习签到表 2026-06',
          },
          province.employer,
          undefined,
          actorMetadata(province.employer),
        ),
      );
    }
    // Out of scope (003 第四条: post-graduate medical education) and deemed qualified (R4).
    const exemptions = [
      [people[1], 'residency-training', '住院医师规范化培训在培证明 2026-0001'],
      [people[2], 'specialist-training', '专科医师规范化培训在培证明 2026-0002'],
      [people[3], 'advanced-study-6-months', '进修结业证书 2026-0003 (8 months)'],
      [people[4], 'science-award-leader', '省科学技术进步奖 项目负责人 2026'],
    ] as const;
    for (const [personId, basis, evidence] of exemptions)
      await commands.execute(
        new GrantExemption(
          personId,
          province.year,
          basis,
          evidence,
          province.committee,
          undefined,
          actorMetadata(province.committee),
        ),
      );
    // Promotions during the year: judged with the title in force on the year's last day.
    const promoted = people
      .slice(5)
      .filter((id) => titleOf.get(id) === 'junior' || titleOf.get(id) === 'intermediate')
      .slice(0, 6);
    for (const personId of promoted)
      await commands.execute(
        new ChangeProfile(
          personId,
          '2026-03-01',
          { titleLevel: titleOf.get(personId) === 'junior' ? 'intermediate' : 'senior' },
          '晋升职称 promoted one title level (appointment letter 2026-03)',
          province.committee,
          undefined,
          actorMetadata(province.committee),
        ),
      );
  }

  // Last year, as the provinces' platforms recorded it (imported, CreditImported): most people
  // complete, some short — the committee's dashboard compares 2026 with it. A generator of its
  // own, so that 2026's draws (and the spread above) stay as they were.
  const random2025 = seeded(2025);
  const platform: Record<string, string> = {
    'CN-ZJ': '浙江省继续医学教育学分管理平台',
    'CN-CQ': '重庆市继续医学教育学分管理系统',
  };
  const record2025 = [
    {
      n: 'public',
      kind: 'project',
      level: 'national',
      category: 'I',
      subject: 'public',
      amount: '10',
      hours: '30',
      title: '医疗卫生法律法规与医德医风',
    },
    {
      n: 'professional-1',
      kind: 'project',
      level: 'provincial',
      category: 'I',
      subject: 'professional',
      amount: '8',
      hours: '24',
      title: '临床诊疗规范新进展',
    },
    {
      n: 'professional-2',
      kind: 'project',
      level: 'provincial',
      category: 'II',
      subject: 'professional',
      amount: '8',
      hours: '24',
      title: '常见病多发病诊治',
    },
    {
      n: 'professional-3',
      kind: 'project',
      level: 'provincial',
      category: 'II',
      subject: 'professional',
      amount: '8',
      hours: '24',
      title: '护理质量与安全管理',
    },
  ] as const;
  for (const { personId, jurisdiction, committee } of registered2025) {
    // 85 % kept up with all four; the others attended one professional project only.
    const records = random2025() < 0.85 ? record2025 : record2025.slice(2, 3);
    for (const r of records) {
      const sourceRecordId = `2025-${r.n}-${personId.slice(0, 8)}`;
      await commands.execute(
        new ImportCredit(
          personId,
          {
            creditId: derivedId('demo-2025', personId, r.n),
            sourceSystem: platform[jurisdiction],
            sourceRecordId,
            activityId: derivedId('demo-2025', jurisdiction, r.n),
            activityTitle: r.title,
            activityCode: null,
            kind: r.kind,
            level: r.level,
            category: r.category,
            subject: r.subject,
            format: 'in-person',
            amount: r.amount,
            hours: r.hours,
            originalAmount: r.amount,
            earnedAt: new Date('2025-06-15T09:00:00+08:00'),
            originalEarnedAt: '2025-06-15',
            sourceRecordedAt: '2025-06-20T10:00:00+08:00',
          },
          committee,
          actorMetadata(committee),
        ),
      );
    }
  }

  // Self-study plans the Zhejiang employer approved at the start of 2026 (R11).
  for (const personId of zjPeople.slice(5, 8))
    await commands.execute(
      new ApproveSelfStudyPlan(
        personId,
        2026,
        '研读本专业 2026 版诊疗指南，每月病例讨论一次，由科主任核验',
        provinces[0].employer,
        actorMetadata(provinces[0].employer),
        new Date('2026-01-08T09:00:00+08:00'),
      ),
    );

  // Corrections: one credit revoked, one project annulled (its credits stop counting).
  const firstPerson = await commands.execute(
    new GrantCredit(
      {
        personId: samples[0],
        activityId: derivedId('demo', 'CN-ZJ', 'internal-training'),
        hours: '6',
        earnedAt: '2026-07-15T17:00:00+08:00',
        evidence: '科室学习签到表 2026-07',
      },
      provinces[0].employer,
      undefined,
      actorMetadata(provinces[0].employer),
    ),
  );
  await commands.execute(
    new RevokeCredit(
      firstPerson.creditId,
      'the sign-in sheet for July was signed by proxy',
      admin,
      undefined,
      actorMetadata(admin, { reason: 'the sign-in sheet for July was signed by proxy' }),
    ),
  );
  const annulled = await commands.execute(
    new AnnulActivity(
      derivedId('demo', 'CN-CQ', 'activity', '5'),
      'the organizer failed its 2026 annual inspection (R15)',
      provinces[1].committee,
      new Date(),
      actorMetadata(provinces[1].committee),
      'revoke',
      null,
    ),
  );

  // A transfer from Zhejiang to Chongqing: 2025 stays in Zhejiang, 2026 is Chongqing's.
  const transferred = await commands.execute(
    new ChangeProfile(
      movers[0],
      '2026-04-01',
      { jurisdiction: 'CN-CQ', region: 'cq-northeast' },
      '调入重庆市万州区人民医院 transferred to Wanzhou',
      nationalCommittee,
      undefined,
      actorMetadata(nationalCommittee),
    ),
  );
  // A spot check of Zhejiang's 2026 projects with one finding, and Chongqing's 2026 sealed (its
  // year ended on 31 Oct) with one change after the seal. Both read the projections: wait for them.
  await projectionsCaughtUp(app.get(ProjectionStatus));
  const drawn = await commands.execute(
    new DrawSpotCheck(
      { jurisdiction: 'CN-ZJ', year: 2026, rate: '0.1' },
      provinces[0].committee,
      actorMetadata(provinces[0].committee),
    ),
  );
  if (drawn.selected[0])
    await commands.execute(
      new RecordFinding(
        drawn.spotCheckId,
        {
          activityId: drawn.selected[0] as string,
          result: 'pass',
          reason: '签到记录与扫码记录一致，授课教师与申报一致',
        },
        provinces[0].committee,
        actorMetadata(provinces[0].committee),
      ),
    );
  await commands.execute(
    new SealYear(
      'CN-CQ',
      2026,
      provinces[1].committee,
      new Date(),
      actorMetadata(provinces[1].committee),
    ),
  );
  for (const personId of cqLater)
    await commands.execute(
      new GrantExemption(
        personId,
        2026,
        'advanced-study-6-months',
        '进修结业证书 2026-0105（封存后补交）',
        provinces[1].committee,
        undefined,
        actorMetadata(provinces[1].committee),
      ),
    );
  const total = (await store.countEvents?.()) ?? 'many';
  process.stdout.write(
    [
      `Loaded the demo ledger: ${provinces.length * peoplePerProvince} people, ${provinces.length * (projectsPerProvince + 3)} activities, ${total} events in the log.`,
      `Remote projects' credits are pending verification; one credit was revoked; one Chongqing project was annulled (${annulled.creditsAnnulled ?? 'its'} credits).`,
      `Most people are compliant for 2026, some short; in each province two are out of scope (residency / specialist training), two exempt; a few were promoted, and ${transferred.personId} moved to Chongqing.`,
      'Try (after npm start), with the header Authorization: Bearer $(npm run -s ledger -- token --role committee --jurisdiction CN-ZJ):',
      `  GET /persons/${samples[0]}`,
      `  GET /persons/${samples[0]}/credits?year=2026`,
      `  GET /persons/${samples[0]}/years/2026   (the attributes and profile it was judged with)`,
      '  GET /statistics/compliance?jurisdiction=CN-CQ&year=2026',
      '  GET /events?limit=20',
      '',
    ].join('\n'),
  );
  await printSignInLinks(app, config, samples[0]);
  await app.close();
}

/** Waits until every projection has read the whole log (the spot check and the seal read them). */
async function projectionsCaughtUp(status: ProjectionStatus, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await status.report()).projections.some((p) => p.eventsBehind > 0)) {
    if (Date.now() > deadline) throw new Error('the projections did not catch up in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`demo: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
