import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { BasicFilter } from '../common/list.inputs';
import { Employment, WorkerSource } from './grid-worker.entity';

@InputType()
export class GridWorkerFilter extends BasicFilter {
  @Field(() => Employment, { nullable: true })
  employment?: Employment;

  @Field(() => WorkerSource, { nullable: true })
  source?: WorkerSource;

  @Field(() => Boolean, { nullable: true })
  active?: boolean;

  @Field(() => ID, { nullable: true, description: 'Workers assigned to this grid.' })
  gridId?: string;

  @Field(() => ID, { nullable: true, description: 'Workers assigned to a grid of this village or community.' })
  villageId?: string;

  @Field(() => ID, { nullable: true })
  townshipId?: string;

  @Field(() => ID, { nullable: true })
  countyId?: string;
}

@ArgsType()
export class GridWorkerFields {
  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => Employment, { nullable: true })
  employment?: Employment;

  @Field(() => WorkerSource, { nullable: true })
  source?: WorkerSource;

  @Field(() => Boolean, { nullable: true })
  active?: boolean;

  @Field(() => [ID], { nullable: true, description: 'The grids the worker is assigned to (replaces the list).' })
  gridIds?: string[];
}

@ArgsType()
export class CreateGridWorkerArgs extends GridWorkerFields {
  @Field(() => String)
  override name!: string;
}

@ArgsType()
export class UpdateGridWorkerArgs extends GridWorkerFields {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { nullable: true })
  version?: number;
}
