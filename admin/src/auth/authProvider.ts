import { translateServerMessage } from '../i18n/serverMessages';
import type { AuthProvider } from 'react-admin';
import { clearSession, getSession, saveSession, type Session } from './session';

const LOGIN = `mutation($username: String!, $password: String!) {
  login(username: $username, password: $password) { token expiresAt user { id username role displayName } }
}`;

const codeOf = (error: any): string | undefined =>
  error?.body?.graphQLErrors?.[0]?.extensions?.code ??
  error?.body?.errors?.[0]?.extensions?.code ??
  error?.body?.networkError?.result?.errors?.[0]?.extensions?.code;

/** react-admin's auth over the API's `login` mutation and bearer tokens. */
export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    const res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: LOGIN, variables: { username, password } }),
    });
    const body = (await res.json()) as { data?: { login: Session }; errors?: { message: string }[] };
    if (!body.data?.login) {
      const message = body.errors?.[0]?.message ?? `HTTP ${res.status}`;
      throw new Error(translateServerMessage(message) ?? message);
    }
    saveSession(body.data.login);
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
    return {
      id: s.user.id,
      fullName: s.user.displayName || s.user.username,
      username: s.user.username,
      role: s.user.role,
    };
  },
  async getPermissions() {
    return getSession()?.user.role ?? null;
  },
  async canAccess({ resource, action }: { resource: string; action: string }) {
    return roleCanAccess(getSession()?.user.role, resource, action);
  },
};

/** Resources only an administrator sees (menus, lists and pages). */
const ADMIN_ONLY = new Set(['users', 'keys', 'audit-events']);
/** Resources an EDITOR writes (the server narrows it to the editor's counties and townships). */
const EDITOR_WRITES = new Set([
  'villages',
  'communities',
  'grids',
  'grid-workers',
  'party-units',
  'member-units',
  'work-orders',
]);
const READ_ACTIONS = new Set(['list', 'show', 'export', 'read']);
const WRITE_ACTIONS = new Set(['create', 'edit', 'delete', 'clone']);

/**
 * What a role may do in the admin, for react-admin's access control (buttons, menus and
 * routes ask `canAccess`). The server enforces the same rules (and the editor's scope);
 * this only keeps out of sight what would be refused.
 */
export function roleCanAccess(role: string | undefined | null, resource: string, action: string): boolean {
  if (!role) return false;
  if (role === 'ADMIN') return true;
  if (ADMIN_ONLY.has(resource)) return false;
  if (READ_ACTIONS.has(action)) return true;
  return role === 'EDITOR' && EDITOR_WRITES.has(resource) && WRITE_ACTIONS.has(action);
}
