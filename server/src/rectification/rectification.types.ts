import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BasicFilter } from '../common/list.inputs';
import { FindingKind, Severity } from '../coverage/coverage.types';

export enum RectificationStatus {
  OPEN = 'OPEN',
  WAIVED = 'WAIVED',
  CLOSED = 'CLOSED',
}
registerEnumType(RectificationStatus, {
  name: 'RectificationStatus',
  valuesConfig: {
    OPEN: { description: '待整改: the finding is there and not waived' },
    WAIVED: { description: '已豁免: an administrator waived it, with a reason' },
    CLOSED: { description: '已销号: the recompute no longer finds it (closed by itself)' },
  },
});

@ObjectType({
  description:
    "整改: the rectification of one coverage finding, keyed by the finding's stable id. Closes itself when the finding is gone and reopens when it comes back.",
})
export class Rectification {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => ID, { description: "The finding's stable id, e.g. UNSTAFFED_GRID-g42." }) findingId!: string;
  @Field(() => FindingKind) kind!: FindingKind;
  @Field(() => Severity) severity!: Severity;
  @Field(() => ID) villageId!: string;
  @Field(() => String, { nullable: true }) villageName!: string | null;
  @Field(() => ID, { nullable: true }) townshipId!: string | null;
  @Field(() => String, { nullable: true }) townshipName!: string | null;
  @Field(() => ID, { nullable: true }) countyId!: string | null;
  @Field(() => ID, { nullable: true }) gridId!: string | null;
  @Field(() => String) subjectName!: string;
  @Field(() => RectificationStatus) status!: RectificationStatus;
  @Field(() => ID, { nullable: true, description: 'Assigned to this township (乡镇/街道).' }) assigneeTownshipId!:
    string | null;
  @Field(() => String, { nullable: true }) assigneeTownshipName!: string | null;
  @Field(() => ID, { nullable: true, description: 'Assigned to this user.' }) assigneeUserId!: string | null;
  @Field(() => String, { nullable: true }) assigneeUsername!: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, a day in Asia/Shanghai.' }) deadline!: string | null;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => String, { nullable: true }) waiveReason!: string | null;
  @Field(() => Boolean, { description: 'Open and past its deadline (today in Asia/Shanghai).' }) overdue!: boolean;
  @Field(() => Int, { description: 'Days past the deadline (0 when not overdue).' }) daysOverdue!: number;
  @Field(() => Date) openedAt!: Date;
  @Field(() => Date, { nullable: true }) closedAt!: Date | null;
  @Field(() => Int, { description: 'How often the finding came back after closing.' }) reopenCount!: number;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
}

@ObjectType({ description: "One step in a rectification's history." })
export class RectificationEvent {
  @Field(() => ID) id!: string;
  @Field(() => Date) at!: Date;
  @Field(() => String, { description: 'OPENED, ASSIGNED, COMMENTED, WAIVED, UNWAIVED, AUTO_CLOSED, REOPENED.' })
  action!: string;
  @Field(() => String) username!: string;
  @Field(() => String) role!: string;
  @Field(() => String, { nullable: true }) text!: string | null;
}

@InputType()
export class RectificationFilter extends BasicFilter {
  @Field(() => RectificationStatus, { nullable: true }) status?: RectificationStatus;
  @Field(() => [RectificationStatus], { nullable: true }) statuses?: RectificationStatus[];
  @Field(() => FindingKind, { nullable: true }) kind?: FindingKind;
  @Field(() => Severity, { nullable: true }) severity?: Severity;
  @Field(() => ID, { nullable: true }) countyId?: string;
  @Field(() => ID, { nullable: true }) townshipId?: string;
  @Field(() => ID, { nullable: true }) villageId?: string;
  @Field(() => ID, { nullable: true }) gridId?: string;
  @Field(() => ID, { nullable: true }) findingId?: string;
  @Field(() => ID, { nullable: true }) assigneeTownshipId?: string;
  @Field(() => ID, { nullable: true }) assigneeUserId?: string;
  @Field(() => Boolean, { nullable: true, description: 'Open and past the deadline.' }) overdue?: boolean;
  @Field(() => Boolean, { nullable: true, description: 'Has an assignee (township or user).' }) assigned?: boolean;
  @Field(() => Boolean, {
    nullable: true,
    description: "The signed-in user's queue: in an editor's counties/townships, or assigned to the user.",
  })
  mine?: boolean;
}

@ArgsType()
export class AssignRectificationArgs {
  @Field(() => ID) id!: string;
  @Field(() => Int, { nullable: true }) version?: number;
  @Field(() => ID, { nullable: true, description: 'The township to rectify it; null clears.' }) townshipId?:
    string | null;
  @Field(() => ID, { nullable: true, description: 'The user to rectify it; null clears.' }) userId?: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD (Asia/Shanghai); null clears.' }) deadline?:
    string | null;
  @Field(() => String, { nullable: true }) note?: string | null;
}

@ObjectType({ description: 'Rectifications of one kind in one township.' })
export class RectificationStat {
  @Field(() => ID) townshipId!: string;
  @Field(() => String) townshipName!: string;
  @Field(() => ID) countyId!: string;
  @Field(() => FindingKind) kind!: FindingKind;
  @Field(() => Int) open!: number;
  @Field(() => Int) openCritical!: number;
  @Field(() => Int) overdue!: number;
  @Field(() => Int) waived!: number;
  @Field(() => Int) closed!: number;
}

@ObjectType({ description: "乡镇排名: a township's place by open critical findings, then days overdue." })
export class TownshipRectificationRank {
  @Field(() => Int) rank!: number;
  @Field(() => ID) townshipId!: string;
  @Field(() => String) townshipName!: string;
  @Field(() => ID) countyId!: string;
  @Field(() => String) countyName!: string;
  @Field(() => Int) open!: number;
  @Field(() => Int) openCritical!: number;
  @Field(() => Int) overdue!: number;
  @Field(() => Int, { description: 'Sum of days past the deadline over its open rectifications.' })
  daysOverdue!: number;
  @Field(() => Int) maxDaysOverdue!: number;
  @Field(() => Int) closed!: number;
  @Field(() => Int) waived!: number;
}
