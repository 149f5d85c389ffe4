import type { FormInstance } from 'antd';
import { ApiError } from '../app/api-client';
import { oneLanguage } from './one-language';

/** `resume.0.text` → ['resume', 0, 'text'], the name antd forms use for list fields. */
export function fieldName(path: string): (string | number)[] {
  return path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Puts the server's validation messages on the matching form fields. Returns whether any field
 * was marked, so the caller can fall back to a general message.
 */
export function applyFieldErrors<T>(form: FormInstance<T>, error: unknown): boolean {
  if (!(error instanceof ApiError) || !error.fields.length) return false;
  form.setFields(
    error.fields.map((f) => ({ name: fieldName(f.path) as never, errors: [oneLanguage(f.message)] })),
  );
  return true;
}
