/**
 * What map/mapData.ts's GraphQL fallback for the layers imports, through the data provider:
 * the rows (mapLayerRows) and the schema's capabilities (every field this server has is there;
 * the feature detection that hid missing ones is gone).
 */
import { dataProvider } from './appDataProvider';

export const gql = <T>(query: string, variables: Record<string, unknown>, signal?: AbortSignal): Promise<T> =>
  dataProvider.mapLayerRows<T>(query, variables, signal);
export const getCapabilities = () => ({ has: (_type: string, _field?: string) => true });
