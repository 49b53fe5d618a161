import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root, registerEnumType } from 'type-graphql';
import { ApiKey } from '../auth/auth.entities';
import { requireAdmin } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import type { Context } from '../common/context';
import { notFound } from '../common/errors';
import { intArray, query, textArray } from '../common/sql';

/** What an API key may do besides reading (additive to coverageOnly). */
export enum ApiKeyScope {
  WORK_ORDERS_CREATE = 'WORK_ORDERS_CREATE',
}
registerEnumType(ApiKeyScope, {
  name: 'ApiKeyScope',
  valuesConfig: { WORK_ORDERS_CREATE: { description: 'may create work orders (POST /api/work-orders)' } },
});

const audit = new AuditService();

@Resolver(() => ApiKey)
export class ApiKeyScopeResolver {
  @FieldResolver(() => [ApiKeyScope], { description: 'What the key may do besides reading.' })
  scopes(@Root() key: ApiKey, @Ctx() ctx: Context): Promise<ApiKeyScope[]> {
    return ctx.loaders
      .loader<ApiKeyScope[]>('api-key:scopes', async (ids) => {
        const rows = await query<{ api_key_id: number; scope: ApiKeyScope }>(ctx.em, 'select api_key_id, scope from api_key_scope where api_key_id = any(?::int[]) order by scope', [intArray(ids)]);
        return ids.map((id) => rows.filter((r) => Number(r.api_key_id) === id).map((r) => r.scope));
      })
      .load(key.id);
  }

  @Mutation(() => ApiKey, { description: 'Sets what a key may do besides reading (administrators only).' })
  async setApiKeyScopes(@Arg('id', () => ID) id: string, @Arg('scopes', () => [ApiKeyScope]) scopes: ApiKeyScope[], @Ctx() ctx: Context): Promise<ApiKey> {
    requireAdmin(ctx.principal);
    return ctx.em.fork({ clear: true }).transactional(async (em) => {
      const key = await em.findOne(ApiKey, { id: Number(id) || 0 });
      if (!key) throw notFound('ApiKey', id);
      const get = async () => new Map([[key.id, { scopes: (await query<{ scope: string }>(em, 'select scope from api_key_scope where api_key_id = ? order by scope', [key.id])).map((r) => r.scope) } as Record<string, unknown>]]);
      const before = await get();
      await query(em, 'delete from api_key_scope where api_key_id = ?', [key.id]);
      await query(em, 'insert into api_key_scope (api_key_id, scope) select ?, unnest(?::text[]) on conflict do nothing', [key.id, textArray(scopes)]);
      await audit.record(em, ctx.principal, 'setScopes', 'ApiKey', before, await get());
      ctx.loaders.clear();
      return key;
    });
  }
}
