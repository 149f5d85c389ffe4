import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import type { MessageInstance } from 'antd/es/message/interface';
import { ApiError } from '../app/api-client';
import { applyFieldErrors } from './form-errors';

/** The text to show for any failure; the API's messages are already in the user's language. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

type ReportOptions<T> = {
  message: MessageInstance;
  form?: FormInstance<T>;
  client?: QueryClient;
  /** Queries to read again when someone else changed the record (409 conflict). */
  reload?: QueryKey[];
};

/**
 * Shows a failed write the way the user can act on it: field messages on the form, a version
 * conflict as "someone else changed it" followed by a reload, anything else as a message.
 */
export function reportError<T>(error: unknown, options: ReportOptions<T>): void {
  if (options.form && applyFieldErrors(options.form, error)) {
    options.message.error(errorText(error));
    return;
  }
  if (error instanceof ApiError && error.code === 'conflict') {
    options.message.warning({ content: error.message, duration: 6 });
    for (const key of options.reload ?? []) void options.client?.invalidateQueries({ queryKey: key });
    return;
  }
  // 401 and forced password change are handled globally by redirecting.
  if (error instanceof ApiError && (error.status === 401 || error.code === 'password_change_required'))
    return;
  options.message.error(errorText(error));
}
