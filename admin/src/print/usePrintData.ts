import { useEffect, useState } from 'react';
import type { PrintGrid, PrintVillage } from '../data/reportMethods';
import { useWzDataProvider } from '../data/useWzDataProvider';

export type { PrintGrid, PrintVillage, PrintWorker } from '../data/reportMethods';

export function useVillageForPrint(villageId: string | undefined) {
  const dataProvider = useWzDataProvider();
  const [v, setV] = useState<PrintVillage | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!villageId) return;
    dataProvider
      .villageForPrint(villageId)
      .then(setV)
      .catch((e) => setError((e as Error).message));
  }, [villageId, dataProvider]);
  return { village: v, error };
}

/** Grids sorted by code, then by name as Chinese readers expect (pinyin collation). */
export const byCodeThenName = (a: PrintGrid, b: PrintGrid) =>
  (a.code ?? '').localeCompare(b.code ?? '') || a.name.localeCompare(b.name, 'zh-CN-u-co-pinyin', { numeric: true });
