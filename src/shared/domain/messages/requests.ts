import { entry, listEn, listZh } from './entry';

/** Who may call (401/403), and what a request must look like (400): the HTTP edge's own words. */
export const requestMessages = {
  'auth.token-required': entry(
    () => 'an Authorization: Bearer token is required',
    () => '需要登录：请求须带 Authorization: Bearer 令牌',
  ),
  'auth.token-invalid': entry<{ why: string }>(
    (p) => `the bearer token is not valid: ${p.why}`,
    (p) => `登录令牌无效：${p.why}`,
  ),
  'access.role': entry<{ roles: readonly string[]; allowed: readonly string[] }>(
    (p) => `roles ${listEn(p.roles)} may not do this; allowed: ${listEn(p.allowed)}`,
    (p) => `角色 ${listZh(p.roles)} 无权执行此操作；允许的角色：${listZh(p.allowed)}`,
  ),
  'access.national': entry(
    () => 'only national (CN) actors may do this',
    () => '只有国家级（CN）用户可以执行此操作',
  ),
  'access.jurisdiction': entry<{ jurisdiction: string; yours: readonly string[] }>(
    (p) => `this record is in ${p.jurisdiction}, outside your jurisdictions (${listEn(p.yours)})`,
    (p) => `此记录属于 ${p.jurisdiction}，不在您的辖区（${listZh(p.yours)}）内`,
  ),
  'access.self': entry(
    () => 'professionals may act only on their own records',
    () => '卫生技术人员只能查看或操作本人的记录',
  ),
  'access.own-staff': entry(
    () => "employers may act only on their own staff's records",
    () => '用人单位只能查看或操作本单位人员的记录',
  ),
  'access.own-activity': entry(
    () =>
      "organizers and employers may act only on their own activities' records, in their jurisdictions",
    () => '举办单位和用人单位只能操作本单位在其辖区内举办的活动的记录',
  ),
  'access.register-person': entry(
    () =>
      'you may not register this person: register people only in your jurisdictions (employers: their own staff)',
    () => '您无权登记此人：只能登记您辖区内的人员（用人单位：仅本单位人员）',
  ),

  // class-validator's constraints, by name; `detail` is what its English message ends with.
  'validation.invalid': entry<{ field: string; en: string }>(
    (p) => p.en,
    (p) => `${p.field} 无效（${p.en}）`,
  ),
  'validation.not-allowed': entry<{ field: string }>(
    (p) => `property ${p.field} should not exist`,
    (p) => `不接受字段 ${p.field}`,
  ),
  'validation.required': entry<{ field: string }>(
    (p) => `${p.field} should not be empty`,
    (p) => `${p.field} 不能为空`,
  ),
  'validation.integer': entry<{ field: string }>(
    (p) => `${p.field} must be a whole number`,
    (p) => `${p.field} 必须是整数`,
  ),
  'validation.text': entry<{ field: string }>(
    (p) => `${p.field} must be a string`,
    (p) => `${p.field} 必须是文本`,
  ),
  'validation.boolean': entry<{ field: string }>(
    (p) => `${p.field} must be true or false`,
    (p) => `${p.field} 必须是 true 或 false`,
  ),
  'validation.list': entry<{ field: string }>(
    (p) => `${p.field} must be an array`,
    (p) => `${p.field} 必须是列表`,
  ),
  'validation.uuid': entry<{ field: string }>(
    (p) => `${p.field} must be a UUID`,
    (p) => `${p.field} 必须是 UUID`,
  ),
  'validation.min': entry<{ field: string; limit: string }>(
    (p) => `${p.field} must not be less than ${p.limit}`,
    (p) => `${p.field} 不得小于 ${p.limit}`,
  ),
  'validation.max': entry<{ field: string; limit: string }>(
    (p) => `${p.field} must not be greater than ${p.limit}`,
    (p) => `${p.field} 不得大于 ${p.limit}`,
  ),
  'validation.one-of': entry<{ field: string; values: string }>(
    (p) => `${p.field} must be one of the following values: ${p.values}`,
    (p) => `${p.field} 必须是以下之一：${p.values}`,
  ),
  'validation.length-min': entry<{ field: string; limit: string }>(
    (p) => `${p.field} must be longer than or equal to ${p.limit} characters`,
    (p) => `${p.field} 至少 ${p.limit} 个字符`,
  ),
  'validation.length-max': entry<{ field: string; limit: string }>(
    (p) => `${p.field} must be shorter than or equal to ${p.limit} characters`,
    (p) => `${p.field} 最多 ${p.limit} 个字符`,
  ),
  'validation.list-max': entry<{ field: string; limit: string }>(
    (p) => `${p.field} must contain no more than ${p.limit} elements`,
    (p) => `${p.field} 最多 ${p.limit} 项`,
  ),
  'validation.format': entry<{ field: string; example: string }>(
    (p) => `${p.field} must look like ${p.example}`,
    (p) => `${p.field} 格式不对，应形如 ${p.example}`,
  ),
  'validation.amount': entry<{ field: string }>(
    (p) => `${p.field} must be a decimal amount such as 2 or 0.5 (at most two decimals)`,
    (p) => `${p.field} 必须是十进制数，如 2 或 0.5（最多两位小数）`,
  ),
  'validation.jurisdiction': entry<{ field: string }>(
    (p) => `${p.field} must be CN or an ISO 3166-2 code such as CN-ZJ`,
    (p) => `${p.field} 必须是 CN 或 ISO 3166-2 代码，如 CN-ZJ`,
  ),
  'validation.organization-id': entry<{ field: string }>(
    (p) => `${p.field} must be an opaque organization id (letters, digits, _ . : -; at most 100)`,
    (p) => `${p.field} 必须是单位编号（字母、数字、_ . : -，最多 100 个字符）`,
  ),
  'validation.opaque-id': entry<{ field: string }>(
    (p) => `${p.field} must be an opaque id (letters, digits, _ . : -)`,
    (p) => `${p.field} 必须是编号（字母、数字、_ . : -）`,
  ),
  'validation.session-id': entry<{ field: string }>(
    (p) => `${p.field} must be a session id as returned when the session was scheduled`,
    (p) => `${p.field} 必须是安排期次时返回的期次编号`,
  ),
  'validation.credit-id': entry<{ field: string }>(
    (p) => `${p.field} must be a credit id as returned when it was granted`,
    (p) => `${p.field} 必须是授予学分时返回的学分编号`,
  ),
  'validation.log-position': entry<{ field: string; max: string }>(
    (p) =>
      `${p.field} must be a log position "commit:prepare" from a previous page (each part at most ${p.max})`,
    (p) => `${p.field} 必须是上一页给出的日志位置 "commit:prepare"（每部分最大 ${p.max}）`,
  ),
  'validation.date': entry<{ field: string; example: string }>(
    (p) => `${p.field} must be a date such as ${p.example}`,
    (p) => `${p.field} 必须是日期，如 ${p.example}`,
  ),
  'validation.instant': entry<{ field: string }>(
    (p) =>
      `${p.field} must be an ISO 8601 instant with its offset whose date exists, e.g. 2026-05-01T09:00:00+08:00`,
    (p) => `${p.field} 必须是带时区的 ISO 8601 时间且日期真实存在，如 2026-05-01T09:00:00+08:00`,
  ),
  'validation.instant-too-early': entry<{ field: string }>(
    (p) => `${p.field} must not be before 1949-10-01 (Asia/Shanghai)`,
    (p) => `${p.field} 不得早于 1949-10-01（北京时间）`,
  ),
  'validation.instant-too-late': entry<{ field: string; years: number }>(
    (p) => `${p.field} must not be more than ${p.years} year ahead`,
    (p) => `${p.field} 不得晚于 ${p.years} 年后`,
  ),
  'validation.query-instant': entry<{ field: string }>(
    (p) =>
      `${p.field} must be a date such as 2026-06-30 (the end of that day, Beijing time) or an instant with its offset such as 2026-06-30T08:00:00%2B08:00 (in a URL, write + as %2B)`,
    (p) =>
      `${p.field} 必须是日期，如 2026-06-30（指北京时间当日结束时），或带时区的时间，如 2026-06-30T08:00:00%2B08:00（在网址中 + 写作 %2B）`,
  ),
  'validation.reason': entry<{ field: string; cjkMin: number; latinMin: number; max: number }>(
    (p) =>
      `${p.field} must be a sentence: at least ${p.cjkMin} Chinese characters or ${p.latinMin} letters, at most ${p.max} characters`,
    (p) =>
      `${p.field} 须是一句完整的说明：至少 ${p.cjkMin} 个汉字或 ${p.latinMin} 个字母，最多 ${p.max} 个字符`,
  ),
  'validation.name-search': entry<{ field: string; min: number }>(
    (p) => `${p.field} must be at least ${p.min} characters besides spaces and ·`,
    (p) => `${p.field} 除空格和 · 外至少需 ${p.min} 个字`,
  ),
  'validation.id-number': entry<{ field: string; why: string }>(
    (p) => p.why,
    (p) => `${p.field}（身份证号）无效：${p.why}`,
  ),
  'request.not-valid': entry(
    () => 'the request is not valid',
    () => '请求无效',
  ),
};
