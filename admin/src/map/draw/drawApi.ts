import type { Geometry } from 'geojson';
import { gql, GqlRequestError } from '../../api';

/** The attributes a grid form edits. */
export interface GridAttributes {
  name: string;
  code?: string | null;
  kind?: string | null;
  households?: number | null;
  population?: number | null;
  workerIds?: string[];
  /** A party unit to build on the grid (new grids only). */
  partyUnitId?: string | null;
}

/** A grid as the drawing tools keep it (also the "before" state an undo restores). */
export interface GridState extends GridAttributes {
  id: string;
  version: number;
  villageId: string;
  geometry: Geometry;
  areaM2?: number | null;
}

export interface UnitShape {
  id: string;
  name: string;
  kind: string;
  geometry: Geometry | null;
  grids: GridState[];
}

const GRID_FIELDS = 'id name code kind households population workerIds version villageId areaM2 geometry';

export async function fetchGrid(id: string): Promise<GridState> {
  const d = await gql(`query($id: ID!) { Grid(id: $id) { ${GRID_FIELDS} } }`, { id });
  if (!d.Grid) throw new Error(`grid ${id} not found`);
  return d.Grid;
}

/** A village/community with its grids at full resolution: the snapping guides. */
export async function fetchUnit(id: string): Promise<UnitShape> {
  const d = await gql(
    `query($id: ID!) { Village(id: $id) { id name kind geometry } allGrids(filter: { villageId: $id }, perPage: 1000) { ${GRID_FIELDS} } }`,
    { id },
  );
  if (!d.Village) throw new Error(`unit ${id} not found`);
  return { ...d.Village, grids: d.allGrids };
}

const attrs = (a: Partial<GridAttributes>) => ({
  name: a.name, code: a.code || null, kind: a.kind || null,
  households: a.households ?? null, population: a.population ?? null, workerIds: a.workerIds ?? [],
});

export async function createGrid(villageId: string, geometry: Geometry, a: GridAttributes, clipToVillage: boolean, overlaps: 'REFUSE' | 'TRIM' | 'ALLOW'): Promise<GridState> {
  const d = await gql(
    `mutation($villageId: ID!, $geometry: GeoJSON!, $name: String!, $code: String, $kind: GridKind, $households: Int, $population: Int, $workerIds: [ID!], $clip: Boolean, $overlaps: OverlapPolicy, $partyUnitId: ID) {
      createGrid(villageId: $villageId, geometry: $geometry, name: $name, code: $code, kind: $kind, households: $households, population: $population,
        workerIds: $workerIds, clipToVillage: $clip, overlaps: $overlaps, partyUnitId: $partyUnitId) { ${GRID_FIELDS} } }`,
    { villageId, geometry, ...attrs(a), clip: clipToVillage, overlaps, partyUnitId: a.partyUnitId ?? null },
  );
  return d.createGrid;
}

/** Puts a grid back as it was (undo): its geometry and attributes, overlaps allowed (the neighbours are restored too). */
export async function restoreGrid(before: GridState, currentVersion?: number): Promise<GridState> {
  const d = await gql(
    `mutation($id: ID!, $version: Int, $geometry: GeoJSON, $name: String, $code: String, $kind: GridKind, $households: Int, $population: Int, $workerIds: [ID!]) {
      updateGrid(id: $id, version: $version, geometry: $geometry, name: $name, code: $code, kind: $kind, households: $households, population: $population,
        workerIds: $workerIds, overlaps: ALLOW, clipToVillage: false) { ${GRID_FIELDS} } }`,
    { id: before.id, version: currentVersion ?? null, geometry: before.geometry, ...attrs(before) },
  );
  return d.updateGrid;
}

/** Re-creates a deleted grid (undo of a delete or a merge); it gets a new id. */
export async function recreateGrid(before: GridState): Promise<GridState> {
  return createGrid(before.villageId, before.geometry, before, false, 'ALLOW');
}

export async function updateGridBoundary(id: string, version: number, geometry: Geometry, moveSharedEdges: boolean): Promise<GridState[]> {
  const d = await gql(
    `mutation($id: ID!, $version: Int, $geometry: GeoJSON!, $move: Boolean) {
      updateGridBoundary(id: $id, version: $version, geometry: $geometry, moveSharedEdges: $move) { ${GRID_FIELDS} } }`,
    { id, version, geometry, move: moveSharedEdges },
  );
  return d.updateGridBoundary;
}

export async function splitGrid(id: string, version: number, line: Geometry, attributes: 'COPY' | 'SPLIT_BY_AREA', newName: string | null): Promise<GridState[]> {
  const d = await gql(
    `mutation($id: ID!, $version: Int, $line: GeoJSON!, $attributes: SplitAttributes, $newName: String) {
      splitGrid(id: $id, version: $version, line: $line, attributes: $attributes, newName: $newName) { ${GRID_FIELDS} } }`,
    { id, version, line, attributes, newName: newName || null },
  );
  return d.splitGrid;
}

export async function mergeGrids(ids: string[], name: string | null): Promise<GridState> {
  const d = await gql(`mutation($ids: [ID!]!, $name: String) { mergeGrids(ids: $ids, name: $name) { ${GRID_FIELDS} } }`, { ids, name: name || null });
  return d.mergeGrids;
}

export async function deleteGrid(id: string): Promise<void> {
  await gql(`mutation($id: ID!) { deleteGrid(id: $id) { id } }`, { id });
}

export async function createGridFromGap(villageId: string, point: [number, number], a: GridAttributes): Promise<GridState> {
  const d = await gql(
    `mutation($villageId: ID!, $point: [Float!]!, $name: String!, $code: String, $kind: GridKind, $households: Int, $population: Int, $workerIds: [ID!], $partyUnitId: ID) {
      createGridFromGap(villageId: $villageId, point: $point, name: $name, code: $code, kind: $kind, households: $households, population: $population,
        workerIds: $workerIds, partyUnitId: $partyUnitId) { ${GRID_FIELDS} } }`,
    { villageId, point, ...attrs(a), partyUnitId: a.partyUnitId ?? null },
  );
  return d.createGridFromGap;
}

export async function extendGridOverGap(id: string, version: number, point: [number, number]): Promise<GridState> {
  const d = await gql(
    `mutation($id: ID!, $version: Int, $point: [Float!]!) { extendGridOverGap(id: $id, version: $version, point: $point) { ${GRID_FIELDS} } }`,
    { id, version, point },
  );
  return d.extendGridOverGap;
}

/** A server refusal, ready to show next to the shape. */
export interface DrawError {
  code: string;
  message: string;
  reason?: string;
  overlaps?: { gridId: string; areaM2: number; name?: string }[];
}

export function toDrawError(e: unknown): DrawError {
  if (e instanceof GqlRequestError && e.errors.length) {
    const first = e.errors[0]!;
    const ext = first.extensions ?? {};
    return {
      code: String(ext.code ?? 'ERROR'),
      message: first.message,
      reason: typeof ext.reason === 'string' ? ext.reason : undefined,
      overlaps: Array.isArray(ext.overlaps) ? (ext.overlaps as any[]).map((o) => ({ gridId: String(o.gridId), areaM2: Number(o.areaM2) })) : undefined,
    };
  }
  return { code: 'ERROR', message: (e as Error)?.message ?? String(e) };
}

/** The latest audit event of each grid (after a save: the event of that save). */
export async function latestEvents(ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  await Promise.all(
    ids.map(async (id) => {
      const d = await gql(
        `query($id: ID) { allAuditEvents(filter: { recordType: "Grid", recordId: $id }, sortField: "id", sortOrder: "DESC", perPage: 1) { id } }`,
        { id },
      );
      const e = d.allAuditEvents?.[0];
      if (e) out.set(id, String(e.id));
    }),
  );
  return out;
}

export async function restoreFromEvent(eventId: string): Promise<void> {
  await gql(`mutation($id: ID!) { restoreGrid(eventId: $id, state: BEFORE) { id } }`, { id: eventId });
}

/**
 * How to undo a save that changed (or deleted) these grids: restoreGrid from the save's audit
 * events puts each back exactly as stored (coordinates at 9 decimals; administrators only). When
 * that is not possible (no audit API, or not an administrator), `fallback` writes the state kept
 * client-side through updateGrid/createGrid (also exact: GraphQL geometry has 9 decimals too).
 */
export function auditUndo(ids: string[], fallback: () => Promise<void>, extra?: () => Promise<void>): () => Promise<void> {
  // Only for a server without change ids (the map's undo stack reverts whole changes with revertChange):
  // the audit lookups happen when this undo is used, not after every save.
  return async () => {
    const found = await latestEvents(ids).catch(() => new Map<string, string>());
    if (ids.every((id) => found.has(id))) {
      try {
        for (const id of ids) await restoreFromEvent(found.get(id)!);
        await extra?.();
        return;
      } catch (e) {
        const code = e instanceof GqlRequestError ? e.errors[0]?.extensions?.code : undefined;
        if (code !== 'FORBIDDEN' && code !== 'GRAPHQL_VALIDATION_FAILED') throw e;
      }
    }
    await fallback();
    await extra?.();
  };
}
