import { ArgsType, Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { BasicFilter } from '../common/list.inputs';

@ObjectType({
  description: 'One change to one record: who, when, what, and the record before and after (geometry included).',
})
export class AuditEvent {
  @Field(() => ID)
  id!: string;

  @Field(() => Date)
  at!: Date;

  @Field(() => ID, { nullable: true })
  userId!: string | null;

  @Field(() => String)
  username!: string;

  @Field(() => String)
  role!: string;

  @Field(() => String, {
    description: 'create, update, delete, updateBoundary, split, merge, extendOverGap, revoke, restore…',
  })
  operation!: string;

  @Field(() => String)
  recordType!: string;

  @Field(() => ID, { nullable: true })
  recordId!: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true })
  before!: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, { nullable: true })
  after!: Record<string, unknown> | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The change (one write) this event belongs to: revertChange undoes it whole.',
  })
  changeId?: string | null;
}

@InputType()
export class AuditEventFilter extends BasicFilter {
  @Field(() => ID, { nullable: true })
  userId?: string;

  @Field(() => String, { nullable: true })
  username?: string;

  @Field(() => String, { nullable: true })
  recordType?: string;

  @Field(() => ID, { nullable: true })
  recordId?: string;

  @Field(() => String, { nullable: true })
  operation?: string;

  @Field(() => Date, { nullable: true })
  from?: Date;

  @Field(() => Date, { nullable: true })
  to?: Date;

  @Field(() => ID, { nullable: true })
  changeId?: string;
}

export enum RestoreState {
  BEFORE = 'BEFORE',
  AFTER = 'AFTER',
}
registerEnumType(RestoreState, { name: 'RestoreState', description: 'Which side of an audit event to restore.' });

@ArgsType()
export class RestoreGridArgs {
  @Field(() => ID, { description: 'An audit event of a grid.' })
  eventId!: string;

  @Field(() => RestoreState, {
    nullable: true,
    description: 'BEFORE (default): undo the event; AFTER: go back to its result.',
  })
  state?: RestoreState;
}
