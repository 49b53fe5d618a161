import { Entity, Enum, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { VersionedRecord } from '../common/base.entity';

export enum Role {
  ADMIN = 'ADMIN',
  EDITOR = 'EDITOR',
  ANALYST = 'ANALYST',
  SERVICE = 'SERVICE',
}
registerEnumType(Role, {
  name: 'Role',
  valuesConfig: {
    ADMIN: { description: '管理员: everything, manages users and keys' },
    EDITOR: { description: '编辑: writes villages, grids, workers and party units inside its counties or townships' },
    ANALYST: { description: '分析员: reads everything, writes nothing' },
    SERVICE: { description: '服务: an API key for another service; read-only' },
  },
});

@ObjectType({ description: 'A person who signs in.' })
@Entity({ tableName: 'app_user' })
export class User extends VersionedRecord {
  @Field(() => String)
  @Property({ type: 'string', length: 64, unique: 'app_user_username_unique' })
  username!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 100, nullable: true })
  displayName?: string | null;

  @Property({ type: 'text', hidden: true })
  passwordHash!: string;

  @Field(() => Role)
  @Enum({ items: () => [Role.ADMIN, Role.EDITOR, Role.ANALYST], type: 'string', length: 16 })
  role: Role = Role.ANALYST;

  @Field(() => [ID], { description: 'EDITOR scope: counties.' })
  @Property({ type: 'integer[]', columnType: 'int[]', defaultRaw: "'{}'", ignoreSchemaChanges: ['type'] })
  countyIds: number[] = [];

  @Field(() => [ID], { description: 'EDITOR scope: townships.' })
  @Property({ type: 'integer[]', columnType: 'int[]', defaultRaw: "'{}'", ignoreSchemaChanges: ['type'] })
  townshipIds: number[] = [];

  @Field(() => Boolean)
  @Property({ type: 'boolean' })
  active: boolean = true;

  @Property({ type: 'integer' })
  failedAttempts: number = 0;

  @Field(() => Date, { nullable: true, description: 'Sign-in is refused until then after repeated failures.' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  lockedUntil?: Date | null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  passwordChangedAt: Date = new Date();
}

@ObjectType({
  description:
    'An API key for another service (read-only unless given scopes, e.g. IMPORT). The key itself is shown once, at creation.',
})
@Entity({ tableName: 'api_key' })
export class ApiKey extends VersionedRecord {
  @Field(() => String)
  @Property({ type: 'string', length: 100 })
  name!: string;

  @Field(() => String, { description: 'The first characters of the key, to recognise it.' })
  @Property({ type: 'string', length: 16, unique: 'api_key_prefix_unique' })
  prefix!: string;

  @Property({ type: 'string', length: 64, hidden: true })
  keyHash!: string;

  @Field(() => Boolean, { description: 'Limited to coverage, coverage findings and gridAt.' })
  @Property({ type: 'boolean' })
  coverageOnly: boolean = false;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 64, nullable: true })
  createdBy?: string | null;

  /** The user whose role and units bound the key's imports (IMPORT scope): its creator. */
  @Field(() => ID, {
    nullable: true,
    description: "The user who created the key: an IMPORT key imports with this user's role and units, never more.",
  })
  @Property({ type: 'integer', nullable: true })
  ownerId?: number | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  revokedAt?: Date | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  lastUsedAt?: Date | null;

  /** The plain key, only in the response that created it (never stored). */
  @Field(() => String, {
    name: 'key',
    nullable: true,
    description: 'The key itself: only in the response of createApiKey. Send it as "Authorization: ApiKey <key>".',
  })
  plainKey?: string;
}
