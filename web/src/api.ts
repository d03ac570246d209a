import { clearSession, loadSession } from './session';

/** What went wrong, in words a clerk can act on (Chinese first; the server's own text after). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly kind: 'expired' | 'forbidden' | 'not-found' | 'invalid' | 'unavailable' | 'other',
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

export function messageFor(status: number, detail?: string): ApiError {
  if (status === 401)
    return new ApiError(
      status,
      'expired',
      '登录已过期或无效，请重新获取登录链接（Signed out: ask for a new sign-in link）',
      detail,
    );
  if (status === 403)
    return new ApiError(
      status,
      'forbidden',
      `无权访问：${detail ?? '您的角色或辖区不包括此记录'}`,
      detail,
    );
  if (status === 404) return new ApiError(status, 'not-found', `未找到：${detail ?? ''}`, detail);
  if (status === 400 || status === 422)
    return new ApiError(status, 'invalid', `输入有误：${detail ?? ''}`, detail);
  if (status === 503)
    return new ApiError(status, 'unavailable', '服务暂不可用，请稍后再试', detail);
  return new ApiError(status, 'other', `请求失败（${status}）：${detail ?? ''}`, detail);
}

let onSignedOut: (reason: ApiError) => void = () => undefined;
/** The app learns here that the token stopped working (expired, revoked key). */
export function whenSignedOut(listener: (reason: ApiError) => void): void {
  onSignedOut = listener;
}

/** The console's language (the top bar's choice, kept by App.tsx; Chinese by default). */
function consoleLanguage(): string {
  try {
    return localStorage.getItem('cme-ledger.lang') === 'en' ? 'en' : 'zh-CN,zh;q=0.9,en;q=0.5';
  } catch {
    return 'zh-CN,zh;q=0.9,en;q=0.5';
  }
}

function authHeaders(accept: string): Record<string, string> {
  // The API words its errors and reasons in the language asked for (English when none is).
  const headers: Record<string, string> = { accept, 'accept-language': consoleLanguage() };
  const session = loadSession();
  if (session) headers.authorization = `Bearer ${session.token}`;
  return headers;
}

async function failure(response: Response): Promise<ApiError> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  const error = messageFor(response.status, describe(body));
  if (response.status === 401) {
    clearSession();
    onSignedOut(error);
  }
  return error;
}

/** A file the API answers (a template, a report), with the token. */
export async function apiBlob(
  path: string,
  init: { method?: string; form?: FormData } = {},
): Promise<Blob> {
  const response = await fetch(path, {
    method: init.method ?? 'GET',
    headers: authHeaders('*/*'),
    body: init.form,
  });
  if (!response.ok) throw await failure(response);
  return response.blob();
}

/**
 * A multipart upload (field `file`) answered in JSON. `keep` lists error statuses whose JSON body
 * is still the answer (an import's 422 carries the report of the refused rows).
 */
export async function apiUpload<T>(
  path: string,
  form: FormData,
  keep: number[] = [],
): Promise<{ status: number; body: T }> {
  const response = await fetch(path, {
    method: 'POST',
    headers: authHeaders('application/json'),
    body: form,
  });
  if (!response.ok && !keep.includes(response.status)) throw await failure(response);
  return { status: response.status, body: (await response.json()) as T };
}

export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; auth?: boolean } = {},
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.auth !== false) {
    const session = loadSession();
    if (session) headers.authorization = `Bearer ${session.token}`;
  }
  const response = await fetch(path, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  if (!response.ok) {
    const detail = describe(body);
    const error = messageFor(response.status, detail);
    if (response.status === 401 && init.auth !== false) {
      clearSession();
      onSignedOut(error);
    }
    throw error;
  }
  return { status: response.status, body: body as T };
}

function describe(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return typeof body === 'string' ? body : undefined;
  const b = body as { message?: unknown; field?: unknown };
  const message = Array.isArray(b.message) ? b.message.join('; ') : b.message;
  if (typeof message !== 'string') return undefined;
  return typeof b.field === 'string' ? `${b.field}: ${message}` : message;
}
