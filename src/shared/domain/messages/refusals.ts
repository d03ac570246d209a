import { entry, listEn, listZh } from './entry';

/** Sanction kinds as the notices name them (organizer.events.ts keeps the stable codes). */
const sanctionZh: Record<string, string> = {
  refusal: '不批准',
  warning: '批评',
  'national-notice': '全国通报',
  suspension: '责令停办',
  ban: '取消申报资格',
};
const sanctionEn: Record<string, string> = {
  refusal: 'refusal',
  warning: 'warning',
  'national-notice': 'national notice',
  suspension: 'suspension',
  ban: 'ban',
};
export const sanctionNameZh = (kind: string): string => sanctionZh[kind] ?? kind;

const activityKindZh: Record<string, string> = {
  project: '项目',
  'internal-training': '单位内部培训',
  'special-training': '专项培训',
  'self-study': '自学',
  publication: '论文',
};
export const kindZh = (kind: string): string => activityKindZh[kind] ?? kind;

const roleZh: Record<string, string> = {
  employer: '用人单位',
  committee: '继续医学教育委员会',
  organizer: '举办单位',
  admin: '管理员',
  auditor: '审计人员',
  professional: '卫生技术人员',
};
export const roleNameZh = (role: string): string => roleZh[role] ?? role;

/**
 * What deciders and handlers refuse with values of the case in them (R4, R7, R8, R11, R13, R16,
 * R17, credits, corrections, exemptions, spot checks): the English is what the API said before
 * the catalogue, the Chinese what a clerk reads.
 */
export const refusalMessages = {
  // Credits granted outside projects (R11: src/rules/non-project-credits.ts).
  'invalid.amount-at-most': entry<{ max: string }>(
    (p) => `amount must be at most ${p.max}`,
    (p) => `amount（学分数）不得超过 ${p.max}`,
  ),
  'invalid.amount-range': entry<{ max: string }>(
    (p) => `amount must be more than 0 and at most ${p.max}`,
    (p) => `amount（学分数）必须大于 0 且不超过 ${p.max}`,
  ),
  'invalid.adjust-amount-range': entry<{ max: string }>(
    (p) => `amount must be more than 0 and at most ${p.max}; revoke the credit to remove it`,
    (p) => `amount（学分数）必须大于 0 且不超过 ${p.max}；要去掉此学分，请撤销它`,
  ),
  'rule.internal-training-no-credit': entry<{
    hours: string;
    hoursPerCredit: string;
    source: string;
  }>(
    (p) =>
      `${p.hours} h earn no internal-training credit: 1 credit per ${p.hoursPerCredit} h (${p.source})`,
    (p) =>
      `${p.hours} 学时不足以获得单位内部培训学分：每 ${p.hoursPerCredit} 学时计 1 学分（${p.source}）`,
  ),
  'invalid.special-training-days': entry<{ months: string; fullYearMonths: string }>(
    (p) =>
      `special training of ${p.months} month(s) in the year (fewer than ${p.fullYearMonths}) needs the days attended`,
    (p) => `本年度专项培训共 ${p.months} 个月（不足 ${p.fullYearMonths} 个月），须填写参加天数`,
  ),
  'invalid.special-training-hours': entry(
    () => 'special training needs the hours attended (at least 6 a day)',
    () => '专项培训须填写参加学时（每天至少 6 学时）',
  ),
  'rule.special-training-day': entry<{
    hoursPerDayMin: string;
    hours: string;
    days: string;
    perDay: string;
    source: string;
  }>(
    (p) =>
      `a special-training day counts with at least ${p.hoursPerDayMin} h; ${p.hours} h over ${p.days} days is ${p.perDay} h a day (${p.source})`,
    (p) =>
      `专项培训每天至少 ${p.hoursPerDayMin} 学时方可计入；${p.days} 天共 ${p.hours} 学时，即每天 ${p.perDay} 学时（${p.source}）`,
  ),
  'rule.paper-author-rank': entry(
    () =>
      'papers earn credits for the first three authors only (corresponding author counts as first)',
    () => '论文只有前三位作者可获学分（通讯作者按第一作者计）',
  ),
  'rule.grantor': entry<{ kind: string; roles: readonly string[]; role: string }>(
    (p) => {
      const who: Record<string, string> = {
        'internal-training':
          'internal training credits are registered by the unit that runs it (R11)',
        'special-training':
          'special training credits are registered and granted by the provincial health commission (R11)',
        'self-study': 'self-study credits are registered and granted by the employer (R11)',
        publication: 'publication credits are granted by the employer or the committee',
      };
      return `${who[p.kind] ?? `${p.kind} credits are granted by the employer or the committee`}; a ${p.role} may not`;
    },
    (p) =>
      `${kindZh(p.kind)}学分只能由${listZh((p.roles ?? []).map(roleNameZh))}登记授予；${roleNameZh(p.role)}不能`,
  ),
  'invalid.project-credits-by-report': entry(
    () => 'project credits are granted by approving the session execution report',
    () => '项目学分通过审核期次执行情况报告授予',
  ),
  'rule.self-study-plan-needed': entry<{ year: number; source: string }>(
    (p) =>
      `self-study needs a plan approved by the employer at the start of ${p.year} (${p.source})`,
    (p) => `自学须有用人单位在 ${p.year} 年初批准的自学计划（${p.source}）`,
  ),

  // Activities and sessions (R13, R17).
  'invalid.sessions-declared': entry(
    () => 'sessionsDeclared must be a whole number of sessions, at least 1',
    () => 'sessionsDeclared（申报期数）必须是不小于 1 的整数',
  ),
  'rule.national-sessions-declared': entry(
    () => 'a national project declares at application how many sessions it holds a year (1–6)',
    () => '国家级项目须在申报时填写每年举办的期数（1–6 期）',
  ),
  'rule.national-sessions-max': entry<{ max: number }>(
    (p) =>
      `a national project may apply for at most ${p.max} sessions (004 §六.6: 每项国家级继续医学教育项目最多可申请 6 期)`,
    (p) => `每项国家级继续医学教育项目最多可申请 ${p.max} 期（004 §六.6）`,
  ),
  'invalid.credits-range': entry<{ max: string }>(
    (p) => `credits must be more than 0 and at most ${p.max}`,
    (p) => `credits（学分）必须大于 0 且不超过 ${p.max}`,
  ),
  'invalid.hours-range': entry<{ max: string }>(
    (p) => `hours must be more than 0 and at most ${p.max}`,
    (p) => `hours（学时）必须大于 0 且不超过 ${p.max}`,
  ),
  'conflict.activity-annulled': entry<{ reason: string }>(
    (p) => `the activity was annulled: ${p.reason}`,
    (p) => `此活动已撤销：${p.reason}`,
  ),
  'invalid.no-sessions': entry<{ kind: string }>(
    (p) => `a ${p.kind} activity has no sessions; grant its credits with POST /credits`,
    (p) => `${kindZh(p.kind)}活动没有期次；请用 POST /credits 授予其学分`,
  ),
  'invalid.session-days-max': entry<{ days: number }>(
    (p) => `a session lasts at most ${p.days} days`,
    (p) => `一期最长 ${p.days} 天`,
  ),
  'rule.project-year': entry<{ code: string; projectYear: number; year: number }>(
    (p) =>
      `a session of project ${p.code} is held in its project year ${p.projectYear}, not ${p.year}`,
    (p) => `项目 ${p.code} 的期次须在其项目年度 ${p.projectYear} 年举办，而非 ${p.year} 年`,
  ),
  'rule.sessions-declared-held': entry<{ declared: number; year: number; held: number }>(
    (p) =>
      `the project declared ${p.declared} session(s) for ${p.year} at application and has held ${p.held} (004 §六.6: 每年举办的期（次）数不得超过申报时所填期（次）)`,
    (p) =>
      `此项目申报时填写 ${p.year} 年举办 ${p.declared} 期，已举办 ${p.held} 期；每年举办的期（次）数不得超过申报时所填期（次）（004 §六.6）`,
  ),
  'rule.national-sessions-held': entry<{ max: number; year: number; held: number }>(
    (p) => `a national project holds at most ${p.max} sessions a year; ${p.year} has ${p.held}`,
    (p) => `国家级项目每年最多举办 ${p.max} 期；${p.year} 年已有 ${p.held} 期`,
  ),
  'forbidden.employer-kind': entry<{ kinds: readonly string[] }>(
    (p) => `an employer registers only its own ${listEn(p.kinds)} activities`,
    (p) => `用人单位只能登记本单位的${listZh((p.kinds ?? []).map(kindZh))}活动`,
  ),
  'forbidden.employer-level': entry<{ levels: readonly string[] }>(
    (p) => `an employer registers activities at level ${listEn(p.levels)} only`,
    (p) => `用人单位只能登记 ${listZh(p.levels)} 级别的活动`,
  ),
  'invalid.hours-taught-max': entry<{ hours: string }>(
    (p) => `hoursTaught cannot exceed the ${p.hours} hours approved`,
    (p) => `hoursTaught（实际授课学时）不能超过批准的 ${p.hours} 学时`,
  ),
  'rule.evaluation-levels': entry<{ missing: readonly string[] }>(
    (p) =>
      `a project's report names the evaluation levels done; levels 1–3 (participation, satisfaction, knowledge) are required of every project, missing ${listEn(p.missing)}`,
    (p) =>
      `项目的执行情况报告须写明已做的评估层级；每个项目都须做第 1–3 层（参与、满意度、知识），缺少 ${listZh(p.missing)}`,
  ),
  'invalid.share': entry<{ name: string }>(
    (p) => `${p.name} is a share from 0 to 1`,
    (p) => `${p.name} 是 0 到 1 之间的比例`,
  ),
  'conflict.report-decided': entry<{ approved: boolean }>(
    (p) => `the report was already ${p.approved ? 'approved' : 'rejected'}`,
    (p) => `此报告已${p.approved ? '审核通过' : '被退回'}`,
  ),

  // Organizers (R16).
  'rule.organizer-sanctioned': entry<{
    kind: string;
    jurisdiction: string;
    from: string;
    until: string | null;
    sanctionId: string;
    reason: string;
  }>(
    (p) =>
      `the organizer is under a sanction (${sanctionZh[p.kind] ?? p.kind} ${sanctionEn[p.kind] ?? p.kind}, ${p.jurisdiction}, ${p.from} – ${p.until ?? '…'}, sanction ${p.sanctionId}): ${p.reason}`,
    (p) =>
      `举办单位正受处理（${sanctionNameZh(p.kind)}，${p.jurisdiction}，${p.from} 至 ${p.until ?? '…'}，处理编号 ${p.sanctionId}）：${p.reason}`,
  ),
  'rule.national-notice-cn': entry(
    () =>
      'a national notice (全国通报) is issued by the national committee: jurisdiction must be CN',
    () => '全国通报由全国继续医学教育委员会发布：jurisdiction 必须是 CN',
  ),
  'rule.sanction-years': entry<{ kind: string; max: number }>(
    (p) => `a ${p.kind} lasts 1 to ${p.max} years (004 §七.3: 取消 1～3 年申报资格)`,
    (p) => `${sanctionNameZh(p.kind)}期限为 1～${p.max} 年（004 §七.3：取消 1～3 年申报资格）`,
  ),
  'invalid.sanction-no-period': entry<{ kind: string }>(
    (p) => `a ${p.kind} has no period; leave years out`,
    (p) => `${sanctionNameZh(p.kind)}没有期限；请不要填写 years`,
  ),
  'conflict.sanction-no-period': entry<{ kind: string }>(
    (p) => `a ${p.kind} has no period to lift`,
    (p) => `${sanctionNameZh(p.kind)}没有可解除的期限`,
  ),
  'not-found.organizer-projects': entry<{ year: number; jurisdiction: string }>(
    (p) =>
      `the organizer has no project published for ${p.year} in ${p.jurisdiction} that is not annulled already`,
    (p) => `此举办单位在 ${p.jurisdiction} 没有 ${p.year} 年公布且尚未撤销的项目`,
  ),

  // Spot checks (R7).
  'rule.spot-check-projects': entry(
    () =>
      "spot checks sample the projects published that year (001 (二十二): 当年公布项目总数), not sessions: draw subject 'projects'",
    () => "抽查按当年公布项目总数抽取项目（001（二十二）），而非期次：请用 subject 'projects'",
  ),
  'invalid.spot-check-rate': entry<{ profile: string }>(
    (p) => `rate must be more than 0 and at most 1 (${p.profile} sets no rate)`,
    (p) => `rate（抽查比例）必须大于 0 且不超过 1（${p.profile} 未规定比例）`,
  ),
  'rule.spot-check-rate': entry<{ min: string; max: string; rate: string; profile: string }>(
    (p) =>
      `committees spot-check ${p.min}–${p.max} of the year's projects; ${p.rate} is outside (${p.profile})`,
    (p) => `委员会抽查当年项目的 ${p.min}–${p.max}；${p.rate} 超出此范围（${p.profile}）`,
  ),
  'invalid.person-sample-rate': entry<{ min: string; max: string }>(
    (p) => `a person sample takes ${p.min}–${p.max} of the people`,
    (p) => `人员抽样比例须在 ${p.min}–${p.max} 之间`,
  ),
  'invalid.spot-check-rate-unset': entry<{ profile: string }>(
    (p) =>
      `${p.profile} sets no spot-check rate (R7 is Chongqing's, 001 (二十二)): state the rate your committee set`,
    (p) =>
      `${p.profile} 未规定抽查比例（R7 为重庆的规定，001（二十二））：请填写本委员会确定的比例`,
  ),
  'invalid.strata': entry<{ subject: string; allowed: readonly string[]; wrong: string }>(
    (p) => `${p.subject} may be stratified by ${listEn(p.allowed)}, not ${p.wrong}`,
    (p) => `${p.subject} 只能按 ${listZh(p.allowed)} 分层，不能按 ${p.wrong}`,
  ),
  'conflict.drawn-already': entry<{
    jurisdiction: string;
    year: number;
    spotCheckIds: readonly string[];
  }>(
    (p) =>
      `${p.jurisdiction} ${p.year} was already drawn (${listEn(p.spotCheckIds)}); drawing again needs a reason, and both draws stay visible`,
    (p) =>
      `${p.jurisdiction} ${p.year} 年度已抽取过（${listZh(p.spotCheckIds)}）；再次抽取须说明理由，两次抽取都会保留可查`,
  ),
  'invalid.finding-member': entry<{ field: string }>(
    (p) => `a finding on this draw names the sampled ${p.field}`,
    (p) => `此抽查的结果须填写被抽中的 ${p.field}`,
  ),
  'invalid.finding-not-selected': entry<{ subject: string }>(
    (p) => `this ${p.subject === 'projects' ? 'project' : 'session'} was not selected by the draw`,
    (p) => `此${p.subject === 'projects' ? '项目' : '期次'}未被抽中`,
  ),
  'rule.strata-too-many': entry<{
    strata: readonly string[];
    count: number;
    groups: number;
    drawn: number;
    percent: string;
    min: string;
    max: string;
  }>(
    (p) =>
      `stratified by ${listEn(p.strata)} the ${p.count} projects fall into ${p.groups} strata, one project each at least: ${p.drawn} drawn is ${p.percent} %, outside ${p.min}–${p.max}; draw with fewer strata`,
    (p) =>
      `按 ${listZh(p.strata)} 分层，${p.count} 个项目分为 ${p.groups} 层，每层至少抽 1 个：抽取 ${p.drawn} 个即 ${p.percent}%，超出 ${p.min}–${p.max}；请减少分层`,
  ),
  'invalid.revoke-session': entry(
    () => 'revocations name sessions of the project (or the session) the finding is about',
    () => '撤销的学分须属于此抽查结果所涉项目（或期次）的期次',
  ),
  'invalid.revoke-person': entry<{ person: string; session: string }>(
    (p) => `person ${p.person} was not granted a credit at session ${p.session}`,
    (p) => `人员 ${p.person} 在期次 ${p.session} 未获授学分`,
  ),

  // People, credits, corrections, exemptions (R4, R5, R8).
  'invalid.effective-from-date': entry(
    () => 'effectiveFrom must be a calendar date, YYYY-MM-DD (Asia/Shanghai)',
    () => 'effectiveFrom 必须是日期，格式 YYYY-MM-DD（北京时间）',
  ),
  'invalid.effective-from-future': entry<{ today: string }>(
    (p) => `effectiveFrom may not be later than today (${p.today}, Asia/Shanghai)`,
    (p) => `effectiveFrom 不能晚于今天（${p.today}，北京时间）`,
  ),
  'rule.region-targets': entry<{ region: string; jurisdiction: string; profile: string }>(
    (p) => `${p.region} is not a region with its own targets in ${p.jurisdiction} (${p.profile})`,
    (p) => `${p.region} 在 ${p.jurisdiction} 不是有单独达标目标的片区（${p.profile}）`,
  ),
  'invalid.nothing-changes': entry<{ day: string }>(
    (p) => `nothing changes: on ${p.day} the person already has these attributes`,
    (p) => `没有变化：${p.day} 当日此人员已是这些信息`,
  ),
  'invalid.changes-none': entry(
    () => 'name at least one of titleLevel, grassroots, countyLevelOrBelow, region, jurisdiction',
    () => '请至少填写 titleLevel、grassroots、countyLevelOrBelow、region、jurisdiction 中的一项',
  ),
  'conflict.credit-not-pending': entry<{ verification: string }>(
    (p) => `the credit is not waiting for verification (${p.verification})`,
    (p) => `此学分不在待审核状态（${p.verification}）`,
  ),
  'conflict.credit-revoked-already': entry<{ reason: string }>(
    (p) => `the credit was already revoked: ${p.reason}`,
    (p) => `此学分已被撤销：${p.reason}`,
  ),
  'rule.exemption-years': entry<{ basis: string; years: readonly string[]; source: string }>(
    (p) => `${p.basis} exempts the credit year(s) ${listEn(p.years)} only (${p.source})`,
    (p) => `${p.basis} 只免修 ${listZh(p.years)} 学分年度（${p.source}）`,
  ),
  'rule.exemption-basis': entry<{ basis: string; profile: string }>(
    (p) => `${p.basis} is not a basis for exemption under ${p.profile}`,
    (p) => `按 ${p.profile}，${p.basis} 不是免修的依据`,
  ),
  'invalid.exemption-evidence': entry(
    () => 'an exemption needs its evidence (certificate or document reference)',
    () => '免修须提供依据（证书或文件编号）',
  ),
  'conflict.exempt-already': entry<{ year: number; basis: string }>(
    (p) => `already exempt for ${p.year} (${p.basis})`,
    (p) => `${p.year} 年度已免修（${p.basis}）`,
  ),
  'conflict.correction-waiting': entry<{ correctionId: string }>(
    (p) =>
      `correction ${p.correctionId} of this credit awaits approval; approve or reject it first`,
    (p) => `此学分的更正 ${p.correctionId} 正等待批准；请先批准或驳回`,
  ),
  'conflict.correction-decided': entry<{ status: string; by: string }>(
    (p) => `the correction was already ${p.status} by ${p.by}`,
    (p) =>
      `此更正已由 ${p.by} ${p.status === 'approved' ? '批准' : p.status === 'rejected' ? '驳回' : p.status}`,
  ),
  'conflict.import-sealed-year': entry<{ jurisdiction: string; year: number }>(
    (p) => `the ${p.year} credit year of ${p.jurisdiction} is sealed; imports into it are refused`,
    (p) => `${p.jurisdiction} 的 ${p.year} 学分年度已审验封存，不能导入`,
  ),
  'conflict.person-changed-erasing': entry(
    () => "the person's record changed while erasing; try again",
    () => '删除期间此人员的记录发生了变化；请重试',
  ),
  'conflict.person-erased': entry(
    () => 'this person was erased; their personal data can no longer be recorded',
    () => '此人员的个人信息已删除，不能再记录其个人信息',
  ),
  'forbidden.employer-grant': entry<{ jurisdictions: readonly string[] }>(
    (p) =>
      `employers grant only under activities they run, in their jurisdictions (${listEn(p.jurisdictions)})`,
    (p) => `用人单位只能在本单位于其辖区（${listZh(p.jurisdictions)}）内举办的活动下授予学分`,
  ),
  'not-found.person-by': entry<{ field: string }>(
    (p) => `no person is registered with this ${p.field}`,
    (p) => `没有以此 ${p.field} 登记的人员`,
  ),
  'not-found.person-as-of': entry(
    () => 'the person was not registered yet at asOf',
    () => '截至 asOf 时此人员尚未登记',
  ),
  'not-found.year-not-sealed': entry<{ jurisdiction: string; year: number }>(
    (p) => `${p.jurisdiction} ${p.year} is not sealed`,
    (p) => `${p.jurisdiction} ${p.year} 年度尚未审验封存`,
  ),
};
