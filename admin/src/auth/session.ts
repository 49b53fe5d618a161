/**
 * The signed-in session: the token from the `login` mutation, kept in localStorage,
 * and a fetch that sends it. A 401 from the server ends the session (react-admin
 * then shows the login page; FormDraft keeps an unsaved form for after signing in again).
 */
const TOKEN = 'wz.token';
const USER = 'wz.user';

export interface SessionUser {
  id: string;
  username: string;
  role: 'ADMIN' | 'EDITOR' | 'ANALYST';
  displayName?: string | null;
}

export interface Session {
  token: string;
  expiresAt: string;
  user: SessionUser;
}

export function getSession(): Session | null {
  const token = localStorage.getItem(TOKEN);
  const user = localStorage.getItem(USER);
  if (!token || !user) return null;
  try {
    const session = { token, ...(JSON.parse(user) as { expiresAt: string; user: SessionUser }) };
    if (new Date(session.expiresAt).getTime() <= Date.now()) return null;
    return session;
  } catch {
    return null;
  }
}

export function saveSession(s: Session): void {
  localStorage.setItem(TOKEN, s.token);
  localStorage.setItem(USER, JSON.stringify({ expiresAt: s.expiresAt, user: s.user }));
}

export function clearSession(): void {
  localStorage.removeItem(TOKEN);
  localStorage.removeItem(USER);
}

export function authHeaders(): Record<string, string> {
  const s = getSession();
  return s ? { authorization: `Bearer ${s.token}` } : {};
}

/** fetch with the session's token; a 401 clears the session. */
export const authFetch: typeof fetch = async (input, init = {}) => {
  const headers = new Headers(init.headers);
  for (const [k, v] of Object.entries(authHeaders())) if (!headers.has(k)) headers.set(k, v);
  const res = await fetch(input, { ...init, headers });
  if (res.status === 401) clearSession();
  return graphqlErrorsAsOk(input, res);
};

/**
 * The server answers FORBIDDEN with HTTP 403 and UNAUTHENTICATED with 401, with the
 * GraphQL errors (code and message) in the body. Apollo Client drops the body of a
 * non-2xx response ("Received status code 403"), so the user would never read why:
 * a /graphql answer carrying `errors` is handed on as a 200, and the data provider
 * shows the code and the server's message (a 401 has already ended the session above,
 * and authProvider.checkError still sees the UNAUTHENTICATED code).
 */
async function graphqlErrorsAsOk(input: RequestInfo | URL, res: Response): Promise<Response> {
  if (res.ok || res.status >= 500) return res;
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (!/\/graphql(\?|$)/.test(url) || !(res.headers.get('content-type') ?? '').includes('json')) return res;
  const text = await res.clone().text();
  try {
    if (!Array.isArray((JSON.parse(text) as { errors?: unknown }).errors)) return res;
  } catch {
    return res;
  }
  return new Response(text, { status: 200, statusText: 'OK', headers: res.headers });
}
