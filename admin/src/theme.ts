/**
 * react-admin's default theme with MUI's Chinese component texts (aria labels of the pagination,
 * "Open"/"Clear" of the pickers…): the UI is zh-CN by default and shows no English there.
 */
import { zhCN } from '@mui/material/locale';
import { defaultTheme, type RaThemeOptions } from 'react-admin';

const merged: Record<string, any> = { ...((defaultTheme as any).components ?? {}) };
for (const [name, value] of Object.entries((zhCN as any).components ?? {})) {
  const own = merged[name] ?? {};
  merged[name] = {
    ...own,
    ...(value as object),
    defaultProps: { ...(own.defaultProps ?? {}), ...((value as any).defaultProps ?? {}) },
  };
}

export const theme: RaThemeOptions = { ...defaultTheme, components: merged } as RaThemeOptions;
