import { useEffect, useState } from 'react';
import { gql } from '../api';

export interface PrintWorker { id: string; name: string; phone: string | null; employment: string; active: boolean }
export interface PrintGrid {
  id: string; name: string; code: string | null; households: number | null; population: number | null; areaM2: number | null;
  geometry: any; workers: PrintWorker[]; partyUnit: { name: string } | null;
}
export interface PrintVillage {
  id: string; name: string; code: string; kind: string; households: number | null; areaM2: number | null; geometry: any;
  township: { name: string; county: { name: string } | null } | null; grids: PrintGrid[];
  coverage?: { coveredShare: number | null; uncoveredM2: number | null } | null;
}

const GRID_FIELDS = 'id name code households population areaM2 geometry workers { id name phone employment active } partyUnit { name }';
const VILLAGE_FIELDS = `id name code kind households areaM2 geometry township { name county { name } } grids { ${GRID_FIELDS} }`;

export function useVillageForPrint(villageId: string | undefined) {
  const [v, setV] = useState<PrintVillage | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!villageId) return;
    gql<{ Village: PrintVillage }>(`query($id: ID!) { Village(id: $id) { ${VILLAGE_FIELDS} coverage { coveredShare uncoveredM2 } } }`, { id: villageId })
      .then((d) => setV(d.Village))
      .catch((e) => setError((e as Error).message));
  }, [villageId]);
  return { village: v, error };
}

export async function gridVillageId(gridId: string): Promise<string> {
  const d = await gql<{ Grid: { villageId: string } }>(`query($id: ID!) { Grid(id: $id) { villageId } }`, { id: gridId });
  return String(d.Grid.villageId);
}

/** Grids sorted by code, then by name as Chinese readers expect (pinyin collation). */
export const byCodeThenName = (a: PrintGrid, b: PrintGrid) =>
  (a.code ?? '').localeCompare(b.code ?? '') || a.name.localeCompare(b.name, 'zh-CN-u-co-pinyin', { numeric: true });
