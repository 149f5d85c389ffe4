import { buildQuery, type QueryValue } from '../app/api-client';

/**
 * Starts an Excel download. A plain navigation carries the session cookie, and the server's
 * `Content-Disposition: attachment` keeps the page where it is.
 */
export function download(path: string, query: Record<string, QueryValue> = {}): void {
  const link = document.createElement('a');
  link.href = `/api${path}${buildQuery(query)}`;
  link.download = '';
  document.body.appendChild(link);
  link.click();
  link.remove();
}
