import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { BasicFilter } from '../common/list.inputs';
import { ApiKeyScope } from './api-key-scope';
import { Role, User } from './auth.entities';

@ObjectType()
export class LoginResult {
  @Field(() => String, { description: 'Send it as "Authorization: Bearer <token>".' })
  token!: string;

  @Field(() => Date)
  expiresAt!: Date;

  @Field(() => User)
  user!: User;
}

@InputType()
export class UserFilter extends BasicFilter {
  @Field(() => Role, { nullable: true })
  role?: Role;

  @Field(() => Boolean, { nullable: true })
  active?: boolean;
}

@InputType()
export class ApiKeyFilter extends BasicFilter {
  @Field(() => Boolean, { nullable: true })
  revoked?: boolean;
}

@ArgsType()
export class UserFields {
  @Field(() => String, { nullable: true })
  username?: string;

  @Field(() => String, { nullable: true })
  displayName?: string | null;

  @Field(() => String, { nullable: true, description: 'At least 8 characters.' })
  password?: string;

  @Field(() => Role, { nullable: true, description: 'ADMIN, EDITOR or ANALYST (services use API keys).' })
  role?: Role;

  @Field(() => [ID], { nullable: true })
  countyIds?: string[];

  @Field(() => [ID], { nullable: true })
  townshipIds?: string[];

  @Field(() => Boolean, { nullable: true })
  active?: boolean;
}

@ArgsType()
export class CreateUserArgs extends UserFields {
  @Field(() => String)
  override username!: string;

  @Field(() => String)
  override password!: string;

  @Field(() => Role)
  override role!: Role;
}

@ArgsType()
export class UpdateUserArgs extends UserFields {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { nullable: true })
  version?: number;
}

@ArgsType()
export class CreateApiKeyArgs {
  @Field(() => String)
  name!: string;

  @Field(() => Boolean, { nullable: true, description: 'Limit the key to coverage, coverage findings and gridAt.' })
  coverageOnly?: boolean;

  @Field(() => [ApiKeyScope], {
    nullable: true,
    description: "What the key may do besides reading. IMPORT imports with the creator's role and units.",
  })
  scopes?: ApiKeyScope[];

  @Field(() => ID, {
    nullable: true,
    description:
      "Whose role and units bound the key's imports: an active administrator or editor (default: the creator). Lets an administrator issue an import key limited to an editor's counties or townships.",
  })
  ownerId?: string;
}

/** API keys are created and revoked, not edited; the CRUD factory still wants an update shape. */
@ArgsType()
export class UpdateApiKeyArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { nullable: true })
  version?: number;

  @Field(() => String, { nullable: true })
  name?: string;
}
