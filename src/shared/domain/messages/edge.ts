import { entry } from './entry';

/**
 * The HTTP edge's own words beyond the deciders: fields whose validators have wording of their
 * own, the database away (503), the event store's refusals (409), imports (file, header, rows,
 * outcome), the console's sign-in, the metrics token.
 */
export const edgeMessages = {
  // Validators with their own wording (given to class-validator through `says(msg(…))`).
  'validation.log-position-short': entry<{ field: string }>(
    (p) => `${p.field} must be a log position "commit:prepare"`,
    (p) => `${p.field} 必须是日志位置 "commit:prepare"`,
  ),
  'validation.date-pattern': entry<{ field: string }>(
    (p) => `${p.field} must be a date, YYYY-MM-DD`,
    (p) => `${p.field} 必须是日期，格式 YYYY-MM-DD`,
  ),
  'validation.session-id-short': entry<{ field: string }>(
    (p) => `${p.field} must be a session id`,
    (p) => `${p.field} 必须是期次编号`,
  ),
  'validation.person-ids': entry<{ field: string }>(
    (p) => `${p.field} must be person ids (UUIDs)`,
    (p) => `${p.field} 必须是人员编号（UUID）`,
  ),
  'validation.activity-id': entry<{ field: string }>(
    (p) => `${p.field} must be an activity id (UUID)`,
    (p) => `${p.field} 必须是活动编号（UUID）`,
  ),
  'validation.keep-or-revoke': entry<{ field: string }>(
    (p) => `${p.field} must be keep or revoke`,
    (p) => `${p.field} 只能是 keep（保留）或 revoke（撤销）`,
  ),
  'validation.organization-id-short': entry<{ field: string }>(
    (p) => `${p.field} must be an opaque organization id`,
    (p) => `${p.field} 必须是单位编号`,
  ),
  'validation.source-id': entry<{ field: string }>(
    (p) => `${p.field} must be an opaque id (letters, digits, _ . : - /)`,
    (p) => `${p.field} 必须是编号（字母、数字、_ . : - /）`,
  ),
  'validation.certificate-id': entry<{ field: string }>(
    (p) => `${p.field} must be a certificate id as printed on the certificate`,
    (p) => `${p.field} 必须是证书上印的证书编号`,
  ),
  'validation.sign-in-code': entry<{ field: string }>(
    (p) => `${p.field} must be the base64url code from the link`,
    (p) => `${p.field} 必须是登录链接中的 base64url 代码`,
  ),
  'validation.date-or-instant': entry<{ field: string; example: string }>(
    (p) => `${p.field} must be a date (${p.example}) or an instant with its offset`,
    (p) => `${p.field} 必须是日期（如 ${p.example}）或带时区的时间`,
  ),
  'validation.evaluation-levels': entry<{ field: string }>(
    (p) => `${p.field} must be integers from 1 to 7`,
    (p) => `${p.field} 必须是 1 到 7 的整数`,
  ),

  // Requests refused before a handler.
  'body.too-large': entry(
    () => 'the request body is larger than BODY_LIMIT',
    () => '请求内容超过 BODY_LIMIT 的大小限制',
  ),
  'body.not-json': entry(
    () => 'the request body is not valid JSON',
    () => '请求内容不是有效的 JSON',
  ),
  'body.unreadable': entry(
    () => 'the request body cannot be read',
    () => '无法读取请求内容',
  ),
  'body.too-deep': entry<{ max: number }>(
    (p) => `the JSON body nests deeper than ${p.max}`,
    (p) => `JSON 请求内容的嵌套超过 ${p.max} 层`,
  ),
  'text.not-clean': entry<{
    field: string;
    problem: 'lone-surrogate' | 'control-character';
    inName: boolean;
  }>(
    (p) =>
      `${p.field} ${p.inName ? 'its name ' : ''}contains ${p.problem === 'lone-surrogate' ? 'a lone surrogate (not Unicode text)' : 'a control character'}`,
    (p) =>
      `${p.field}${p.inName ? ' 的名称' : ''} 含有${p.problem === 'lone-surrogate' ? '孤立的代理字符（不是有效的 Unicode 文本）' : '控制字符'}`,
  ),
  'invalid.idempotency-key-format': entry(
    () => 'Idempotency-Key must be 8–128 characters of A–Z a–z 0–9 _ . : -',
    () => 'Idempotency-Key 须为 8–128 个字符（A–Z a–z 0–9 _ . : -）',
  ),
  'invalid.idempotency-key-reused': entry(
    () =>
      'Idempotency-Key was already used for a different request (another route, record or body)',
    () => 'Idempotency-Key 已用于另一个请求（其他路由、记录或请求内容）',
  ),
  'invalid.id-or-person': entry(
    () => 'give idNumber or personId, not both',
    () => '请填写 idNumber 或 personId 之一，不要同时填写',
  ),
  'auth.metrics-token': entry(
    () => 'GET /metrics needs the METRICS_TOKEN bearer token',
    () => 'GET /metrics 需要 METRICS_TOKEN 令牌（Authorization: Bearer）',
  ),

  // The database or the event store (503, 409, 400 from the store's own checks).
  'unavailable.database': entry(
    () =>
      'the ledger cannot reach its database just now; try again shortly (repeating a command never records it twice)',
    () => '台账暂时无法连接数据库，请稍后重试（重复提交同一命令不会重复记录）',
  ),
  'store.wrong-expected-version': entry<{ streamId: string; expected: string; actual: number }>(
    (p) => `stream ${p.streamId}: expected ${p.expected}, but the stream is at version ${p.actual}`,
    (p) =>
      `记录 ${p.streamId} 已被同时修改（预期版本 ${p.expected}，实际版本 ${p.actual}）；请重新读取后再试`,
  ),
  'store.event-id-conflict': entry<{ eventId: string; english: string }>(
    (p) => p.english,
    (p) => `事件 ${p.eventId} 已以不同内容记录过；同一请求编号不能用于不同内容`,
  ),
  'store.invalid-append': entry<{ english: string }>(
    (p) => p.english,
    (p) => `无法记录此请求（${p.english}）`,
  ),

  // Imports: the file, its header, its rows, the outcome.
  'import.file-required': entry(
    () => 'file is required: a CSV or XLSX as multipart/form-data field "file"',
    () => '须上传文件：CSV 或 XLSX，作为 multipart/form-data 的 "file" 字段',
  ),
  'import.file-empty': entry(
    () => 'the file is empty',
    () => '文件为空',
  ),
  'import.file-too-large': entry<{ max: number }>(
    (p) => `the file is larger than ${p.max} bytes`,
    (p) => `文件过大：超过 ${p.max} 字节`,
  ),
  'import.file-no-header': entry(
    () => 'the file has no header row',
    () => '文件没有表头',
  ),
  'import.file-too-many-rows': entry<{ max: number }>(
    (p) => `more than ${p.max} rows; split the file`,
    (p) => `行数过多：超过 ${p.max} 行，请拆分文件`,
  ),
  'import.csv-unreadable': entry<{ why: string }>(
    (p) => `the CSV cannot be read: ${p.why}`,
    (p) => `CSV 格式错误，无法读取：${p.why}`,
  ),
  'import.xlsx-unreadable': entry<{ why: string }>(
    (p) => `the XLSX cannot be read: ${p.why}`,
    (p) => `XLSX 文件无法读取：${p.why}`,
  ),
  'import.xlsx-no-sheet': entry(
    () => 'the workbook has no sheet',
    () => 'XLSX 文件没有工作表',
  ),
  'import.unknown-column': entry<{ header: string; kind: string }>(
    (p) => `unknown column "${p.header}" for ${p.kind}`,
    (p) => `未知的列 "${p.header}"（${p.kind}）`,
  ),
  'import.repeated-column': entry<{ header: string }>(
    (p) => `column "${p.header}" appears twice`,
    (p) => `重复的列 "${p.header}"`,
  ),
  'import.missing-column': entry<{ zh: string; en: string }>(
    (p) => `missing required column ${p.zh} / ${p.en}`,
    (p) => `缺少必填列 ${p.zh} / ${p.en}`,
  ),
  'import.row-jurisdiction': entry<{ jurisdiction: string; importJurisdiction: string }>(
    (p) => `the row belongs to ${p.jurisdiction}, not to this import's ${p.importJurisdiction}`,
    (p) => `此行属于 ${p.jurisdiction}，不在本次导入的辖区 ${p.importJurisdiction}`,
  ),
  'import.row-outside': entry<{ jurisdiction: string }>(
    (p) => `this record is in ${p.jurisdiction}, outside your jurisdictions`,
    (p) => `此记录属于 ${p.jurisdiction}，不在您的辖区内`,
  ),
  'import.row-refused': entry<{ english: string }>(
    (p) => p.english,
    (p) => `此行被拒绝（${p.english}）`,
  ),
  'import.row-already-recorded': entry(
    () => 'already recorded: nothing new',
    () => '已记录，不再重复',
  ),
  'import.row-would-record': entry<{ events: string }>(
    (p) => `would record ${p.events}`,
    (p) => `将记录 ${p.events}`,
  ),
  'import.row-not-recorded': entry<{ events: string }>(
    (p) => `not recorded: the file has refused rows — would record ${p.events}`,
    (p) => `未记录（文件有被拒绝的行）— 将记录 ${p.events}`,
  ),
  'import.row-recorded': entry<{ events: string }>(
    (p) => `recorded ${p.events}`,
    (p) => `已记录 ${p.events}`,
  ),
  'import.header-wrong': entry(
    () => 'the header row is wrong: no row was checked, nothing was recorded',
    () => '表头有误，未检查任何行，未记录任何内容',
  ),
  'import.dry-run': entry<{ wouldRecord: number; already: number; refused: number }>(
    (p) =>
      `dry run: nothing was recorded; ${p.wouldRecord} row(s) would record, ${p.already} already recorded, ${p.refused} refused`,
    (p) =>
      `试运行，未记录任何内容：${p.wouldRecord} 行将记录，${p.already} 行已记录过，${p.refused} 行被拒绝`,
  ),
  'import.refused-rows': entry<{ refused: number }>(
    (p) =>
      `${p.refused} row(s) refused: nothing was recorded (fix them, or import the valid rows with --accept-valid / acceptValid=true)`,
    (p) =>
      `${p.refused} 行被拒绝，未记录任何内容；改正后重新导入，或用 --accept-valid（acceptValid=true）只导入有效行`,
  ),
  'import.imported': entry<{ recorded: number; already: number; refused: number }>(
    (p) =>
      `imported: ${p.recorded} row(s) recorded, ${p.already} already recorded, ${p.refused} refused`,
    (p) => `已导入：${p.recorded} 行已记录，${p.already} 行已记录过，${p.refused} 行被拒绝`,
  ),

  // The console's sign-in (embedded default).
  'sign-in.embedded-only': entry(
    () =>
      'sign-in links exist only in the embedded default; sign in through your identity provider',
    () => '登录链接只在内置（embedded）模式下提供；请通过您的身份认证服务登录',
  ),
  'sign-in.unknown': entry(
    () => 'this sign-in link is not valid',
    () => '登录链接无效',
  ),
  'sign-in.used': entry(
    () => 'this sign-in link was used already; each works once',
    () => '登录链接已使用过，每个链接只能使用一次',
  ),
  'sign-in.expired': entry(
    () => 'this sign-in link has expired; ask for a new one',
    () => '登录链接已过期，请重新获取',
  ),
};
