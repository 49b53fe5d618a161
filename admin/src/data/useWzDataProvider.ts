import { useDataProvider } from 'react-admin';
import type { WzDataProvider } from '../dataProvider';

/** The data provider with the admin's own methods (map edits, reports, transitions), typed. */
export const useWzDataProvider = () => useDataProvider<WzDataProvider>();
