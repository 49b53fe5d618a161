import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { BasicFilter } from '../common/list.inputs';
import { PartyUnitKind, PartyUnitLevel } from './party-unit.entity';

@InputType()
export class PartyUnitFilter extends BasicFilter {
  @Field(() => PartyUnitLevel, { nullable: true })
  level?: PartyUnitLevel;

  @Field(() => PartyUnitKind, { nullable: true })
  kind?: PartyUnitKind;

  @Field(() => ID, { nullable: true })
  parentId?: string;

  @Field(() => Boolean, { nullable: true, description: 'true: only the roots of the tree.' })
  root?: boolean;

  @Field(() => ID, { nullable: true })
  villageId?: string;

  @Field(() => ID, { nullable: true })
  gridId?: string;

  @Field(() => ID, { nullable: true, description: 'Built on a village or grid of this county.' })
  countyId?: string;

  @Field(() => ID, { nullable: true, description: 'Built on a village or grid of this township.' })
  townshipId?: string;
}

@ArgsType()
export class PartyUnitFields {
  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => PartyUnitLevel, { nullable: true })
  level?: PartyUnitLevel;

  @Field(() => PartyUnitKind, { nullable: true })
  kind?: PartyUnitKind;

  @Field(() => ID, { nullable: true })
  parentId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The village or community it is built on.' })
  villageId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The grid it is built on.' })
  gridId?: string | null;

  @Field(() => Int, { nullable: true })
  members?: number | null;
}

@ArgsType()
export class CreatePartyUnitArgs extends PartyUnitFields {
  @Field(() => String)
  override name!: string;

  @Field(() => PartyUnitLevel)
  override level!: PartyUnitLevel;

  @Field(() => PartyUnitKind)
  override kind!: PartyUnitKind;
}

@ArgsType()
export class UpdatePartyUnitArgs extends PartyUnitFields {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { nullable: true })
  version?: number;
}
