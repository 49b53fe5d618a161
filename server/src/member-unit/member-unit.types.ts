import { ArgsType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BasicFilter } from '../common/list.inputs';

export enum MemberUnitKind {
  AGENCY = 'AGENCY',
  ENTERPRISE = 'ENTERPRISE',
  INSTITUTION = 'INSTITUTION',
  SOCIAL_ORGANISATION = 'SOCIAL_ORGANISATION',
  OTHER = 'OTHER',
}
registerEnumType(MemberUnitKind, {
  name: 'MemberUnitKind',
  valuesConfig: {
    AGENCY: { description: '机关 government agency' },
    ENTERPRISE: { description: '企业 enterprise' },
    INSTITUTION: { description: '事业单位 public institution (school, hospital…)' },
    SOCIAL_ORGANISATION: { description: '社会组织 social organisation' },
    OTHER: { description: '其他 other' },
  },
});

@ObjectType({
  description:
    "成员单位: an agency, enterprise or institution in a community's joint party committee (联合党委), paired with communities (结对共建).",
})
export class MemberUnit {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => String) name!: string;
  @Field(() => MemberUnitKind) kind!: MemberUnitKind;
  @Field(() => String, { nullable: true }) contactName!: string | null;
  @Field(() => String, { nullable: true }) contactPhone!: string | null;
  @Field(() => ID, {
    nullable: true,
    description: 'The community whose joint party committee (联合党委) it belongs to.',
  })
  committeeVillageId!: string | null;
  @Field(() => String, { nullable: true }) committeeVillageName!: string | null;
  @Field(() => [ID], { description: 'Communities it is paired with (结对共建).' }) pairedVillageIds!: string[];
  @Field(() => [ID], { description: 'Users who act for the unit (claim and report work orders).' }) userIds!: string[];
  @Field(() => Int, { description: 'In-service party members who reported to their communities (双报到).' })
  reportedMembers!: number;
  @Field(() => Boolean, { description: 'Generated demonstration data (seed), not real.' }) generated!: boolean;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
}

@InputType()
export class MemberUnitFilter extends BasicFilter {
  @Field(() => MemberUnitKind, { nullable: true }) kind?: MemberUnitKind;
  @Field(() => ID, { nullable: true, description: 'In the joint committee of, or paired with, this community.' })
  villageId?: string;
  @Field(() => ID, { nullable: true }) committeeVillageId?: string;
  @Field(() => ID, { nullable: true }) townshipId?: string;
  @Field(() => ID, { nullable: true }) countyId?: string;
  @Field(() => ID, { nullable: true }) userId?: string;
  @Field(() => Boolean, { nullable: true }) generated?: boolean;
}

@ArgsType()
export class MemberUnitFields {
  @Field(() => String, { nullable: true }) name?: string;
  @Field(() => MemberUnitKind, { nullable: true }) kind?: MemberUnitKind;
  @Field(() => String, { nullable: true }) contactName?: string | null;
  @Field(() => String, { nullable: true }) contactPhone?: string | null;
  @Field(() => ID, { nullable: true }) committeeVillageId?: string | null;
  @Field(() => [ID], { nullable: true, description: 'Replaces the list.' }) pairedVillageIds?: string[];
  @Field(() => [ID], { nullable: true, description: 'Replaces the list (administrators only).' }) userIds?: string[];
  @Field(() => Int, { nullable: true }) reportedMembers?: number;
}

@ArgsType()
export class CreateMemberUnitArgs extends MemberUnitFields {
  @Field(() => String) override name!: string;
}

@ArgsType()
export class UpdateMemberUnitArgs extends MemberUnitFields {
  @Field(() => ID) id!: string;
  @Field(() => Int, { nullable: true }) version?: number;
}

@ObjectType({
  description: 'Work-order figures of a community or a member unit (as in the report: claimed, done, scored).',
})
export class WorkOrderFigures {
  @Field(() => ID, { nullable: true }) id!: string | null;
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field(() => Int, { description: 'Orders reported (community) or handed to it (unit).' }) total!: number;
  @Field(() => Int, { description: 'Claimed (认领).' }) claimed!: number;
  @Field(() => Int, { description: 'Result reported (done or scored).' }) done!: number;
  @Field(() => Int) scored!: number;
  @Field(() => Float, { nullable: true, description: 'Average score on 0–100 (1–5 scores count ×20).' }) averageScore!:
    number | null;
  @Field(() => Int, { description: 'Open and past the deadline (today in Asia/Shanghai).' }) overdue!: number;
}
