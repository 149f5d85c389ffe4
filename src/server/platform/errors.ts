/**
 * The one error shape of the API: `{ error: { code, message, details } }`.
 * Every code has its HTTP status and a message in each UI language here, in one place.
 */
export const ERROR_CODES = {
  validation_failed: { status: 400, zh: '输入有误，请检查标记的字段。', en: 'Some fields are invalid.' },
  bad_request: { status: 400, zh: '请求无法处理。', en: 'The request could not be processed.' },
  invalid_file: { status: 400, zh: '文件无法读取或格式不正确。', en: 'The file could not be read.' },
  file_too_large: { status: 413, zh: '文件太大。', en: 'The file is too large.' },
  unauthenticated: { status: 401, zh: '请先登录。', en: 'Please sign in.' },
  invalid_credentials: { status: 401, zh: '用户名或密码错误。', en: 'Wrong user name or password.' },
  account_locked: {
    status: 423,
    zh: '登录失败次数过多，账户已锁定，请 15 分钟后再试。',
    en: 'Too many failed sign-ins; the account is locked for 15 minutes.',
  },
  password_change_required: {
    status: 403,
    zh: '请先修改初始密码。',
    en: 'Please change your initial password first.',
  },
  weak_password: { status: 400, zh: '新密码不符合要求。', en: 'The new password does not meet the rules.' },
  csrf_failed: {
    status: 403,
    zh: '页面已过期，请刷新后重试。',
    en: 'The page has expired; reload and try again.',
  },
  forbidden: { status: 403, zh: '没有权限执行此操作。', en: 'You are not allowed to do this.' },
  not_found: { status: 404, zh: '记录不存在或无权访问。', en: 'Not found.' },
  conflict: {
    status: 409,
    zh: '该记录已被他人修改，请刷新后再保存。',
    en: 'Someone else changed this record; reload it and save again.',
  },
  duplicate: { status: 409, zh: '记录已存在。', en: 'The record already exists.' },
  in_use: { status: 409, zh: '该记录正在被引用，不能执行此操作。', en: 'The record is in use.' },
  cycle: {
    status: 400,
    zh: '不能把机构移动到其自身或下级机构之下。',
    en: 'A unit cannot move under itself.',
  },
  rate_limited: { status: 429, zh: '请求过于频繁，请稍后再试。', en: 'Too many requests; try again later.' },
  internal: { status: 500, zh: '服务器内部错误，请稍后再试。', en: 'Internal server error.' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** A field-level problem, listed in `details.fields` of a validation error. */
export type FieldIssue = { path: string; message: string };

/** An expected failure; the error handler turns it into the error shape above. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  /** Overrides the generic message of the code (already in the caller's language or bilingual). */
  readonly customMessage?: { zh: string; en: string };

  constructor(code: ErrorCode, details?: unknown, customMessage?: { zh: string; en: string }) {
    super(customMessage?.en ?? ERROR_CODES[code].en);
    this.code = code;
    this.details = details;
    this.customMessage = customMessage;
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}

/** Shorthand for a validation error listing fields. */
export function invalidFields(fields: FieldIssue[]): AppError {
  return new AppError('validation_failed', { fields });
}
