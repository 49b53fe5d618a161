import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { SettingsService } from './settings.service';
import { BaseMapInput, MapSettings } from './settings.types';

const service = new SettingsService();

@Resolver(() => MapSettings)
export class SettingsResolver {
  @Query(() => MapSettings, { description: "The admin map's base maps and the 天地图 key (signed-in users)." })
  mapSettings(@Ctx() ctx: Context): Promise<MapSettings> {
    return service.get(ctx.em);
  }

  @Mutation(() => MapSettings, {
    description: 'Replaces the base maps (ADMIN only; audited as MapSettings). Offline when the list is empty.',
  })
  updateMapSettings(
    @Arg('baseMaps', () => [BaseMapInput]) baseMaps: BaseMapInput[],
    @Arg('tiandituKey', () => String, { nullable: true }) tiandituKey: string | null,
    @Arg('defaultBaseMap', () => String, { nullable: true }) defaultBaseMap: string | null,
    @Ctx() ctx: Context,
  ): Promise<MapSettings> {
    return service.update(
      ctx.em,
      { coverage: ctx.services.coverage },
      ctx.principal,
      { baseMaps, tiandituKey, defaultBaseMap },
      ctx.changeIds,
    );
  }
}
