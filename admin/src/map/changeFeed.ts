import { dataProvider } from '../data/appDataProvider';

export type { DataChange } from '../data/mapMethods';

/** The server's change feed, opened through the data provider (useMapLayers follows it). */
export const followChanges: typeof dataProvider.followChanges = (onChange) => dataProvider.followChanges(onChange);
