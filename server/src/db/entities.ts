import { County } from '../county/county.entity';
import { Grid } from '../grid/grid.entity';
import { GridWorker } from '../grid-worker/grid-worker.entity';
import { PartyUnit } from '../party-unit/party-unit.entity';
import { Township } from '../township/township.entity';
import { Village } from '../village/village.entity';
import { VersionedRecord } from '../common/base.entity';
import { ApiKey, User } from '../auth/auth.entities';

/** Every entity, listed once for the ORM. */
export const entities = [VersionedRecord, County, Township, Village, Grid, PartyUnit, GridWorker, User, ApiKey];
