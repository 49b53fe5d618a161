import { gql } from '../../api';

/** Ids of the grids that can be extended over the gap at the point (server: gridsBesideGap), or null on an older server. */
export async function gridsBesideGap(villageId: string, [lng, lat]: [number, number]): Promise<string[] | null> {
  try {
    const d = await gql<{ gridsBesideGap: { id: string }[] }>(
      'query($v: ID!, $lng: Float!, $lat: Float!) { gridsBesideGap(villageId: $v, lng: $lng, lat: $lat) { id } }', { v: villageId, lng, lat },
    );
    return d.gridsBesideGap.map((g) => String(g.id));
  } catch {
    return null;
  }
}

/** The next grid code for a village (village code + 3 digits), or null. */
export async function suggestGridCode(villageId: string): Promise<string | null> {
  try {
    return (await gql<{ suggestGridCode: string | null }>('query($v: ID!) { suggestGridCode(villageId: $v) }', { v: villageId })).suggestGridCode;
  } catch {
    return null;
  }
}

export interface WorkerOption {
  id: string;
  name: string;
  phone?: string | null;
  /** Where the worker works: the villages of their grids. */
  place?: string;
}

const WORKER_FIELDS = 'id name phone grids { village { name } }';
const toOption = (w: any): WorkerOption => ({
  id: String(w.id), name: w.name, phone: w.phone,
  place: [...new Set<string>((w.grids ?? []).map((g: any) => g.village?.name).filter(Boolean))].join('、'),
});

/**
 * Workers for a picker, with phone and village so that people of the same name can be told
 * apart; with villageId, that village's workers come first (then the rest of the city).
 */
export async function searchWorkerOptions(q: string, villageId?: string): Promise<WorkerOption[]> {
  const list = async (filter: Record<string, unknown>) =>
    ((await gql<{ allGridWorkers: any[] }>(`query($f: GridWorkerFilter) { allGridWorkers(filter: $f, perPage: 25, sortField: "name", sortOrder: "ASC") { ${WORKER_FIELDS} } }`, { f: filter })).allGridWorkers).map(toOption);
  const local = villageId ? await list({ q: q || null, villageId }) : [];
  const all = await list({ q: q || null });
  return [...local, ...all.filter((w) => !local.some((l) => l.id === w.id))];
}

export async function workerOptionsByIds(ids: string[]): Promise<WorkerOption[]> {
  if (!ids.length) return [];
  const d = await gql<{ allGridWorkers: any[] }>(`query($ids: [ID!]) { allGridWorkers(filter: { ids: $ids }, perPage: 200) { ${WORKER_FIELDS} } }`, { ids });
  return d.allGridWorkers.map(toOption);
}

/** Party units for a picker, with their village; that village's first. */
export async function searchPartyUnitOptions(q: string, villageId?: string): Promise<{ id: string; name: string; place?: string }[]> {
  const list = async (filter: Record<string, unknown>) =>
    (await gql<{ allPartyUnits: any[] }>(`query($f: PartyUnitFilter) { allPartyUnits(filter: $f, perPage: 25, sortField: "name", sortOrder: "ASC") { id name village { name } } }`, { f: filter }))
      .allPartyUnits.map((p) => ({ id: String(p.id), name: p.name, place: p.village?.name as string | undefined }));
  const local = villageId ? await list({ q: q || null, villageId }) : [];
  const all = await list({ q: q || null });
  return [...local, ...all.filter((w) => !local.some((l) => l.id === w.id))];
}
