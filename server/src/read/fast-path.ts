import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import { getArgumentValues, getVariableValues, Kind, type FieldNode, type FragmentDefinitionNode, type GraphQLField, type OperationDefinitionNode } from 'graphql';
import type { Context } from '../context';
import { checkArgs } from '../common/input-guard';
import type { ObjectSql } from './compile';
import { collect } from './compile';
import { compiledReadsEnabled, readPathOf, readStats, type RootRunner } from './install';

/**
 * A query whose every root field compiles is answered without graphql-js's execution:
 * after Apollo has parsed, validated and the protection plugin has checked the operation
 * (didResolveOperation), the root statements run (one each) and their JSON, already shaped
 * as the response (response keys, selection order), is the `data`. Anything else — a
 * mutation, a field the compiler does not know, an error — returns null here and runs
 * through the resolvers, which then produce the usual response and errors.
 */
type Root = { key: string; typename: true } | { key: string; field: GraphQLField<unknown, unknown>; node: FieldNode; runner: RootRunner; build: ObjectSql };

export function compiledReadsPlugin(): ApolloServerPlugin<Context> {
  const plans = new WeakMap<OperationDefinitionNode, Root[] | null>();
  return {
    async requestDidStart() {
      return {
        async responseForOperation(rc): Promise<GraphQLResponse | null> {
          const operation = rc.operation;
          if (!operation || operation.operation !== 'query' || !compiledReadsEnabled()) return null;
          const path = readPathOf(rc.schema);
          if (!path) return null;
          let roots = plans.get(operation);
          if (roots === undefined) {
            roots = planOf(rc.schema.getQueryType()!.getFields(), operation, rc.document.definitions, path);
            plans.set(operation, roots);
          }
          if (!roots) return null;
          try {
            let variables: Record<string, unknown> = {};
            if (operation.variableDefinitions?.length) {
              const coerced = getVariableValues(rc.schema, operation.variableDefinitions, rc.request.variables ?? {});
              if (coerced.errors) return null;
              variables = coerced.coerced;
            }
            const values = await Promise.all(roots.map((r) => {
              if ('typename' in r) return 'Query';
              const args = getArgumentValues(r.field, r.node, variables);
              // The same argument checks as the guarded resolvers (common/input-guard.ts); a refusal falls back to them.
              checkArgs(r.field.args, args, `Query.${r.field.name}`, undefined);
              return r.runner.run(r.build, args, rc.contextValue);
            }));
            const data: Record<string, unknown> = {};
            roots.forEach((r, i) => { data[r.key] = values[i]; });
            readStats.compiled += roots.length;
            readStats.fast++;
            return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data } } };
          } catch {
            return null; // the resolvers run it again and report the error as graphql-js does
          }
        },
      };
    },
  };
}

function planOf(
  fields: Record<string, GraphQLField<unknown, unknown>>, operation: OperationDefinitionNode,
  definitions: readonly { kind: string }[], path: NonNullable<ReturnType<typeof readPathOf>>,
): Root[] | null {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[(d as FragmentDefinitionNode).name.value] = d as FragmentDefinitionNode;
  if (operation.directives?.length) return null;
  const collected = new Map<string, FieldNode[]>();
  if (!collect('Query', operation.selectionSet, fragments, collected)) return null;
  const roots: Root[] = [];
  for (const [key, nodes] of collected) {
    const name = nodes[0]!.name.value;
    if (name === '__typename') {
      roots.push({ key, typename: true });
      continue;
    }
    const runner = path.runners.get(name);
    const field = fields[name];
    // The same field twice under one key with different arguments is refused by validation; take the first node's.
    const build = runner && field ? path.plan(nodes, fragments, runner.typeName) : null;
    if (!runner || !field || !build) return null;
    roots.push({ key, field, node: nodes[0]!, runner, build });
  }
  return roots.length ? roots : null;
}
