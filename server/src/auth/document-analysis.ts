import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isObjectType,
  isUnionType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

/**
 * What a GraphQL operation asks for, measured in ONE pass over the document:
 * every fragment is measured once and its result reused wherever it is spread,
 * so a document of n bytes costs O(n) whatever its shape (a "fragment bomb"
 * that doubles at every level is measured as fast as a plain query).
 *
 * Counted, with fragments expanded as execution would: the depth, the cost (an
 * estimate of the values the response could hold: lists multiply by their
 * expected size, `allX` lists by their `perPage`, defaults included), and the
 * aliases. `__typename` and introspection fields count like any other field.
 * The measure needs no validation first: unknown fields cost 1, unknown
 * fragments nothing, and fragment cycles are cut (validation refuses them).
 */
export interface OperationMeasure {
  operation: 'query' | 'mutation' | 'subscription';
  /** Root fields (fragments and inline fragments followed). */
  rootFields: Set<string>;
  /** Every field asked for, as `Type.field` (the type as the schema knows it; `?` when unknown). */
  fields: Set<string>;
  depth: number;
  cost: number;
  aliases: number;
  /** Largest perPage asked for (a literal, a variable, or a variable's default). */
  maxPerPage: number;
  /**
   * The most fields with one response name in one selection set (inline fragments merged),
   * and the most fragment spreads in one selection set. graphql-js compares such fields
   * pairwise when it validates (OverlappingFieldsCanBeMerged): 2,000 copies of one field
   * take a second. Both are bounded before validation runs.
   */
  maxSameField: number;
  maxSpreads: number;
}

/** Expected sizes of relation lists, for the cost estimate (`allX` lists use their perPage). */
export const LIST_SIZES: Readonly<Record<string, number>> = {
  townships: 20,
  villages: 50,
  grids: 10,
  workers: 5,
  partyUnits: 5,
  children: 20,
  findings: 10,
  overlaps: 50,
  gridAt: 3,
  findingsByKind: 9,
  findingsBySeverity: 3,
  // Introspection: the list sizes of this schema's introspection are set from the schema itself (types, directives).
  fields: 12,
  inputFields: 8,
  args: 3,
  enumValues: 8,
  interfaces: 1,
  possibleTypes: 4,
};
const DEFAULT_LIST_SIZE = 10;
const DEFAULT_PER_PAGE = 25;

interface Partial {
  depth: number;
  cost: number;
  aliases: number;
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  defaults: Map<string, unknown>;
  memo: Map<string, Partial | 'busy'>;
  fields: Set<string>;
  maxPerPage: number;
  maxSameField: number;
  maxSpreads: number;
  schemaTypes: number;
  directives: number;
}

const INTROSPECTION_SIZES = new WeakMap<GraphQLSchema, Record<string, number>>();
/**
 * The introspection lists' sizes in this schema: per type, the average number of its fields, input
 * fields, enum values, interfaces and possible types; per field or directive, of its arguments
 * (rounded up). Fixed guesses (12 fields for every type, and 8 enum values and 8 input fields on
 * top) made the admin's standard introspection query "cost" more than the limit once the schema
 * grew past ~250 types, although its answer holds a fraction of that.
 */
function introspectionSizes(schema: GraphQLSchema): Record<string, number> {
  const known = INTROSPECTION_SIZES.get(schema);
  if (known) return known;
  const types = Object.values(schema.getTypeMap());
  const sum = { fields: 0, inputFields: 0, enumValues: 0, interfaces: 0, possibleTypes: 0, args: 0, withArgs: 0 };
  for (const t of types) {
    if (isObjectType(t) || isInterfaceType(t)) {
      const fields = Object.values(t.getFields());
      sum.fields += fields.length;
      sum.interfaces += t.getInterfaces().length;
      for (const f of fields) sum.args += f.args.length;
      sum.withArgs += fields.length;
      if (isInterfaceType(t)) sum.possibleTypes += schema.getPossibleTypes(t).length;
    } else if (isInputObjectType(t)) sum.inputFields += Object.keys(t.getFields()).length;
    else if (isEnumType(t)) sum.enumValues += t.getValues().length;
    else if (isUnionType(t)) sum.possibleTypes += t.getTypes().length;
  }
  for (const d of schema.getDirectives()) {
    sum.args += d.args.length;
    sum.withArgs += 1;
  }
  const avg = (n: number, of: number) => Math.max(1, Math.ceil(n / Math.max(1, of)));
  // Fields per type with fields (object and interface types): a type asked for its fields is most
  // likely one of them, so one selection of `fields` alone is not underestimated. The lists only
  // some kinds of type have count as the average over all types (their sum is exact).
  const withFields = types.filter((t) => isObjectType(t) || isInterfaceType(t)).length;
  const sizes = {
    fields: avg(sum.fields, withFields),
    inputFields: avg(sum.inputFields, types.length),
    enumValues: avg(sum.enumValues, types.length),
    interfaces: avg(sum.interfaces, types.length),
    possibleTypes: avg(sum.possibleTypes, types.length),
    args: avg(sum.args, sum.withArgs),
  };
  INTROSPECTION_SIZES.set(schema, sizes);
  return sizes;
}

/** Counts response names and spreads of one selection set, inline fragments merged into it. */
function countSiblings(set: SelectionSetNode, names: Map<string, number>, spreads: { n: number }): void {
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      const key = sel.alias?.value ?? sel.name.value;
      names.set(key, (names.get(key) ?? 0) + 1);
    } else if (sel.kind === Kind.INLINE_FRAGMENT) countSiblings(sel.selectionSet, names, spreads);
    else spreads.n++;
  }
}

function fieldDef(
  schema: GraphQLSchema,
  parent: GraphQLNamedType | undefined,
  name: string,
): GraphQLField<unknown, unknown> | undefined {
  if (name === '__typename') return TypeNameMetaFieldDef;
  if (parent && parent === schema.getQueryType()) {
    if (name === '__schema') return SchemaMetaFieldDef;
    if (name === '__type') return TypeMetaFieldDef;
  }
  if (parent && (isObjectType(parent) || 'getFields' in parent)) {
    const fields = (parent as { getFields(): Record<string, GraphQLField<unknown, unknown>> }).getFields();
    return Object.hasOwn(fields, name) ? fields[name] : undefined;
  }
  return undefined;
}

interface FieldInfo {
  def: GraphQLField<unknown, unknown> | undefined;
  key: string;
  isList: boolean;
  isLeaf: boolean;
  hasPerPage: boolean;
  named: GraphQLNamedType | undefined;
}
/** What the measure needs of a field, looked up once per schema type and field name. */
const fieldInfos = new WeakMap<object, Map<string, FieldInfo>>();
const NO_PARENT = {};
function fieldInfo(schema: GraphQLSchema, parent: GraphQLNamedType | undefined, name: string): FieldInfo {
  const owner = parent ?? NO_PARENT;
  let byName = fieldInfos.get(owner);
  if (!byName) fieldInfos.set(owner, (byName = new Map()));
  let info = byName.get(name);
  if (!info) {
    const def = fieldDef(schema, parent, name);
    const named = def ? getNamedType(def.type) : undefined;
    info = {
      def,
      key: `${parent?.name ?? '?'}.${name}`,
      isList: def ? isListType(getNullableType(def.type)) : false,
      isLeaf: named ? isLeafType(named) : false,
      hasPerPage: def ? def.args.some((a) => a.name === 'perPage') : false,
      named,
    };
    byName.set(name, info);
  }
  return info;
}

function intValue(node: ValueNode | undefined, w: Walk): number | undefined {
  if (!node) return undefined;
  if (node.kind === Kind.VARIABLE) {
    const name = node.name.value;
    const v = Object.hasOwn(w.variables, name) ? w.variables[name] : w.defaults.get(name);
    return typeof v === 'number' ? v : undefined;
  }
  if (node.kind === Kind.INT) return Number(node.value);
  return undefined;
}

function measureSet(set: SelectionSetNode, parent: GraphQLNamedType | undefined, w: Walk): Partial {
  const names = new Map<string, number>();
  const spreads = { n: 0 };
  countSiblings(set, names, spreads);
  for (const n of names.values()) if (n > w.maxSameField) w.maxSameField = n;
  if (spreads.n > w.maxSpreads) w.maxSpreads = spreads.n;
  let depth = 0;
  let cost = 0;
  let aliases = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      const name = sel.name.value;
      if (sel.alias) aliases++;
      const info = fieldInfo(w.schema, parent, name);
      const def = info.def;
      w.fields.add(info.key);
      const isList = def ? info.isList : Object.hasOwn(LIST_SIZES, name) || name.startsWith('all');
      let size = 1;
      if (isList) {
        const perPageArg = sel.arguments?.find((a) => a.name.value === 'perPage');
        if (name.startsWith('all') && (perPageArg || info.hasPerPage)) {
          size = intValue(perPageArg?.value, w) ?? DEFAULT_PER_PAGE;
          w.maxPerPage = Math.max(w.maxPerPage, size);
        } else if (name === 'types') size = w.schemaTypes;
        else if (name === 'directives') size = w.directives;
        else if (parent?.name === '__Type' || parent?.name === '__Field' || parent?.name === '__Directive') {
          size = introspectionSizes(w.schema)[name] ?? LIST_SIZES[name] ?? DEFAULT_LIST_SIZE;
        } else size = LIST_SIZES[name] ?? DEFAULT_LIST_SIZE;
        size = Math.max(size, 1);
      }
      if (sel.selectionSet) {
        const child = measureSet(sel.selectionSet, info.named, w);
        // `ofType` chains describe one type reference (the standard introspection query nests 7 of them):
        // they cost what they hold, but do not count as levels.
        depth = Math.max(depth, child.depth + (name === 'ofType' ? 0 : 1));
        cost += size * (1 + child.cost);
        aliases += child.aliases;
      } else {
        depth = Math.max(depth, 1);
        cost += def && !info.isLeaf ? size : 1;
      }
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      const type = sel.typeCondition ? (w.schema.getType(sel.typeCondition.name.value) ?? undefined) : parent;
      const child = measureSet(sel.selectionSet, type, w);
      depth = Math.max(depth, child.depth);
      cost += child.cost;
      aliases += child.aliases;
    } else {
      const child = measureFragment(sel.name.value, w);
      depth = Math.max(depth, child.depth);
      cost += child.cost;
      aliases += child.aliases;
    }
  }
  return { depth, cost, aliases };
}

/** A fragment is measured once per operation; a spread reuses the result (a cycle counts nothing: validation refuses it). */
function measureFragment(name: string, w: Walk): Partial {
  const known = w.memo.get(name);
  if (known === 'busy') return { depth: 0, cost: 0, aliases: 0 };
  if (known) return known;
  const fragment = w.fragments.get(name);
  if (!fragment) return { depth: 0, cost: 0, aliases: 0 };
  w.memo.set(name, 'busy');
  const result = measureSet(fragment.selectionSet, w.schema.getType(fragment.typeCondition.name.value) ?? undefined, w);
  w.memo.set(name, result);
  return result;
}

function rootFieldsOf(
  set: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  out: Set<string>,
  seen: Set<string>,
): void {
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) out.add(sel.name.value);
    else if (sel.kind === Kind.INLINE_FRAGMENT) rootFieldsOf(sel.selectionSet, fragments, out, seen);
    else if (!seen.has(sel.name.value)) {
      seen.add(sel.name.value); // each fragment once: linear, and cycles end
      const f = fragments.get(sel.name.value);
      if (f) rootFieldsOf(f.selectionSet, fragments, out, seen);
    }
  }
}

interface DocumentInfo {
  fragments: Map<string, FragmentDefinitionNode>;
  operations: OperationDefinitionNode[];
  /** Variables used as a perPage argument anywhere: the measure depends on their values. */
  perPageVariables: string[];
  measures: Map<string, OperationMeasure>;
}

/** Per parsed document (Apollo reuses the parsed document of a query it has seen): its fragments and the measures by operation and perPage values. */
const cache = new WeakMap<DocumentNode, DocumentInfo>();
const MAX_MEASURES_PER_DOCUMENT = 32;

function documentInfo(document: DocumentNode): DocumentInfo {
  let info = cache.get(document);
  if (info) return info;
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  const perPage = new Set<string>();
  const scan = (set: SelectionSetNode | undefined): void => {
    if (!set) return;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        for (const a of sel.arguments ?? [])
          if (a.name.value === 'perPage' && a.value.kind === Kind.VARIABLE) perPage.add(a.value.name.value);
      }
      if (sel.kind !== Kind.FRAGMENT_SPREAD) scan(sel.selectionSet);
    }
  };
  for (const d of document.definitions) {
    if (d.kind === Kind.FRAGMENT_DEFINITION) {
      if (!fragments.has(d.name.value)) fragments.set(d.name.value, d);
      scan(d.selectionSet);
    } else if (d.kind === Kind.OPERATION_DEFINITION) {
      operations.push(d);
      scan(d.selectionSet);
    }
  }
  info = { fragments, operations, perPageVariables: [...perPage], measures: new Map() };
  cache.set(document, info);
  return info;
}

/**
 * The operations a request may run: the named one, the only one, or — when the
 * name matches none or is missing among several — all of them (the strictest reading).
 */
export function operationsOf(
  document: DocumentNode,
  operationName: string | null | undefined,
): OperationDefinitionNode[] {
  const { operations } = documentInfo(document);
  if (operationName) {
    const named = operations.filter((o) => o.name?.value === operationName);
    return named.length ? named : operations;
  }
  return operations;
}

/** Root fields only (for the anonymous check, before anything else): linear, each fragment followed once. */
export function rootFields(document: DocumentNode, operation: OperationDefinitionNode): Set<string> {
  const out = new Set<string>();
  rootFieldsOf(operation.selectionSet, documentInfo(document).fragments, out, new Set());
  return out;
}

/** The measure of one operation with these variables (cached per document, operation and perPage values). */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): OperationMeasure {
  const info = documentInfo(document);
  const vars = variables ?? {};
  const key = `${operation.name?.value ?? ''}#${info.operations.indexOf(operation)}|${JSON.stringify(info.perPageVariables.map((v) => (Object.hasOwn(vars, v) ? vars[v] : null)))}`;
  const cached = info.measures.get(key);
  if (cached) return cached;

  const defaults = new Map<string, unknown>();
  for (const def of operation.variableDefinitions ?? []) {
    const v = def.defaultValue;
    if (v?.kind === Kind.INT) defaults.set(def.variable.name.value, Number(v.value));
  }
  const root =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  const w: Walk = {
    schema,
    fragments: info.fragments,
    variables: vars,
    defaults,
    memo: new Map(),
    fields: new Set(),
    maxPerPage: 0,
    maxSameField: 0,
    maxSpreads: 0,
    schemaTypes: Object.keys(schema.getTypeMap()).length,
    directives: schema.getDirectives().length,
  };
  const { depth, cost, aliases } = measureSet(operation.selectionSet, root ?? undefined, w);
  const measure: OperationMeasure = {
    operation: operation.operation as OperationMeasure['operation'],
    rootFields: rootFields(document, operation),
    fields: w.fields,
    depth,
    cost,
    aliases,
    maxPerPage: w.maxPerPage,
    maxSameField: w.maxSameField,
    maxSpreads: w.maxSpreads,
  };
  if (info.measures.size >= MAX_MEASURES_PER_DOCUMENT) info.measures.clear();
  info.measures.set(key, measure);
  return measure;
}
