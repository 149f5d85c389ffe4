import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/server/app.js';
import { readConfig } from '../src/server/platform/config.js';
import { createFieldCipher, type FieldCipher } from '../src/server/platform/crypto.js';
import type { Database } from '../src/server/platform/db.js';
import { TEST_PASSWORD } from './factories.js';
import { createTestDatabase, type DbKind } from './test-db.js';

const TEST_SECRET = 'test-secret-test-secret-test-secret-0123456789';

export type TestApp = {
  app: FastifyInstance;
  database: Database;
  db: Database['db'];
  cipher: FieldCipher;
  /** Signs in and returns a client that sends the session cookie and CSRF token. */
  login: (username: string, password?: string) => Promise<TestClient>;
  /** A client with no session. */
  anonymous: () => TestClient;
  close: () => Promise<void>;
};

type Payload = Record<string, unknown> | unknown[] | string | Buffer | undefined;

export type TestClient = {
  request: (
    method: string,
    url: string,
    body?: Payload,
    headers?: Record<string, string>,
  ) => Promise<LightMyRequestResponse>;
  get: (url: string) => Promise<LightMyRequestResponse>;
  post: (url: string, body?: Payload) => Promise<LightMyRequestResponse>;
  patch: (url: string, body?: Payload) => Promise<LightMyRequestResponse>;
  put: (url: string, body?: Payload) => Promise<LightMyRequestResponse>;
  delete: (url: string) => Promise<LightMyRequestResponse>;
  /** Uploads a file as multipart field `file`. */
  upload: (
    url: string,
    file: Buffer,
    fileName?: string,
    method?: 'POST' | 'PUT',
  ) => Promise<LightMyRequestResponse>;
  cookie: string;
  csrfToken: string;
};

/** Builds the real app on a fresh database of the given engine. */
export async function buildTestApp(
  kind: DbKind,
  overrides: Parameters<typeof readConfig>[1] = {},
): Promise<TestApp> {
  const database = await createTestDatabase(kind);
  const config = readConfig(
    {},
    { logLevel: 'silent', webDir: '/nonexistent', loginRateLimitPerMinute: 1000, ...overrides },
  );
  const app = await buildApp({ config, database, secret: TEST_SECRET, logger: config.logLevel !== 'silent' });
  await app.ready();

  const client = (cookie: string, csrfToken: string): TestClient => {
    const request: TestClient['request'] = (method, url, body, headers = {}) =>
      app.inject({
        method: method as 'GET',
        url,
        headers: {
          ...(cookie ? { cookie } : {}),
          ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}),
          ...headers,
        },
        ...(body === undefined
          ? {}
          : typeof body === 'string' || Buffer.isBuffer(body)
            ? { payload: body }
            : { payload: body as object }),
      });
    return {
      request,
      get: (url) => request('GET', url),
      post: (url, body) => request('POST', url, body ?? {}),
      patch: (url, body) => request('PATCH', url, body ?? {}),
      put: (url, body) => request('PUT', url, body ?? {}),
      delete: (url) => request('DELETE', url),
      upload: (url, file, fileName = 'upload.xlsx', method = 'POST') => {
        const boundary = '----houbeitest';
        const payload = Buffer.concat([
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
          ),
          file,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]);
        return request(method, url, payload, { 'content-type': `multipart/form-data; boundary=${boundary}` });
      },
      cookie,
      csrfToken,
    };
  };

  return {
    app,
    database,
    db: database.db,
    cipher: createFieldCipher(TEST_SECRET),
    anonymous: () => client('', ''),
    login: async (username, password = TEST_PASSWORD) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password },
      });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const setCookie = res.cookies.find((c) => c.name === 'houbei_sid');
      const cookie = `houbei_sid=${setCookie?.value}`;
      const session = await app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie } });
      return client(cookie, session.json().csrfToken);
    },
    close: async () => {
      await app.close();
      await database.dispose();
    },
  };
}
