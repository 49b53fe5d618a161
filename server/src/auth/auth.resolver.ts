import { Arg, Ctx, Mutation, Query, Resolver, ID } from 'type-graphql';
import { createCrudResolver } from '../crud/crud.resolver';
import type { Context } from '../context';
import { ApiKey, User } from './auth.entities';
import {
  ApiKeyFilter,
  CreateApiKeyArgs,
  CreateUserArgs,
  LoginResult,
  UpdateApiKeyArgs,
  UpdateUserArgs,
  UserFilter,
} from './auth.inputs';
import { AppError, badInput } from '../common/errors';
import { AUTH_MESSAGES, unauthenticated } from './principal';

@Resolver(() => User)
export class UserResolver extends createCrudResolver({
  type: User,
  name: 'User',
  plural: 'Users',
  filter: UserFilter,
  createArgs: CreateUserArgs,
  updateArgs: UpdateUserArgs,
  service: (ctx) => ctx.services.user,
}) {
  @Mutation(() => LoginResult, {
    description:
      'Signs in; the token goes in "Authorization: Bearer <token>". Repeated failures lock the account for a while.',
  })
  async login(
    @Arg('username', () => String) username: string,
    @Arg('password', () => String) password: string,
    @Ctx() ctx: Context,
  ): Promise<LoginResult> {
    return ctx.auth.login(ctx.em, username, password, ctx.clientAddress);
  }

  @Query(() => User, { nullable: true, description: 'The signed-in user (null for an API key).' })
  async me(@Ctx() ctx: Context): Promise<User | null> {
    return ctx.principal?.kind === 'user' ? ctx.em.findOne(User, { id: ctx.principal.id }) : null;
  }

  @Mutation(() => Boolean, { description: 'Changes your own password; your other sessions end.' })
  async changePassword(
    @Arg('oldPassword', () => String) oldPassword: string,
    @Arg('newPassword', () => String) newPassword: string,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    if (ctx.principal?.kind !== 'user') throw unauthenticated(AUTH_MESSAGES.signIn());
    try {
      await ctx.auth.login(ctx.em, ctx.principal.username, oldPassword); // checks the old one, counts failures
    } catch (e) {
      // A wrong current password is a mistake in the form, not the end of the session.
      if (e instanceof AppError && e.extensions.code === 'UNAUTHENTICATED')
        throw badInput(AUTH_MESSAGES.wrongPassword(), { field: 'oldPassword' });
      throw e;
    }
    await ctx.services.user.changePassword(ctx.principal.id, newPassword);
    return true;
  }
}

@Resolver(() => ApiKey)
export class ApiKeyResolver extends createCrudResolver({
  type: ApiKey,
  name: 'ApiKey',
  plural: 'ApiKeys',
  filter: ApiKeyFilter,
  createArgs: CreateApiKeyArgs,
  updateArgs: UpdateApiKeyArgs,
  service: (ctx) => ctx.services.apiKey,
}) {
  @Mutation(() => ApiKey, { description: 'Revokes a key: it stops working at once.' })
  revokeApiKey(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<ApiKey> {
    return ctx.services.apiKey.revoke(id);
  }
}
