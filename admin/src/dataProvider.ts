import { translateServerMessage } from './i18n/serverMessages';
import buildGraphQLProvider, { buildQuery as defaultBuildQuery } from 'ra-data-graphql-simple';
import {
  CREATE,
  GET_LIST,
  GET_MANY,
  GET_MANY_REFERENCE,
  HttpError,
  UPDATE,
  type DataProvider,
  type I18nProvider,
} from 'react-admin';
import { HttpLink } from '@apollo/client';
import { authFetch } from './auth/session';
import { RESOURCES, type ResourceName } from './resources';
import { transferMethods } from './import/transferProvider';
import { gridEditingMethods } from './data/gridEditing';
import { mapMethods } from './data/mapMethods';
import { reportMethods } from './data/reportMethods';
import { makeRequest, type GqlError } from './data/request';
import { workflowMethods } from './data/workflowMethods';
import { mapMethods as tileMethods } from './map/mapProvider';

/** Fields lists do not need (a geometry per row is the heaviest thing the API returns). */
const NOT_IN_LISTS = new Set(['geometry']);
type IntrospectionResults = Parameters<typeof defaultBuildQuery>[0];

/**
 * ra-data-graphql-simple's buildQuery with three changes only:
 * lists skip `geometry`; creates and updates send only the mutation's own
 * arguments (not the `village { id }` objects next to `villageId`, which would
 * override an edited id); an unchanged geometry is not sent back.
 */
function buildQuery(introspection: IntrospectionResults) {
  const base = defaultBuildQuery(introspection);
  return (fetchType: string, resourceName: string, params: any) => {
    const resource = introspection.resources.find((r: any) => r.type.name === resourceName);
    const isList = [GET_LIST, GET_MANY, GET_MANY_REFERENCE].includes(fetchType);
    if (resource && isList) {
      const fields = (resource.type as any).fields
        .map((f: any) => f.name as string)
        .filter((n: string) => !NOT_IN_LISTS.has(n));
      params = { ...params, meta: { ...(params?.meta ?? {}), sparseFields: fields } };
    }
    if (resource && (fetchType === CREATE || fetchType === UPDATE)) {
      const mutation = (resource as any)[fetchType] as { args: { name: string }[] } | undefined;
      if (mutation) {
        const argNames = new Set(mutation.args.map((a) => a.name));
        const data: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(params.data ?? {})) {
          if (!argNames.has(k) || k === 'id') continue;
          if (
            k === 'geometry' &&
            fetchType === UPDATE &&
            JSON.stringify(v) === JSON.stringify(params.previousData?.geometry)
          )
            continue;
          data[k] = v === '' ? null : v;
        }
        params = { ...params, data };
      }
    }
    return base(fetchType, resourceName, params);
  };
}

/** The dataProvider: ra-data-graphql-simple against /graphql, with URL resource names mapped to GraphQL types. */
export function createDataProvider(i18n: I18nProvider) {
  const inner = buildGraphQLProvider({
    // The session's token on every request, read when each request is made.
    clientOptions: { link: new HttpLink({ uri: '/graphql', fetch: authFetch }) } as any,
    buildQuery: buildQuery as any,
  });

  /** A refusal in the UI language: a known server message says the reason itself (no generic label before it). */
  const describe = (errors: GqlError[], fallback = ''): string => {
    const code = errors[0]?.extensions?.code;
    const message = errors[0]?.message ?? fallback;
    if (!code) return message;
    const label = i18n.translate(`wz.errors.${code}`, { _: code });
    const known = translateServerMessage(message, i18n.getLocale());
    // CONFLICT's label names one reason of several (a stale version); the translated message says which.
    return known ? (code === 'CONFLICT' ? known : `${label}：${known}`) : `${label}: ${message}`;
  };
  const request = makeRequest((errors) => describe(errors));

  const translateError = (e: any): never => {
    const gqlErrors = e?.body?.graphQLErrors ?? e?.body?.errors ?? [];
    const code: string | undefined = gqlErrors[0]?.extensions?.code ?? (e?.body?.networkError ? 'NETWORK' : undefined);
    if (code) {
      const errors: GqlError[] = gqlErrors.length ? gqlErrors : [{ message: e.message, extensions: { code } }];
      throw new HttpError(describe(errors, e.message), e.status ?? 200, e.body);
    }
    throw e;
  };

  const map = (resource: string) => {
    const def = RESOURCES[resource as ResourceName] as
      { type: string; filter?: Record<string, unknown>; defaults?: Record<string, unknown> } | undefined;
    return def ?? { type: resource };
  };

  const call = (method: keyof DataProvider) => (resource: string, params: any) => {
    const def = map(resource);
    let p = params;
    if (def.filter && (method === 'getList' || method === 'getManyReference'))
      p = { ...params, filter: { ...params.filter, ...def.filter } };
    if (def.defaults && method === 'create') p = { ...params, data: { ...def.defaults, ...params.data } };
    return (inner as any)[method](def.type, p).catch(translateError);
  };

  const provider = {
    getList: call('getList'),
    getOne: call('getOne'),
    getMany: call('getMany'),
    getManyReference: call('getManyReference'),
    create: call('create'),
    update: call('update'),
    updateMany: call('updateMany'),
    delete: call('delete'),
    deleteMany: call('deleteMany'),
    // The admin's own calls (react-admin's custom data-provider methods), grouped by page.
    ...gridEditingMethods(request),
    ...mapMethods(request),
    ...reportMethods(request),
    ...workflowMethods(request),
    // Import and export (REST under /api): the wizard and the list export menus.
    ...transferMethods,
    // The map's vector tiles and their TileJSON (REST under /tiles).
    ...tileMethods,
  };
  return provider satisfies DataProvider;
}

export type WzDataProvider = ReturnType<typeof createDataProvider>;
