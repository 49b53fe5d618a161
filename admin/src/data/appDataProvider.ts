import { createDataProvider } from '../dataProvider';
import { i18nProvider } from '../i18n';

/** The admin's one data provider: <Admin> gets it, components reach it with useWzDataProvider. */
export const dataProvider = createDataProvider(i18nProvider);
