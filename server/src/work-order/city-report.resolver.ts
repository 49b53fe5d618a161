import { Ctx, FieldResolver, Float, Int, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { CityReport } from '../report/report.types';
import { workOrdersOf } from './work-order.resolver';

/** cityReport's additions (issue #16): member units, pairings, 双报到 and work orders, computed once per report. */
@Resolver(() => CityReport)
export class CityReportLoopResolver {
  private figures(r: CityReport, ctx: Context): Promise<Record<string, number | null>> {
    return ctx.loaders
      .loader<Record<string, number | null>, string>('city-report:loop', (keys) =>
        Promise.all(keys.map((k) => workOrdersOf(ctx).reportFigures(k === 'city' ? null : Number(k)))),
      )
      .load(r.countyId ?? 'city');
  }

  @FieldResolver(() => Int, {
    description:
      "Member units (成员单位) of the communities' joint committees or paired with them (report: 633 paired; Tongxin 106 in 5 committees).",
  })
  async memberUnits(@Root() r: CityReport, @Ctx() ctx: Context) {
    return (await this.figures(r, ctx)).member_units;
  }

  @FieldResolver(() => Int, {
    description: 'Member units in a joint party committee (联合党委) (report: Tongxin 106).',
  })
  async committeeMemberUnits(@Root() r: CityReport, @Ctx() ctx: Context) {
    return (await this.figures(r, ctx)).committee_member_units;
  }

  @FieldResolver(() => Int, { description: 'Communities with a joint party committee (report: Tongxin 5).' })
  async jointCommittees(@Root() r: CityReport, @Ctx() ctx: Context) {
    return (await this.figures(r, ctx)).joint_committees;
  }

  @FieldResolver(() => Int, { description: 'Pairings (结对共建) of units with communities (report: 633).' })
  async pairings(@Root() r: CityReport, @Ctx() ctx: Context) {
    return (await this.figures(r, ctx)).pairings;
  }

  @FieldResolver(() => Int, { description: 'Communities with at least one paired unit (report: 80).' })
  async pairedCommunities(@Root() r: CityReport, @Ctx() ctx: Context) {
    return (await this.figures(r, ctx)).paired_communities;
  }

  @FieldResolver(() => Int, {
    description: 'In-service party members who reported to communities (双报到; report: over 8,000).',
  })
  async reportedPartyMembers(@Root() r: CityReport, @Ctx() ctx: Context) {
    return (await this.figures(r, ctx)).reported_party_members;
  }

  @FieldResolver(() => Int, { description: 'Work orders (民情交办单).' })
  async workOrders(@Root() r: CityReport, @Ctx() ctx: Context) {
    return (await this.figures(r, ctx)).work_orders;
  }

  @FieldResolver(() => Int, { description: 'Work orders claimed (认领) by a member unit (report: Tongxin 99).' })
  async workOrdersClaimed(@Root() r: CityReport, @Ctx() ctx: Context) {
    return (await this.figures(r, ctx)).claimed;
  }

  @FieldResolver(() => Int, { description: 'Work orders done (result reported or scored).' })
  async workOrdersDone(@Root() r: CityReport, @Ctx() ctx: Context) {
    return (await this.figures(r, ctx)).done;
  }

  @FieldResolver(() => Int, { description: 'Work orders scored by the community (考核赋分).' })
  async workOrdersScored(@Root() r: CityReport, @Ctx() ctx: Context) {
    return (await this.figures(r, ctx)).scored;
  }

  @FieldResolver(() => Float, { nullable: true, description: 'Average score of scored work orders, 0–100.' })
  async workOrderAverageScore(@Root() r: CityReport, @Ctx() ctx: Context) {
    return (await this.figures(r, ctx)).average_score;
  }

  @FieldResolver(() => Int, { description: 'Open work orders past their deadline (today in Asia/Shanghai).' })
  async workOrdersOverdue(@Root() r: CityReport, @Ctx() ctx: Context) {
    return (await this.figures(r, ctx)).overdue;
  }
}
