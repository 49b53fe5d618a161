import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { badInput, messages } from '../common/errors';
import { cityReport } from './report.service';
import { CityReport } from './report.types';

@Resolver(() => CityReport)
export class ReportResolver {
  @Query(() => CityReport, {
    description:
      "The figures of the city's report (villages, communities, grids, workers, party units, households), computed from the data; countyId narrows it to one county.",
  })
  cityReport(
    @Arg('countyId', () => ID, { nullable: true }) countyId: string | undefined,
    @Ctx() ctx: Context,
  ): Promise<CityReport> {
    let id: number | null = null;
    if (countyId !== undefined && countyId !== null) {
      id = Number(countyId);
      if (!Number.isInteger(id) || id <= 0) throw badInput(messages.badId('County', countyId));
    }
    return cityReport(ctx.em, id);
  }
}
