import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type FragmentDefinitionNode, type SelectionSetNode, type ValueNode } from 'graphql';
import type { Config } from '../config';
import type { Context } from '../common/context';
import { AppError, type ErrorCode } from '../common/errors';
import { Role } from './auth.entities';
import { AUTH_MESSAGES, forbidden, unauthenticated } from './principal';

/** Root fields anyone may call. */
const PUBLIC_FIELDS = new Set(['login', '__typename']);
/** Root fields only an administrator may call. */
const ADMIN_FIELDS = new Set([
  'User', 'allUsers', '_allUsersMeta', 'createUser', 'updateUser', 'deleteUser',
  'ApiKey', 'allApiKeys', '_allApiKeysMeta', 'createApiKey', 'revokeApiKey', 'restoreGrid',
]);
/** Mutations a read-only user may still make. */
const SELF_SERVICE = new Set(['login', 'changePassword']);
/** What a coverage-only service key may ask. */
const COVERAGE_FIELDS = new Set(['coverage', 'gridAt', 'allCoverageFindings', '_allCoverageFindingsMeta', 'CoverageFinding', '__typename']);

/** Expected sizes of relation lists, for the cost estimate (`allX` lists use their perPage). */
const LIST_SIZES: Record<string, number> = {
  townships: 20, villages: 50, grids: 10, workers: 5, partyUnits: 5, children: 20, findings: 10, overlaps: 50, gridAt: 3,
  findingsByKind: 9, findingsBySeverity: 3,
};

const tooComplex = (code: ErrorCode, message: string) => new AppError(code, message, { http: { status: 400 } });

interface Walk {
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  aliases: number;
}

function argValue(node: ValueNode | undefined, variables: Record<string, unknown>): unknown {
  if (!node) return undefined;
  if (node.kind === Kind.VARIABLE) return variables[node.name.value];
  if (node.kind === Kind.INT || node.kind === Kind.FLOAT) return Number(node.value);
  return undefined;
}

/** Depth and cost of a selection; counts aliases on the way. Introspection fields are not counted. */
function measure(set: SelectionSetNode, w: Walk, config: Config, seen = new Set<string>()): { depth: number; cost: number } {
  let depth = 0;
  let cost = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      if (sel.name.value.startsWith('__')) continue;
      if (sel.alias) w.aliases++;
      let size = 1;
      const perPageArg = sel.arguments?.find((a) => a.name.value === 'perPage');
      if (sel.name.value.startsWith('all')) {
        const perPage = argValue(perPageArg?.value, w.variables);
        size = typeof perPage === 'number' ? perPage : 25;
        if (size > config.maxPerPage) throw tooComplex('BAD_USER_INPUT', `perPage is at most ${config.maxPerPage}; ask for the next page instead.`);
      } else if (LIST_SIZES[sel.name.value]) size = LIST_SIZES[sel.name.value]!;
      if (sel.selectionSet) {
        const child = measure(sel.selectionSet, w, config, seen);
        depth = Math.max(depth, child.depth + 1);
        cost += size * (1 + child.cost);
      } else {
        depth = Math.max(depth, 1);
        cost += 1;
      }
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      const child = measure(sel.selectionSet, w, config, seen);
      depth = Math.max(depth, child.depth);
      cost += child.cost;
    } else {
      const name = sel.name.value;
      const fragment = w.fragments.get(name);
      if (!fragment || seen.has(name)) continue; // cycles are refused by validation anyway
      const child = measure(fragment.selectionSet, w, config, new Set([...seen, name]));
      depth = Math.max(depth, child.depth);
      cost += child.cost;
    }
  }
  return { depth, cost };
}

function rootFields(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, out = new Set<string>()): Set<string> {
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) out.add(sel.name.value);
    else if (sel.kind === Kind.INLINE_FRAGMENT) rootFields(sel.selectionSet, fragments, out);
    else {
      const f = fragments.get(sel.name.value);
      if (f) rootFields(f.selectionSet, fragments, out);
    }
  }
  return out;
}

/**
 * Refuses, before anything runs: requests without credentials (all but login),
 * writes by read-only roles, admin-only fields, what a coverage-only key may not
 * ask, and queries too deep, too costly or with too many aliases.
 */
export function protectionPlugin(config: Config): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, contextValue, request }) {
          if (!operation) return; // Apollo refuses a document without a matching operation itself
          const fragments = new Map(
            document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
          );
          const fields = rootFields(operation.selectionSet, fragments);
          const principal = contextValue.principal;

          if (!principal) {
            if ([...fields].every((f) => PUBLIC_FIELDS.has(f))) return;
            throw unauthenticated(AUTH_MESSAGES.signIn());
          }
          if (principal.role !== Role.ADMIN) {
            const adminOnly = [...fields].find((f) => ADMIN_FIELDS.has(f));
            if (adminOnly) throw forbidden(AUTH_MESSAGES.adminOnly());
          }
          if (operation.operation === 'mutation' && (principal.role === Role.ANALYST || principal.role === Role.SERVICE)) {
            if (![...fields].every((f) => SELF_SERVICE.has(f) && principal.role !== Role.SERVICE)) throw forbidden(AUTH_MESSAGES.readOnly(principal.role));
          }
          if (principal.coverageOnly) {
            const other = [...fields].find((f) => !COVERAGE_FIELDS.has(f));
            if (other) throw forbidden(AUTH_MESSAGES.coverageOnly(other));
          }

          const walk: Walk = { fragments, variables: request.variables ?? {}, aliases: 0 };
          const { depth, cost } = measure(operation.selectionSet, walk, config);
          if (depth > config.maxDepth) throw tooComplex('DEPTH_LIMIT_EXCEEDED', `The query is nested ${depth} levels deep; at most ${config.maxDepth} are allowed.`);
          if (walk.aliases > config.maxAliases) throw tooComplex('ALIAS_LIMIT_EXCEEDED', `The query uses ${walk.aliases} aliases; at most ${config.maxAliases} are allowed.`);
          if (cost > config.maxCost) {
            throw tooComplex('COST_LIMIT_EXCEEDED', `The query could return about ${cost.toLocaleString('en')} values; at most ${config.maxCost.toLocaleString('en')} are allowed. Ask for fewer records per page or fewer nested lists.`);
          }
        },
      };
    },
  };
}
