/** A small API client for browser tests: sets up data the flow needs without clicking through it. */
export type ApiSession = {
  get: <T>(path: string) => Promise<T>;
  send: <T>(method: string, path: string, body?: unknown) => Promise<T>;
};

/** Signs in (changing a one-time password to `newPassword` when required) and returns a client. */
export async function apiSignIn(
  baseUrl: string,
  username: string,
  password: string,
  newPassword?: string,
): Promise<ApiSession> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!login.ok) throw new Error(`sign-in ${username}: ${login.status} ${await login.text()}`);
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  const session = (await (await fetch(`${baseUrl}/api/auth/session`, { headers: { cookie } })).json()) as {
    csrfToken: string;
  };
  const send = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${baseUrl}/api${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': session.csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  if ((await login.json()).mustChangePassword) {
    if (!newPassword) throw new Error(`${username} must change the password first`);
    await send('POST', '/auth/password', { currentPassword: password, newPassword });
  }
  return { get: (path) => send('GET', path), send };
}

/**
 * Gives a person an account with one role over a unit and sets its password (the one-time
 * password changed through the API), so a flow can sign in as them on the login page.
 */
export async function createAccount(
  admin: ApiSession,
  baseUrl: string,
  account: { personId: string; username: string; role: string; unitId: string; password: string },
): Promise<void> {
  const created = await admin.send<{ oneTimePassword: string }>('POST', '/users', {
    personId: account.personId,
    username: account.username,
    grants: [{ role: account.role, unitId: account.unitId }],
  });
  await apiSignIn(baseUrl, account.username, created.oneTimePassword, account.password);
}
