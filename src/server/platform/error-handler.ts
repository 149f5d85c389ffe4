import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, ERROR_CODES, type ErrorCode } from './errors.js';
import type { Lang } from './request-context.js';

/** Picks the UI language: the `houbei_lang` cookie, else Accept-Language, else Chinese. */
export function languageOf(request: FastifyRequest): Lang {
  const cookie = request.cookies?.houbei_lang;
  if (cookie === 'en' || cookie === 'zh') return cookie;
  const accept = request.headers['accept-language'] ?? '';
  return /^\s*en\b/i.test(accept) ? 'en' : 'zh';
}

/** Sends the one error shape. */
export function sendError(
  reply: FastifyReply,
  lang: Lang,
  code: ErrorCode,
  details?: unknown,
  message?: { zh: string; en: string },
): FastifyReply {
  const text = message ?? ERROR_CODES[code];
  return reply
    .code(ERROR_CODES[code].status)
    .header('cache-control', 'no-store')
    .send({ error: { code, message: text[lang], details: details ?? null } });
}

// Fastify's own client errors (bad JSON, wrong content type, body too large …) by error code.
const FASTIFY_CLIENT_ERRORS: Record<string, ErrorCode> = {
  FST_ERR_CTP_EMPTY_JSON_BODY: 'bad_request',
  FST_ERR_CTP_INVALID_JSON_BODY: 'bad_request',
  FST_ERR_CTP_BODY_TOO_LARGE: 'file_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'bad_request',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_CTP_INVALID_TYPE: 'bad_request',
  FST_REQ_FILE_TOO_LARGE: 'file_too_large',
  FST_PARTS_LIMIT: 'file_too_large',
  FST_FILES_LIMIT: 'file_too_large',
  FST_FIELDS_LIMIT: 'bad_request',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'bad_request',
  FST_ERR_VALIDATION: 'validation_failed',
};

/** Installs the error and not-found handlers: every failure leaves in the one shape, 5xx without internals. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const lang = request.lang ?? languageOf(request);
    if (error instanceof AppError)
      return sendError(reply, lang, error.code, error.details, error.customMessage);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = error.validation.map((issue) => ({
        path: issue.instancePath.replace(/^\//, '').replaceAll('/', '.'),
        message: issue.message ?? 'invalid',
        in: error.validationContext ?? 'body',
      }));
      return sendError(reply, lang, 'validation_failed', { fields });
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response did not match its schema');
      return sendError(reply, lang, 'internal');
    }
    if (error.statusCode === 429) return sendError(reply, lang, 'rate_limited');
    const mapped = error.code ? FASTIFY_CLIENT_ERRORS[error.code] : undefined;
    if (mapped) return sendError(reply, lang, mapped);
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendError(reply, lang, error.statusCode === 413 ? 'file_too_large' : 'bad_request');
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendError(reply, lang, 'internal');
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, request.lang ?? languageOf(request), 'not_found'),
  );
}
