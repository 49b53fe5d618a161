import {
  getNamedType,
  GraphQLEnumType,
  GraphQLObjectType,
  GraphQLScalarType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import type { MetadataStorage } from '@mikro-orm/core';
import { GEOMETRY_FIELDS, READ_MODEL, type TypeModel } from './read.model';

/**
 * Compiles a GraphQL selection over a record type into one SQL expression that builds
 * the response JSON in PostgreSQL (json_build_object / json_agg over correlated
 * subqueries), as PostGraphile does. Only what is selected is computed: ST_AsGeoJSON
 * for `geometry`, ST_Area for `areaM2`, and so on.
 *
 * The compiler refuses (returns null) anything it does not know — a field of another
 * module (coverage, findings), a directive, a field with arguments — and the field then
 * runs through the resolvers as before. Keys are the response keys (aliases) in
 * selection order, so the JSON is the response as graphql-js would build it.
 */

/** SQL that builds one object over the alias of its row. */
export type ObjectSql = (alias: string) => string;

/** A scalar column's JSON value as the GraphQL scalar serializes it. */
function scalarSql(scalar: string, col: string): string | null {
  switch (scalar) {
    case 'ID':
      return `${col}::text`;
    case 'String':
    case 'Int':
    case 'Boolean':
      return col;
    case 'Float':
      return `${col}::float8`;
    // DateTimeISO serializes Date.toISOString(): milliseconds, UTC, 'Z'.
    case 'DateTimeISO':
      return `to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    default:
      return null;
  }
}

type Fields = Map<string, FieldNode[]>;

export class ReadCompiler {
  private readonly columns = new Map<string, Map<string, string>>();

  constructor(
    private readonly schema: GraphQLSchema,
    metadata: MetadataStorage,
  ) {
    // Plain columns per GraphQL type: a @Field whose name is a scalar or enum property of the entity.
    for (const [typeName, model] of Object.entries(READ_MODEL)) {
      const type = schema.getType(typeName);
      if (!(type instanceof GraphQLObjectType)) continue;
      const meta = metadata.find(model.entity);
      const cols = new Map<string, string>();
      for (const [name, field] of Object.entries(type.getFields())) {
        if (model.computed[name] || model.relations[name] || (model.geometry && GEOMETRY_FIELDS[name])) continue;
        const prop = meta?.properties[name as never] as
          { kind?: string; fieldNames?: string[]; persist?: boolean; formula?: unknown; lazy?: boolean } | undefined;
        if (!prop || prop.kind !== 'scalar' || prop.persist === false || prop.formula || prop.fieldNames?.length !== 1)
          continue;
        const named = getNamedType(field.type);
        const col = `%.${prop.fieldNames[0]}`;
        const sql =
          named instanceof GraphQLEnumType
            ? `${col}::text`
            : named instanceof GraphQLScalarType
              ? scalarSql(named.name, col)
              : null;
        if (sql) cols.set(name, sql);
      }
      this.columns.set(typeName, cols);
    }
  }

  model(typeName: string): TypeModel | undefined {
    return READ_MODEL[typeName];
  }

  /**
   * The object builder for a field's selection (all nodes of one response key), or null
   * when something in it is not compilable.
   */
  compile(
    typeName: string,
    nodes: readonly FieldNode[],
    fragments: Record<string, FragmentDefinitionNode>,
  ): ObjectSql | null {
    const counter = { n: 0 };
    const build = this.object(
      typeName,
      nodes.map((n) => n.selectionSet).filter((s): s is SelectionSetNode => !!s),
      fragments,
      counter,
    );
    return build;
  }

  private object(
    typeName: string,
    sets: SelectionSetNode[],
    fragments: Record<string, FragmentDefinitionNode>,
    counter: { n: number },
  ): ObjectSql | null {
    const model = READ_MODEL[typeName];
    const columns = this.columns.get(typeName);
    if (!model || !columns || !sets.length) return null;
    const fields: Fields = new Map();
    for (const set of sets) if (!collect(typeName, set, fragments, fields)) return null;

    const parts: ((a: string) => string)[] = [];
    for (const [key, nodes] of fields) {
      const name = nodes[0]!.name.value;
      if (nodes.some((n) => n.arguments?.length)) return null;
      const lit = `'${key}'`; // response keys are GraphQL names: [_A-Za-z][_0-9A-Za-z]*
      if (name === '__typename') {
        parts.push(() => `${lit}, '${typeName}'::text`);
        continue;
      }
      const column = columns.get(name);
      if (column) {
        parts.push((a) => `${lit}, ${column.replaceAll('%', a)}`);
        continue;
      }
      const computed = model.computed[name] ?? (model.geometry ? GEOMETRY_FIELDS[name] : undefined);
      if (computed) {
        parts.push((a) => `${lit}, ${computed(a)}`);
        continue;
      }
      const rel = model.relations[name];
      if (!rel) return null;
      const sub = this.object(
        rel.type,
        nodes.map((n) => n.selectionSet).filter((s): s is SelectionSetNode => !!s),
        fragments,
        counter,
      );
      if (!sub) return null;
      const t = `r${++counter.n}`;
      if (rel.many) {
        parts.push(
          (a) =>
            `${lit}, coalesce((select json_agg(${sub(t)}${rel.order ? ` order by ${rel.order(t)}` : ''}) ${rel.from(a, t)}), '[]'::json)`,
        );
      } else {
        parts.push(
          (a) => `${lit}, (select ${sub(t)} ${rel.from(a, t)}${rel.order ? ` order by ${rel.order(t)}` : ''} limit 1)`,
        );
      }
    }
    // json_build_object takes at most 100 arguments; wider selections run through the resolvers.
    if (parts.length > 50) return null;
    return (a) => `json_build_object(${parts.map((p) => p(a)).join(', ')})`;
  }
}

/** graphql-js's field collection for one object type, refusing directives and foreign type conditions. */
export function collect(
  typeName: string,
  set: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  out: Fields,
): boolean {
  for (const sel of set.selections) {
    if (sel.directives?.length) return false;
    if (sel.kind === Kind.FIELD) {
      const key = sel.alias?.value ?? sel.name.value;
      const list = out.get(key);
      if (list) list.push(sel);
      else out.set(key, [sel]);
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      if (sel.typeCondition && sel.typeCondition.name.value !== typeName) return false;
      if (!collect(typeName, sel.selectionSet, fragments, out)) return false;
    } else {
      const f = fragments[sel.name.value];
      if (!f || f.directives?.length || f.typeCondition.name.value !== typeName) return false;
      if (!collect(typeName, f.selectionSet, fragments, out)) return false;
    }
  }
  return true;
}
