import { Arg, Field, Float, Int, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import { unauthenticated, AUTH_MESSAGES, type Principal } from '../auth/principal';
import { changesFrom, visibleTo, type ChangeFeed, type DataChangeEvent } from './changes.service';

@ObjectType({ description: 'A record a change wrote, as its audit event names it.' })
export class ChangedRecord {
  @Field(() => String, { description: 'Record type: Grid, Village, GridWorker, PartyUnit…' })
  type!: string;

  @Field(() => Int, { nullable: true })
  id!: number | null;

  @Field(() => String, { description: 'The operation of the audit event (create, update, delete, split, merge…).' })
  operation!: string;
}

@ObjectType({ description: 'One committed change: the data version it made and what it touched.' })
export class DataChange {
  @Field(() => Float, { description: 'The data version after the change; resume with dataChanged(since: version).' })
  version!: number;

  @Field(() => String, { description: 'When the change was made (ISO 8601).' })
  at!: string;

  @Field(() => [String])
  operations!: string[];

  @Field(() => [ChangedRecord], { description: 'The records written (at most 1000; empty for coverage-only keys).' })
  records!: ChangedRecord[];

  @Field(() => Boolean)
  recordsTruncated!: boolean;

  @Field(() => [Int], { description: 'Village-level units whose data or coverage changed.' })
  villageIds!: number[];

  @Field(() => Boolean, { description: 'True after a change too large to list (a full rebuild): reload everything.' })
  allUnits!: boolean;
}

/** What the WebSocket connection's context carries (see changes.ws.ts). */
export interface SubscriptionContext {
  principal: Principal | null;
  changeFeed: ChangeFeed;
}

@Resolver()
export class DataChangeResolver {
  @Subscription(() => DataChange, {
    description:
      'Every committed change, over graphql-ws at /graphql; with since, first the changes after that version.',
    subscribe: ({ args, context }) => {
      const ctx = context as SubscriptionContext;
      if (!ctx.principal) throw unauthenticated(AUTH_MESSAGES.signIn());
      const principal = ctx.principal;
      const since = (args as { since?: number | null }).since ?? null;
      return (async function* () {
        for await (const e of changesFrom(ctx.changeFeed, since)) yield visibleTo(e, principal);
      })();
    },
  })
  dataChanged(
    @Root() change: DataChangeEvent,
    @Arg('since', () => Float, { nullable: true }) _since?: number,
  ): DataChange {
    return change as DataChange;
  }
}
