import type { AuthProvider } from 'react-admin';
import { loadCapabilities } from '../api';
import { clearSession, getSession, saveSession, type Session } from './session';

const LOGIN = `mutation($username: String!, $password: String!) {
  login(username: $username, password: $password) { token expiresAt user { id username role displayName } }
}`;

const codeOf = (error: any): string | undefined =>
  error?.body?.graphQLErrors?.[0]?.extensions?.code ?? error?.body?.errors?.[0]?.extensions?.code ?? error?.body?.networkError?.result?.errors?.[0]?.extensions?.code;

/** react-admin's auth over the API's `login` mutation and bearer tokens. */
export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    const res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: LOGIN, variables: { username, password } }),
    });
    const body = (await res.json()) as { data?: { login: Session }; errors?: { message: string }[] };
    if (!body.data?.login) throw new Error(body.errors?.[0]?.message ?? `HTTP ${res.status}`);
    saveSession(body.data.login);
    await loadCapabilities();
  },
  async logout() {
    clearSession();
  },
  async checkAuth() {
    if (!getSession()) throw new Error('ra.auth.auth_check_error');
  },
  async checkError(error: any) {
    const status = error?.status ?? error?.body?.networkError?.statusCode;
    if (status === 401 || codeOf(error) === 'UNAUTHENTICATED') {
      clearSession();
      throw new Error('ra.auth.auth_check_error');
    }
  },
  async getIdentity() {
    const s = getSession();
    if (!s) throw new Error('ra.auth.auth_check_error');
    return { id: s.user.id, fullName: s.user.displayName || s.user.username };
  },
  async getPermissions() {
    return getSession()?.user.role ?? null;
  },
};
