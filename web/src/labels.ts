/** Chinese names for the ledger's codes (the English code stays beside them where useful). */
export const verdictLabel: Record<string, string> = {
  compliant: '达标',
  short: '未达标',
  exempt: '免修',
  'out-of-scope': '不在继续医学教育范围',
};
export const verdictColor: Record<string, string> = {
  // A solid dark green: Ant Design's light 'green' tag falls short of WCAG contrast (axe).
  compliant: '#237804',
  short: 'red',
  exempt: 'blue',
  'out-of-scope': 'default',
};
export const creditStatusLabel: Record<string, string> = {
  counted: '已计入',
  pending: '待核验',
  rejected: '已驳回',
  revoked: '已撤销',
  annulled: '已作废',
};
export const titleLevelLabel: Record<string, string> = {
  senior: '高级',
  intermediate: '中级',
  junior: '初级',
  none: '无职称',
};
/** R8's development areas of Chongqing, which have targets of their own. */
export const regionLabel: Record<string, string> = {
  'cq-northeast': '渝东北 North-east',
  'cq-southeast': '渝东南 South-east',
};

export const roleLabel: Record<string, string> = {
  professional: '卫生技术人员',
  organizer: '举办单位',
  employer: '用人单位',
  committee: '继续医学教育委员会',
  auditor: '审计',
  admin: '管理员',
};
export const subjectLabel: Record<string, string> = {
  public: '公需科目',
  professional: '专业科目',
};
export const kindLabel: Record<string, string> = {
  project: '继续医学教育项目',
  'internal-training': '单位内部培训',
  'advanced-study': '进修',
  mentorship: '师承',
  'degree-education': '学历教育',
  'special-training': '专项培训',
  'self-study': '自学',
  publication: '论文著作',
};
export const eventLabel: Record<string, string> = {
  ActivityRegistered: '项目登记',
  SessionScheduled: '安排场次',
  ActivityAnnulled: '项目作废',
  AttendanceRecorded: '签到',
  ReportSubmitted: '提交执行报告',
  ReportApproved: '执行报告通过',
  ReportRejected: '执行报告驳回',
  ReportDecided: '执行报告审核',
  CreditGranted: '授予学分',
  CreditVerified: '远程学分核验通过',
  CreditVerificationRejected: '远程学分核验驳回',
  CreditRevoked: '撤销学分',
  CreditAdjusted: '调整学分',
  CreditAnnulled: '学分作废',
  CorrectionRequested: '更正待审批',
  CorrectionApproved: '更正已批准',
  CorrectionRejected: '更正已驳回',
  PersonRegistered: '人员登记',
};

export const importKindLabel: Record<string, string> = {
  persons: '人员名册',
  activities: '项目与场次',
  attendance: '签到名单',
  credits: '历史学分',
};
export const importStatusLabel: Record<string, string> = {
  'would-record': '将记录',
  recorded: '已记录',
  'already-recorded': '已存在',
  refused: '拒绝',
  'not-recorded': '未记录',
};
export const importStatusColor: Record<string, string> = {
  'would-record': 'blue',
  // Solid dark colours: the light tags fall short of WCAG contrast (axe).
  recorded: '#237804',
  'already-recorded': 'default',
  refused: '#c41d1f',
  'not-recorded': 'orange',
};

export const label = (map: Record<string, string>, code: string | null | undefined): string =>
  code == null ? '' : (map[code] ?? code);
