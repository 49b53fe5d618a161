import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { ApiKeyScope, checkKeyScopes } from '../auth/api-key-scope';
import { ApiKey } from '../auth/auth.entities';
import { requireAdmin } from '../auth/principal';
import { runChange } from '../changes/corridor';
import type { Context } from '../context';
import { notFound } from '../common/errors';
import { intArray, query, textArray } from '../common/sql';

@Resolver(() => ApiKey)
export class ApiKeyScopeResolver {
  @FieldResolver(() => [ApiKeyScope], { description: 'What the key may do besides reading.' })
  scopes(@Root() key: ApiKey, @Ctx() ctx: Context): Promise<ApiKeyScope[]> {
    return ctx.loaders
      .loader<ApiKeyScope[]>('api-key:scopes', async (ids) => {
        const rows = await query<{ api_key_id: number; scope: ApiKeyScope }>(
          ctx.em,
          'select api_key_id, scope from api_key_scope where api_key_id = any(?::int[]) order by scope',
          [intArray(ids)],
        );
        return ids.map((id) => rows.filter((r) => Number(r.api_key_id) === id).map((r) => r.scope));
      })
      .load(key.id);
  }

  @Mutation(() => ApiKey, { description: 'Sets what a key may do besides reading (administrators only).' })
  async setApiKeyScopes(
    @Arg('id', () => ID) id: string,
    @Arg('scopes', () => [ApiKeyScope]) scopes: ApiKeyScope[],
    @Ctx() ctx: Context,
  ): Promise<ApiKey> {
    requireAdmin(ctx.principal);
    // Through the write corridor (the role was checked above): the key is declared, and its
    // scopes are part of its snapshot (RECORD_KINDS.ApiKey.relations), so the change has its event.
    const { result, changeId } = await runChange(
      ctx.em,
      { coverage: ctx.services.coverage },
      { principal: ctx.principal, name: 'setApiKeyScopes', operation: 'setScopes', preAuthorized: true },
      async (tx) => {
        const key = await tx.em.findOne(ApiKey, { id: Number(id) || 0 });
        if (!key) throw notFound('ApiKey', id);
        await tx.touch('ApiKey', [key.id]);
        await checkKeyScopes(tx.em, key.id, scopes);
        await query(tx.em, 'delete from api_key_scope where api_key_id = ?', [key.id]);
        await query(
          tx.em,
          'insert into api_key_scope (api_key_id, scope) select ?, unnest(?::text[]) on conflict do nothing',
          [key.id, textArray(scopes)],
        );
        return key;
      },
    );
    ctx.changeIds?.push(changeId);
    ctx.loaders.clear();
    return result;
  }
}
