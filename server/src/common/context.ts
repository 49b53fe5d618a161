import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Loaders } from './loaders';
import type { Services } from '../services';
import type { AuthService } from '../auth/auth.service';
import type { Principal } from '../auth/principal';
import type { RequestRouting } from '../db/replicas';

/** What every resolver gets: a forked entity manager, batching loaders and the services. */
export interface Context {
  em: EntityManager;
  loaders: Loaders;
  services: Services;
  config: Config;
  log: Logger;
  /** Who is asking; null without credentials (only login is then allowed). */
  principal: Principal | null;
  auth: AuthService;
  /** The client's address (for sign-in throttling). */
  clientAddress?: string;
  /** Ids of the changes this request made (the response carries them in `extensions.changeIds`). */
  changeIds?: number[];
  /** Where the request's reads go and what it has seen (only with DATABASE_REPLICA_URLS; db/replicas.ts). */
  routing?: RequestRouting;
}
