import type { EntityManager } from '@mikro-orm/postgresql';

/** Runs one SQL statement in the entity manager's current transaction (if any). `?` marks a parameter. */
export async function query<R = Record<string, unknown>>(em: EntityManager, text: string, params: unknown[] = []): Promise<R[]> {
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
