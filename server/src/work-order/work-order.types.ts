import { ArgsType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BasicFilter } from '../common/list.inputs';
import { GeoJSONScalar } from '../common/geojson.scalar';
import type { Geometry } from '../common/geojson';
import { WorkOrderFigures } from '../member-unit/member-unit.types';

export enum WorkOrderStatus {
  REPORTED = 'REPORTED',
  ASSIGNED = 'ASSIGNED',
  CLAIMED = 'CLAIMED',
  DONE = 'DONE',
  SCORED = 'SCORED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(WorkOrderStatus, {
  name: 'WorkOrderStatus',
  valuesConfig: {
    REPORTED: { description: '已上报 (居民点单): reported and routed to a grid and community' },
    ASSIGNED: { description: '已交办 (社区交单): handed to a member unit' },
    CLAIMED: { description: '已认领 (单位下单/党员接单): claimed by the unit' },
    DONE: { description: '已办结: the unit reported the result' },
    SCORED: { description: '已评价 (考核赋分): the community scored the result' },
    CANCELLED: { description: '已撤销' },
  },
});

export enum WorkOrderChannel {
  STAFF = 'STAFF',
  GRID_WORKER = 'GRID_WORKER',
  SERVICE = 'SERVICE',
}
registerEnumType(WorkOrderChannel, {
  name: 'WorkOrderChannel',
  valuesConfig: {
    STAFF: { description: '工作人员 staff in the admin' },
    GRID_WORKER: { description: '网格员 phone form' },
    SERVICE: { description: '外部服务 API key' },
  },
});

export enum WorkOrderRouting {
  GRID = 'GRID',
  SHARED_BOUNDARY = 'SHARED_BOUNDARY',
  UNCOVERED = 'UNCOVERED',
  GIVEN = 'GIVEN',
}
registerEnumType(WorkOrderRouting, {
  name: 'WorkOrderRouting',
  valuesConfig: {
    GRID: { description: 'the point lies in exactly one grid' },
    SHARED_BOUNDARY: {
      description:
        'the point lies in several grids (on a shared edge or in an overlap): the first gridAt returns (smallest, then lowest id) was chosen; the others are candidateGridIds',
    },
    UNCOVERED: {
      description: 'the point lies in no grid: routed to the village or community containing it, and flagged',
    },
    GIVEN: { description: 'no point: the village or community was given, no grid; flagged' },
  },
});

export enum ScoreScale {
  FIVE = 'FIVE',
  HUNDRED = 'HUNDRED',
}
registerEnumType(ScoreScale, {
  name: 'ScoreScale',
  valuesConfig: { FIVE: { description: '1–5 stars' }, HUNDRED: { description: '0–100 points' } },
});

@ObjectType({
  description:
    "民情交办单: a resident's problem, routed by grid, handed by the community to a member unit, claimed, done and scored.",
})
export class WorkOrder {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => String) code!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => String, { nullable: true, description: 'e.g. 停车, 道路, 排水, 环境, 治安, 其他' }) category!:
    string | null;
  @Field(() => String, { nullable: true }) address!: string | null;
  @Field(() => GeoJSONScalar, { nullable: true, description: 'Where the problem is (GeoJSON Point).' })
  point!: Geometry | null;
  @Field(() => WorkOrderChannel) channel!: WorkOrderChannel;
  @Field(() => String) reportedBy!: string;
  @Field(() => String, { nullable: true }) reporterName!: string | null;
  @Field(() => String, { nullable: true }) reporterPhone!: string | null;
  @Field(() => ID, { nullable: true }) villageId!: string | null;
  @Field(() => String, { nullable: true }) villageName!: string | null;
  @Field(() => ID, { nullable: true }) townshipId!: string | null;
  @Field(() => ID, { nullable: true }) countyId!: string | null;
  @Field(() => ID, { nullable: true }) gridId!: string | null;
  @Field(() => String, { nullable: true }) gridName!: string | null;
  @Field(() => ID, { nullable: true, description: "The grid worker it went to (the grid's first active worker)." })
  workerId!: string | null;
  @Field(() => String, { nullable: true }) workerName!: string | null;
  @Field(() => WorkOrderRouting) routing!: WorkOrderRouting;
  @Field(() => [ID], { description: 'Every grid containing the point (several on a shared edge).' })
  candidateGridIds!: string[];
  @Field(() => Boolean, { description: 'Needs attention: in uncovered land, no grid, or no active grid worker.' })
  flagged!: boolean;
  @Field(() => [String], { description: 'UNCOVERED_LAND, NO_GRID, NO_WORKER.' }) flags!: string[];
  @Field(() => WorkOrderStatus) status!: WorkOrderStatus;
  @Field(() => ID, { nullable: true }) memberUnitId!: string | null;
  @Field(() => String, { nullable: true }) memberUnitName!: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, a day in Asia/Shanghai.' }) deadline!: string | null;
  @Field(() => Boolean, { description: 'Handed on or claimed, and past the deadline (today in Asia/Shanghai).' })
  overdue!: boolean;
  @Field(() => Int) daysOverdue!: number;
  @Field(() => Date, { nullable: true }) assignedAt!: Date | null;
  @Field(() => Date, { nullable: true }) claimedAt!: Date | null;
  @Field(() => Date, { nullable: true }) doneAt!: Date | null;
  @Field(() => Date, { nullable: true }) scoredAt!: Date | null;
  @Field(() => String, { nullable: true }) result!: string | null;
  @Field(() => Float, { nullable: true }) score!: number | null;
  @Field(() => ScoreScale, { nullable: true }) scoreScale!: ScoreScale | null;
  @Field(() => Float, { nullable: true, description: 'The score on 0–100.' }) score100!: number | null;
  @Field(() => String, { nullable: true }) scoreComment!: string | null;
  @Field(() => Boolean, { description: 'Generated demonstration data (seed), not real.' }) generated!: boolean;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
}

@InputType()
export class WorkOrderFilter extends BasicFilter {
  @Field(() => WorkOrderStatus, { nullable: true }) status?: WorkOrderStatus;
  @Field(() => [WorkOrderStatus], { nullable: true }) statuses?: WorkOrderStatus[];
  @Field(() => Boolean, { nullable: true, description: 'Not done, scored or cancelled.' }) open?: boolean;
  @Field(() => ID, { nullable: true }) countyId?: string;
  @Field(() => ID, { nullable: true }) townshipId?: string;
  @Field(() => ID, { nullable: true }) villageId?: string;
  @Field(() => ID, { nullable: true }) gridId?: string;
  @Field(() => ID, { nullable: true }) memberUnitId?: string;
  @Field(() => WorkOrderChannel, { nullable: true }) channel?: WorkOrderChannel;
  @Field(() => String, { nullable: true }) category?: string;
  @Field(() => Boolean, { nullable: true }) overdue?: boolean;
  @Field(() => Boolean, { nullable: true }) flagged?: boolean;
  @Field(() => Boolean, {
    nullable: true,
    description: "The signed-in user's queue: orders of its scope, or handed to its member units.",
  })
  mine?: boolean;
  @Field(() => [Float], { nullable: true, description: '[minLng, minLat, maxLng, maxLat]' }) bbox?: number[];
}

@ArgsType()
export class WorkOrderFields {
  @Field(() => String, { nullable: true }) title?: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => String, { nullable: true }) category?: string | null;
  @Field(() => String, { nullable: true }) address?: string | null;
  @Field(() => String, { nullable: true }) reporterName?: string | null;
  @Field(() => String, { nullable: true }) reporterPhone?: string | null;
}

@ArgsType()
export class CreateWorkOrderArgs extends WorkOrderFields {
  @Field(() => String) override title!: string;
  @Field(() => [Float], { nullable: true, description: '[lng, lat] (WGS 84): routed by gridAt.' }) point?:
    number[] | null;
  @Field(() => ID, { nullable: true, description: 'Without a point: the village or community it belongs to.' })
  villageId?: string | null;
  @Field(() => WorkOrderChannel, { nullable: true }) channel?: WorkOrderChannel;
}

@ArgsType()
export class UpdateWorkOrderArgs extends WorkOrderFields {
  @Field(() => ID) id!: string;
  @Field(() => Int, { nullable: true }) version?: number;
}

@ObjectType({ description: 'Where a point goes: grid, worker, community (the routing a new work order would get).' })
export class WorkOrderRoute {
  @Field(() => WorkOrderRouting) routing!: WorkOrderRouting;
  @Field(() => ID, { nullable: true }) gridId!: string | null;
  @Field(() => String, { nullable: true }) gridName!: string | null;
  @Field(() => [ID]) candidateGridIds!: string[];
  @Field(() => ID, { nullable: true }) workerId!: string | null;
  @Field(() => String, { nullable: true }) workerName!: string | null;
  @Field(() => ID) villageId!: string;
  @Field(() => String) villageName!: string;
  @Field(() => [String]) flags!: string[];
}

@ObjectType({ description: 'Work-order figures by community and by member unit, with the totals.' })
export class WorkOrderReport {
  @Field(() => WorkOrderFigures) totals!: WorkOrderFigures;
  @Field(() => [WorkOrderFigures]) byCommunity!: WorkOrderFigures[];
  @Field(() => [WorkOrderFigures]) byMemberUnit!: WorkOrderFigures[];
}
