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
  return res;
};
