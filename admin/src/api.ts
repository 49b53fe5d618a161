/**
 * Plain GraphQL over fetch for what the ra-data-graphql-simple convention does not
 * cover (coverage, cityReport, the map's fallback), and the schema's capabilities:
 * the admin asks the server which fields exist and hides what is not there yet.
 */
import { authFetch } from './auth/session';

export interface GqlError {
  message: string;
  extensions?: { code?: string; [k: string]: unknown };
}

export class GqlRequestError extends Error {
  constructor(message: string, public readonly errors: GqlError[]) {
    super(message);
  }
}

/** Change ids of the latest response that carried some (`extensions.changeIds`): the map's undo stack keeps them. */
let latestChangeIds: string[] = [];
export function takeChangeIds(): string[] {
  const ids = latestChangeIds;
  latestChangeIds = [];
  return ids;
}

export async function gql<T = any>(query: string, variables: Record<string, unknown> = {}, signal?: AbortSignal): Promise<T> {
  const res = await authFetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
    signal,
  });
  const body = (await res.json().catch(() => ({}))) as { data?: T; errors?: GqlError[]; extensions?: { changeIds?: unknown } };
  if (Array.isArray(body.extensions?.changeIds)) latestChangeIds = body.extensions.changeIds.map(String);
  if (body.errors?.length) throw new GqlRequestError(body.errors.map((e) => e.message).join('; '), body.errors);
  if (!res.ok || !body.data) throw new GqlRequestError(`HTTP ${res.status}`, []);
  return body.data;
}

/** Type name → its field names, from introspection (fetched once at start). */
export interface Capabilities {
  fields: Record<string, Set<string>>;
  has(type: string, field?: string): boolean;
}

let capabilities: Capabilities = makeCapabilities({});

function makeCapabilities(fields: Record<string, Set<string>>): Capabilities {
  return {
    fields,
    has(type, field) {
      const f = fields[type];
      if (!f) return false;
      return field === undefined ? true : f.has(field);
    },
  };
}

export async function loadCapabilities(): Promise<Capabilities> {
  try {
    const data = await gql<{ __schema: { types: { name: string; fields: { name: string }[] | null }[] } }>(
      '{ __schema { types { name fields { name } } } }',
    );
    const map: Record<string, Set<string>> = {};
    for (const t of data.__schema.types) if (t.fields && !t.name.startsWith('__')) map[t.name] = new Set(t.fields.map((f) => f.name));
    capabilities = makeCapabilities(map);
  } catch {
    capabilities = makeCapabilities({});
  }
  return capabilities;
}

export const getCapabilities = () => capabilities;
