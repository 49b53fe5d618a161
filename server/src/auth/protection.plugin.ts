import type { ApolloServerPlugin } from '@apollo/server';
import { getNamedType, isLeafType, parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { Config } from '../config';
import type { Context } from '../context';
import { AppError, type ErrorCode } from '../common/errors';
import { Role } from './auth.entities';
import { measureOperation, operationsOf, rootFields, type OperationMeasure } from './document-analysis';
import { AUTH_MESSAGES, forbidden, unauthenticated, type Principal } from './principal';

/** Root fields anyone may call. */
const PUBLIC_FIELDS = new Set(['login', '__typename']);
/** Root fields only an administrator may call. */
const ADMIN_FIELDS = new Set([
  'User',
  'allUsers',
  '_allUsersMeta',
  'createUser',
  'updateUser',
  'deleteUser',
  'ApiKey',
  'allApiKeys',
  '_allApiKeysMeta',
  'createApiKey',
  'updateApiKey',
  'deleteApiKey',
  'revokeApiKey',
  'restoreGrid',
]);
/** Mutations a read-only user may still make. */
const SELF_SERVICE = new Set(['login', 'changePassword']);

/**
 * What a coverage-only service key may ask, checked on EVERY field of the document
 * (fragments and inline fragments included), before anything runs. Per type: `*` for
 * every field, else the leaf fields (scalars and enums) plus the relations listed.
 * Relations back to lists of records (village.grids, worker.grids…) are not listed.
 */
const COVERAGE_ONLY: Readonly<Record<string, '*' | { relations: readonly string[] }>> = {
  Query: { relations: ['coverage', 'gridAt', 'allCoverageFindings', '_allCoverageFindingsMeta', 'CoverageFinding'] },
  Coverage: '*',
  KindCount: '*',
  SeverityCount: '*',
  OverlapPiece: '*',
  UnitCoverage: '*',
  ListMetadata: '*',
  CoverageFinding: { relations: ['village', 'grid'] },
  Grid: { relations: ['village', 'workers', 'partyUnit', 'partyUnits', 'findings'] },
  Village: { relations: ['township', 'coverage'] },
  Township: { relations: ['county'] },
  County: { relations: [] },
  GridWorker: { relations: [] },
  PartyUnit: { relations: [] },
};

/** Fields with one response name, and fragment spreads, in one selection set (validation compares them pairwise). */
const MAX_SAME_FIELD = 10;
const MAX_SPREADS = 50;

const tooComplex = (code: ErrorCode, message: string) => new AppError(code, message, { http: { status: 400 } });

function coverageOnlyAllows(schema: GraphQLSchema, typeField: string): boolean {
  const dot = typeField.indexOf('.');
  const typeName = typeField.slice(0, dot);
  const field = typeField.slice(dot + 1);
  if (field === '__typename') return true;
  const rule = Object.hasOwn(COVERAGE_ONLY, typeName) ? COVERAGE_ONLY[typeName] : undefined;
  if (!rule) return false;
  if (rule === '*') return !field.startsWith('__');
  if (rule.relations.includes(field)) return true;
  if (typeName === 'Query') return false;
  const type = schema.getType(typeName);
  const def =
    type && 'getFields' in type
      ? (type.getFields() as Record<string, { type: Parameters<typeof getNamedType>[0] }>)[field]
      : undefined;
  return !!def && isLeafType(getNamedType(def.type));
}

/** The checks that need only who is asking and the root fields: run first, before any measure. */
function checkPrincipal(principal: Principal | null, operation: string, fields: Set<string>): void {
  if (!principal) {
    if ([...fields].every((f) => PUBLIC_FIELDS.has(f))) return;
    throw unauthenticated(AUTH_MESSAGES.signIn());
  }
  if (principal.role !== Role.ADMIN) {
    if ([...fields].some((f) => ADMIN_FIELDS.has(f))) throw forbidden(AUTH_MESSAGES.adminOnly());
  }
  if (operation === 'mutation' && (principal.role === Role.ANALYST || principal.role === Role.SERVICE)) {
    if (![...fields].every((f) => SELF_SERVICE.has(f) && principal.role !== Role.SERVICE))
      throw forbidden(AUTH_MESSAGES.readOnly(principal.role));
  }
}

function checkMeasure(config: Config, schema: GraphQLSchema, principal: Principal | null, m: OperationMeasure): void {
  if (principal?.coverageOnly) {
    const other = [...m.fields].find((f) => !coverageOnlyAllows(schema, f));
    if (other) throw forbidden(AUTH_MESSAGES.coverageOnly(other.startsWith('Query.') ? other.slice(6) : other));
  }
  if (m.maxSameField > MAX_SAME_FIELD) {
    throw tooComplex(
      'COST_LIMIT_EXCEEDED',
      `The query asks for one field ${m.maxSameField} times in one selection; at most ${MAX_SAME_FIELD} are allowed (use aliases for different arguments).`,
    );
  }
  if (m.maxSpreads > MAX_SPREADS)
    throw tooComplex(
      'COST_LIMIT_EXCEEDED',
      `The query spreads ${m.maxSpreads} fragments in one selection; at most ${MAX_SPREADS} are allowed.`,
    );
  if (m.maxPerPage > config.maxPerPage)
    throw tooComplex('BAD_USER_INPUT', `perPage is at most ${config.maxPerPage}; ask for the next page instead.`);
  if (m.depth > config.maxDepth)
    throw tooComplex(
      'DEPTH_LIMIT_EXCEEDED',
      `The query is nested ${m.depth} levels deep; at most ${config.maxDepth} are allowed.`,
    );
  if (m.aliases > config.maxAliases)
    throw tooComplex(
      'ALIAS_LIMIT_EXCEEDED',
      `The query uses ${m.aliases} aliases; at most ${config.maxAliases} are allowed.`,
    );
  if (!(m.cost <= config.maxCost)) {
    const cost = Number.isFinite(m.cost) && m.cost < 1e15 ? Math.round(m.cost).toLocaleString('en') : 'more than 10¹⁵';
    throw tooComplex(
      'COST_LIMIT_EXCEEDED',
      `The query could return about ${cost} values; at most ${config.maxCost.toLocaleString('en')} are allowed. Ask for fewer records per page or fewer nested lists.`,
    );
  }
}

/** Parsed documents by query text (the analysis is cached on the document): the last 500 of at most 64 KB each. */
const documents = new Map<string, DocumentNode | null>();
const MAX_DOCUMENTS = 500;
const MAX_CACHED_SOURCE = 64 * 1024;

function documentOf(source: string, maxTokens: number): DocumentNode | null {
  let doc = documents.get(source);
  if (doc !== undefined) {
    documents.delete(source); // most recent last
    documents.set(source, doc);
    return doc;
  }
  try {
    doc = parse(source, { maxTokens, noLocation: true });
  } catch {
    doc = null; // Apollo answers the syntax error itself
  }
  if (source.length > MAX_CACHED_SOURCE) return doc; // measured, not kept: large documents would fill the memory
  if (documents.size >= MAX_DOCUMENTS) documents.delete(documents.keys().next().value!);
  documents.set(source, doc);
  return doc;
}

export interface GraphQLRequestShape {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
}

/**
 * Everything decided from the document and who asks, in this order, each step linear
 * in the document and cached per document text:
 * 1. without credentials, only `login` (and `__typename`) — checked on the root fields right
 *    after parsing, before validation and before any measure;
 * 2. admin-only fields, writes by read-only roles;
 * 3. the coverage-only field list (every field) and the measure (depth, cost with perPage and
 *    variable defaults, aliases — fragments measured once, introspection and `__typename` counted).
 */
export function checkRequest(
  config: Config,
  schema: GraphQLSchema,
  request: GraphQLRequestShape,
  principal: Principal | null,
): void {
  if (typeof request.query !== 'string' || !request.query) return; // Apollo answers a missing query
  const document = documentOf(request.query, config.maxTokens);
  if (!document) return;
  const operationName = typeof request.operationName === 'string' ? request.operationName : undefined;
  let variables: Record<string, unknown> = {};
  if (request.variables && typeof request.variables === 'object')
    variables = request.variables as Record<string, unknown>;
  else if (typeof request.variables === 'string') {
    try {
      const parsed = JSON.parse(request.variables);
      if (parsed && typeof parsed === 'object') variables = parsed;
    } catch {
      /* Apollo refuses it */
    }
  }
  const operations = operationsOf(document, operationName);
  if (operations.some((op) => op.operation === 'subscription'))
    throw new AppError('BAD_REQUEST', 'This server answers queries and mutations; it has no subscriptions.', {
      http: { status: 400 },
    });
  for (const op of operations) checkPrincipal(principal, op.operation, rootFields(document, op));
  for (const op of operations)
    checkMeasure(config, schema, principal, measureOperation(schema, document, op, variables));
}

/**
 * Refuses, before anything runs, what the caller may not ask and what is too big to answer.
 * `check` runs when the request's context is made (after sign-in, before Apollo parses and
 * validates); the plugin runs it again when Apollo resolves the operation (a cache hit), for
 * requests that do not come over HTTP.
 */
export function protectionPlugin(
  config: Config,
): ApolloServerPlugin<Context> & { check(request: GraphQLRequestShape, principal: Principal | null): void } {
  let schema: GraphQLSchema | undefined;
  return {
    async serverWillStart({ schema: s }) {
      schema = s;
    },
    check(request, principal) {
      if (schema) checkRequest(config, schema, request, principal);
    },
    async requestDidStart() {
      return {
        async validationDidStart(rc) {
          // No schema hints for callers without credentials ("Did you mean …?").
          return async (errors) => {
            if (rc.contextValue.principal) return;
            for (const e of errors ?? []) e.message = e.message.replace(/ ?Did you mean(.+?)\?$/, '');
          };
        },
        async didResolveOperation(rc) {
          checkRequest(
            config,
            rc.schema,
            { query: rc.source, operationName: rc.request.operationName, variables: rc.request.variables },
            rc.contextValue.principal,
          );
        },
      };
    },
  };
}
