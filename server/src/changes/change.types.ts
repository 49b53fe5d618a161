import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { BasicFilter } from '../common/list.inputs';

@ObjectType({
  description:
    'One write (a mutation, an undo, a script run): who, when, what, the units it touched; its audit events are the records it changed. revertChange undoes it whole.',
})
export class Change {
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
    description:
      'The mutation (createGrid, splitGrid, updateGridBoundary…), revertChange or redoChange, or a script (import).',
  })
  operation!: string;

  @Field(() => String, { nullable: true, description: 'What changed, in a line.' })
  summary!: string | null;

  @Field(() => [ID], { description: 'Village-level units whose coverage it touched.' })
  villageIds!: string[];

  @Field(() => [String], { description: 'Types of the records it changed.' })
  recordTypes!: string[];

  @Field(() => Int, { description: 'How many records it changed (one audit event each).' })
  eventCount!: number;

  @Field(() => ID, { nullable: true, description: 'The change this one undid (or, for a redo, the undo it undid).' })
  revertsChangeId!: string | null;
}

@InputType()
export class ChangeFilter extends BasicFilter {
  @Field(() => ID, { nullable: true })
  userId?: string;

  @Field(() => ID, { nullable: true, description: 'A village-level unit (village or community) the change touched.' })
  unit?: string;

  @Field(() => ID, { nullable: true, description: 'Same as unit.' })
  villageId?: string;

  @Field(() => String, { nullable: true, description: 'Changes that changed a record of this type…' })
  recordType?: string;

  @Field(() => ID, { nullable: true, description: '…with this id (with recordType).' })
  recordId?: string;

  @Field(() => String, { nullable: true })
  operation?: string;

  @Field(() => Date, { nullable: true })
  from?: Date;

  @Field(() => Date, { nullable: true })
  to?: Date;
}

@ArgsType()
export class RevertChangeArgs {
  @Field(() => ID, { description: 'The change to undo; give an undo to redo.' })
  id!: string;
}
