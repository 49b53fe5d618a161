import type { EntityManager } from '@mikro-orm/postgresql';

/** Runs one SQL statement in the entity manager's current transaction (if any). `?` marks a parameter. */
export async function query<R = Record<string, unknown>>(
  em: EntityManager,
  text: string,
  params: unknown[] = [],
): Promise<R[]> {
  return (await em.execute(text, params as never[], 'all')) as R[];
}

/** A Postgres array literal for `= any(?::int[])`: knex would expand a JS array into a list. */
export function intArray(ids: readonly (number | string)[]): string {
  return `{${ids.map((id) => Number(id)).join(',')}}`;
}

/** A Postgres text[] literal for `= any(?::text[])`, each element quoted. */
export function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

/** AND-ed SQL conditions with their parameters, built up by the filters. */
export class Where {
  private readonly parts: string[] = [];
  readonly params: unknown[] = [];

  add(sql: string, ...params: unknown[]): this {
    this.parts.push(sql);
    this.params.push(...params);
    return this;
  }

  toSql(): string {
    return this.parts.length ? this.parts.map((p) => `(${p})`).join(' and ') : 'true';
  }
}

/** `:name` (a letter after one colon; `::type` casts are left alone). */
const NAMED_PARAMETER = /(?<![:\w]):([A-Za-z_]\w*)/g;

/**
 * A statement written with named parameters (`:ids`, `:maxHouseholds`) as the `?` text and the
 * ordered values `query` takes. A name may appear more than once; a name without a value is a bug
 * and throws (a missing value must not silently become null).
 */
export function bindNamed(text: string, values: Record<string, unknown>): [string, unknown[]] {
  const params: unknown[] = [];
  const sql = text.replace(NAMED_PARAMETER, (_m, name: string) => {
    if (!Object.hasOwn(values, name)) throw new Error(`SQL parameter :${name} has no value`);
    params.push(values[name]);
    return '?';
  });
  return [sql, params];
}

/** Runs a statement with named parameters (see bindNamed). */
export function queryNamed<R = Record<string, unknown>>(
  em: EntityManager,
  text: string,
  values: Record<string, unknown>,
): Promise<R[]> {
  const [sql, params] = bindNamed(text, values);
  return query<R>(em, sql, params);
}

/**
 * Runs several statements with named parameters as one (each a data-modifying `with` part of
 * `with s1 as (…), s2 as (…) select 1`), in one round trip and one plan. Each statement keeps
 * its own values. Only for statements that neither read what another of them writes nor
 * write the same rows: they all see the database as it was before the statement.
 */
export async function queryTogether(
  em: EntityManager,
  statements: readonly (readonly [text: string, values: Record<string, unknown>])[],
): Promise<void> {
  if (statements.length === 1) {
    await queryNamed(em, statements[0]![0], statements[0]![1]);
    return;
  }
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const [text, values] of statements) {
    const [sql, p] = bindNamed(text, values);
    parts.push(`s${parts.length + 1} as (${sql})`);
    params.push(...p);
  }
  await query(em, `with ${parts.join(',\n')}\nselect 1`, params);
}
