import { entry, time } from './entry';

/** What deciders and handlers refuse (DomainError): field names stay as the API spells them. */
export const errorMessages = {
  'not-found.person': entry(
    () => 'no such person',
    () => '没有此人员',
  ),
  'not-found.credit': entry(
    () => 'no such credit',
    () => '没有此学分',
  ),
  'not-found.spot-check': entry(
    () => 'no such spot check',
    () => '没有此抽查',
  ),
  'not-found.session': entry(
    () => 'no such session',
    () => '没有此期次',
  ),
  'not-found.activity': entry(
    () => 'no such activity',
    () => '没有此活动',
  ),
  'not-found.sanction': entry(
    () => 'no such sanction of this organizer',
    () => '此举办单位没有这项处理',
  ),
  'not-found.person-id': entry(
    () => 'no person is registered with this id',
    () => '没有以此编号登记的人员',
  ),
  'invalid.from-date': entry(
    () => 'from must be a calendar date that exists, e.g. 2026-12-01',
    () => 'from 必须是真实存在的日期，如 2026-12-01',
  ),
  'conflict.exemption-revoked': entry(
    () => 'the exemption was already revoked',
    () => '此免修已被撤销',
  ),
  'conflict.attendance-closed': entry(
    () => 'the execution report is already approved; attendance is closed',
    () => '执行情况报告已审核通过，签到已关闭',
  ),
  'conflict.report-approved': entry(
    () => 'the execution report is already approved',
    () => '执行情况报告已审核通过',
  ),
  'conflict.credit-revoked-or-annulled': entry(
    () => 'the credit was revoked or annulled',
    () => '此学分已被撤销或作废',
  ),
  'invalid.submitted-future': entry(
    () => 'submittedAt is in the future',
    () => 'submittedAt 不能是将来的时间',
  ),
  'invalid.report-before-end': entry(
    () => 'a report is filed after the session has ended',
    () => '执行情况报告须在期次结束后提交',
  ),
  'invalid.finding-project-only': entry(
    () => 'findings are recorded on project spot checks',
    () => '抽查结果只记录在项目抽查上',
  ),
  'invalid.revoke-from-date': entry(
    () => 'revokeFrom must be a date that exists, e.g. 2026-07-01',
    () => 'revokeFrom 必须是真实存在的日期，如 2026-07-01',
  ),
  'invalid.revoke-from-needs-revoke': entry(
    () => 'revokeFrom goes with credits: revoke',
    () => 'revokeFrom 只能与 credits: revoke 一起使用',
  ),
  'invalid.finding-revoke-failed-only': entry(
    () => 'only a failed finding revokes credits',
    () => '只有不合格的抽查结果才能撤销学分',
  ),
  'invalid.finding-revoke-session': entry(
    () => 'credits revoked by this finding are of the sampled session',
    () => '此抽查结果撤销的学分必须属于被抽查的期次',
  ),
  'invalid.registered-future': entry(
    () => 'registeredAt may not be in the future',
    () => 'registeredAt 不能是将来的时间',
  ),
  'invalid.region': entry(
    () => 'region is one of cq-northeast, cq-southeast, or null',
    () => 'region 只能是 cq-northeast、cq-southeast 或 null',
  ),
  'invalid.plan': entry(
    () => 'describe the plan (content, schedule, form, how it is verified)',
    () => '请说明计划（内容、时间安排、形式、如何核实）',
  ),
  'conflict.no-report': entry(
    () => 'no execution report has been filed for this session',
    () => '本期次尚未提交执行情况报告',
  ),
  'invalid.journal-tier': entry(
    () => 'a publication needs its journal tier (sci or core)',
    () => '论文须注明期刊级别（sci 或 core）',
  ),
  'invalid.hours-taught': entry(
    () => 'hoursTaught must be more than 0',
    () => 'hoursTaught 必须大于 0',
  ),
  'invalid.hours-needed': entry(
    () => 'internal training needs the hours attended',
    () => '单位内部培训须填写参加学时',
  ),
  'not-found.exemption': entry(
    () => 'no such exemption',
    () => '没有此免修',
  ),
  'invalid.evaluation-levels': entry(
    () => 'evaluationLevels are integers from 1 to 7',
    () => 'evaluationLevels 必须是 1 到 7 的整数',
  ),
  'invalid.ends-after-starts': entry(
    () => 'endsAt must be after startsAt',
    () => 'endsAt 必须晚于 startsAt',
  ),
  'invalid.effective-from': entry(
    () => 'effectiveFrom must be 2000-01-01 or later',
    () => 'effectiveFrom 不得早于 2000-01-01',
  ),
  'not-found.correction': entry(
    () => 'no such correction of this credit',
    () => '此学分没有这项更正',
  ),
  'invalid.project-code': entry(
    () => 'code must look like 2024-04-01-123(国)',
    () => 'code（项目编号）格式应如 2024-04-01-123(国)',
  ),
  'invalid.project-code-needed': entry(
    () => 'a project needs its project code (项目编号)',
    () => '项目须填写项目编号',
  ),
  'not-found.certificate': entry(
    () => 'no such certificate',
    () => '没有此证书',
  ),
  'invalid.approved-future': entry(
    () => 'approvedAt may not be in the future',
    () => 'approvedAt 不能是将来的时间',
  ),
  'conflict.report-waiting': entry(
    () => 'an execution report is already waiting for review',
    () => '已有执行情况报告等待审核',
  ),
  'conflict.activity-exists': entry(
    () => 'an activity with this id exists already',
    () => '此编号的活动已存在',
  ),
  'invalid.adjustment-empty': entry(
    () => 'an adjustment must change the amount, category or subject',
    () => '调整须更改学分数、类别或科目',
  ),
  'invalid.amount-positive': entry(
    () => 'amount must be more than 0',
    () => 'amount 必须大于 0',
  ),
  'forbidden.second-admin': entry(
    () => 'a second admin, not the one who asked for the correction, must approve it',
    () => '须由另一位管理员（而非提出更正者）批准',
  ),
  'conflict.revoked-not-adjustable': entry(
    () => 'a revoked credit cannot be adjusted; grant a new one',
    () => '已撤销的学分不能调整；请重新授予',
  ),
  'conflict.id-number-details': entry(
    () => 'a person with this ID number is registered with different details',
    () => '此身份证号已登记，但登记信息不同',
  ),
  'conflict.finding-recorded': entry(
    () => 'a finding was already recorded for it',
    () => '已为其记录了抽查结果',
  ),
  'invalid.idempotency-key': entry(
    () => 'Idempotency-Key was already used for a different request',
    () => 'Idempotency-Key 已用于另一个请求',
  ),
  'not-found.credit-as-of': entry(
    () => 'no such credit at asOf',
    () => '截至 asOf 时没有此学分',
  ),
  'invalid.scan-outside-session': entry<{ startsAt: string; endsAt: string }>(
    (p) => `scannedAt must fall within the session (${time(p.startsAt)} – ${time(p.endsAt)}, ±2 h)`,
    (p) =>
      `签到时间 scannedAt 须在期次时间内（${time(p.startsAt)} 至 ${time(p.endsAt)}，前后 2 小时）`,
  ),
  'conflict.retention': entry<{ until: string; years: number }>(
    (p) =>
      `this person's records must be kept until ${time(p.until)} (${p.years} years after the last one); erase after that`,
    (p) => `此人员的记录须保存至 ${time(p.until)}（最后一条记录后 ${p.years} 年）；届时方可删除`,
  ),
  'rule.self-study-plan-late': entry<{
    year: number;
    approvedAt: string;
    earnedAt: string;
    source: string;
  }>(
    (p) =>
      `the self-study plan for ${p.year} was approved at ${time(p.approvedAt)}, after this credit's date (${time(p.earnedAt)}); the plan must come first (${p.source})`,
    (p) =>
      `${p.year} 年度自学计划于 ${time(p.approvedAt)} 批准，晚于此学分的日期（${time(p.earnedAt)}）；须先有计划（${p.source}）`,
  ),
  'conflict.sealed-already': entry<{ jurisdiction: string; year: number; position: string }>(
    (p) => `${p.jurisdiction} ${p.year} was sealed already (at ${p.position})`,
    (p) => `${p.jurisdiction} ${p.year} 年度已审验封存（日志位置 ${p.position}）`,
  ),
  'conflict.year-not-over': entry<{
    jurisdiction: string;
    year: number;
    lastDay: string;
    sealableFrom: string;
  }>(
    (p) =>
      `${p.jurisdiction}'s ${p.year} credit year runs until ${p.lastDay} (Asia/Shanghai); it can be sealed from ${time(p.sealableFrom)} on`,
    (p) =>
      `${p.jurisdiction} ${p.year} 学分年度至 ${p.lastDay}（北京时间）结束；自 ${time(p.sealableFrom)} 起方可审验封存`,
  ),
};
