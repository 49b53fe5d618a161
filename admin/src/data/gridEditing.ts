/** Data-provider methods of the map's drawing tools: grids at full resolution, the edits, the pickers. */
import type { Geometry } from 'geojson';
import type { GridKind, OverlapPolicy, SplitAttributes } from '../generated/graphql';
import type { Changed, Request } from './request';

/** The attributes a grid form edits. */
export interface GridAttributes {
  name: string;
  code?: string | null;
  kind?: GridKind | null;
  households?: number | null;
  population?: number | null;
  workerIds?: string[];
  /** The 网格长: one of workerIds. */
  leaderId?: string | null;
  /** A party unit to build on the grid (new grids only). */
  partyUnitId?: string | null;
}

/** A grid as the drawing tools keep it. */
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

export interface WorkerOption {
  id: string;
  name: string;
  phone?: string | null;
  /** Where the worker works: the villages of their grids. */
  place?: string;
}

export interface PartyUnitOption {
  id: string;
  name: string;
  place?: string;
}

const GRID_FIELDS = 'id name code kind households population workerIds leaderId version villageId areaM2 geometry';
const WORKER_FIELDS = 'id name phone grids { village { name } }';

const toWorkerOption = (w: any): WorkerOption => ({
  id: String(w.id),
  name: w.name,
  phone: w.phone,
  place: [...new Set<string>((w.grids ?? []).map((g: any) => g.village?.name).filter(Boolean))].join('、'),
});

const attrs = (a: Partial<GridAttributes>) => ({
  name: a.name,
  code: a.code || null,
  kind: a.kind || null,
  households: a.households ?? null,
  population: a.population ?? null,
  workerIds: a.workerIds ?? [],
  leaderId: a.leaderId && (a.workerIds ?? []).includes(a.leaderId) ? a.leaderId : null,
});

/** Those of one village first, then the rest of the city (people and places of the same name told apart by place). */
const localFirst = async <T extends { id: string }>(
  list: (filter: Record<string, unknown>) => Promise<T[]>,
  q: string,
  villageId?: string,
) => {
  const local = villageId ? await list({ q: q || null, villageId }) : [];
  const all = await list({ q: q || null });
  return [...local, ...all.filter((w) => !local.some((l) => l.id === w.id))];
};

export function gridEditingMethods(request: Request) {
  const data = async <T>(query: string, variables?: Record<string, unknown>) =>
    (await request<T>(query, variables)).data;
  return {
    async fetchGrid(id: string): Promise<GridState> {
      const d = await data<{ Grid: GridState | null }>(`query($id: ID!) { Grid(id: $id) { ${GRID_FIELDS} } }`, { id });
      if (!d.Grid) throw new Error(`grid ${id} not found`);
      return d.Grid;
    },

    /** A village/community with its grids at full resolution: the snapping guides. */
    async fetchUnit(id: string): Promise<UnitShape> {
      const d = await data<{ Village: Omit<UnitShape, 'grids'> | null; allGrids: GridState[] }>(
        `query($id: ID!) { Village(id: $id) { id name kind geometry } allGrids(filter: { villageId: $id }, perPage: 1000) { ${GRID_FIELDS} } }`,
        { id },
      );
      if (!d.Village) throw new Error(`unit ${id} not found`);
      return { ...d.Village, grids: d.allGrids };
    },

    async createGrid(
      villageId: string,
      geometry: Geometry,
      a: GridAttributes,
      clipToVillage: boolean,
      overlaps: OverlapPolicy,
    ): Promise<Changed<GridState>> {
      const r = await request<{ createGrid: GridState }>(
        `mutation($villageId: ID!, $geometry: GeoJSON!, $name: String!, $code: String, $kind: GridKind, $households: Int, $population: Int, $workerIds: [ID!], $leaderId: ID, $clip: Boolean, $overlaps: OverlapPolicy, $partyUnitId: ID) {
          createGrid(villageId: $villageId, geometry: $geometry, name: $name, code: $code, kind: $kind, households: $households, population: $population,
            workerIds: $workerIds, leaderId: $leaderId, clipToVillage: $clip, overlaps: $overlaps, partyUnitId: $partyUnitId) { ${GRID_FIELDS} } }`,
        { villageId, geometry, ...attrs(a), clip: clipToVillage, overlaps, partyUnitId: a.partyUnitId ?? null },
      );
      return { data: r.data.createGrid, changeId: r.changeId };
    },

    async updateGridBoundary(
      id: string,
      version: number,
      geometry: Geometry,
      moveSharedEdges: boolean,
    ): Promise<Changed<GridState[]>> {
      const r = await request<{ updateGridBoundary: GridState[] }>(
        `mutation($id: ID!, $version: Int, $geometry: GeoJSON!, $move: Boolean) {
          updateGridBoundary(id: $id, version: $version, geometry: $geometry, moveSharedEdges: $move) { ${GRID_FIELDS} } }`,
        { id, version, geometry, move: moveSharedEdges },
      );
      return { data: r.data.updateGridBoundary, changeId: r.changeId };
    },

    async splitGrid(
      id: string,
      version: number,
      line: Geometry,
      attributes: SplitAttributes,
      newName: string | null,
    ): Promise<Changed<GridState[]>> {
      const r = await request<{ splitGrid: GridState[] }>(
        `mutation($id: ID!, $version: Int, $line: GeoJSON!, $attributes: SplitAttributes, $newName: String) {
          splitGrid(id: $id, version: $version, line: $line, attributes: $attributes, newName: $newName) { ${GRID_FIELDS} } }`,
        { id, version, line, attributes, newName: newName || null },
      );
      return { data: r.data.splitGrid, changeId: r.changeId };
    },

    async mergeGrids(ids: string[], name: string | null): Promise<Changed<GridState>> {
      const r = await request<{ mergeGrids: GridState }>(
        `mutation($ids: [ID!]!, $name: String) { mergeGrids(ids: $ids, name: $name) { ${GRID_FIELDS} } }`,
        { ids, name: name || null },
      );
      return { data: r.data.mergeGrids, changeId: r.changeId };
    },

    async deleteGrid(id: string): Promise<Changed<{ id: string }>> {
      const r = await request<{ deleteGrid: { id: string } }>(`mutation($id: ID!) { deleteGrid(id: $id) { id } }`, {
        id,
      });
      return { data: r.data.deleteGrid, changeId: r.changeId };
    },

    async createGridFromGap(
      villageId: string,
      point: [number, number],
      a: GridAttributes,
    ): Promise<Changed<GridState>> {
      const r = await request<{ createGridFromGap: GridState }>(
        `mutation($villageId: ID!, $point: [Float!]!, $name: String!, $code: String, $kind: GridKind, $households: Int, $population: Int, $workerIds: [ID!], $leaderId: ID, $partyUnitId: ID) {
          createGridFromGap(villageId: $villageId, point: $point, name: $name, code: $code, kind: $kind, households: $households, population: $population,
            workerIds: $workerIds, leaderId: $leaderId, partyUnitId: $partyUnitId) { ${GRID_FIELDS} } }`,
        { villageId, point, ...attrs(a), partyUnitId: a.partyUnitId ?? null },
      );
      return { data: r.data.createGridFromGap, changeId: r.changeId };
    },

    async extendGridOverGap(id: string, version: number, point: [number, number]): Promise<Changed<GridState>> {
      const r = await request<{ extendGridOverGap: GridState }>(
        `mutation($id: ID!, $version: Int, $point: [Float!]!) { extendGridOverGap(id: $id, version: $version, point: $point) { ${GRID_FIELDS} } }`,
        { id, version, point },
      );
      return { data: r.data.extendGridOverGap, changeId: r.changeId };
    },

    /** Undoes a whole change on the server (an undo reverted is a redo); returns the new change. */
    async revertChange(id: string): Promise<{ id: string; operation: string; revertsChangeId: string | null }> {
      return (
        await data<{ revertChange: { id: string; operation: string; revertsChangeId: string | null } }>(
          `mutation($id: ID!) { revertChange(id: $id) { id operation revertsChangeId } }`,
          { id },
        )
      ).revertChange;
    },

    /** Ids of the grids that can be extended over the gap at the point (server: gridsBesideGap). */
    async gridsBesideGap(villageId: string, [lng, lat]: [number, number]): Promise<string[]> {
      const d = await data<{ gridsBesideGap: { id: string }[] }>(
        'query($v: ID!, $lng: Float!, $lat: Float!) { gridsBesideGap(villageId: $v, lng: $lng, lat: $lat) { id } }',
        { v: villageId, lng, lat },
      );
      return d.gridsBesideGap.map((g) => String(g.id));
    },

    /** The next grid code for a village (village code + 3 digits), or null. */
    async suggestGridCode(villageId: string): Promise<string | null> {
      return (
        await data<{ suggestGridCode: string | null }>('query($v: ID!) { suggestGridCode(villageId: $v) }', {
          v: villageId,
        })
      ).suggestGridCode;
    },

    /** Workers for a picker, with phone and village; with villageId, that village's workers first. */
    async searchWorkerOptions(q: string, villageId?: string): Promise<WorkerOption[]> {
      const list = async (f: Record<string, unknown>) =>
        (
          await data<{ allGridWorkers: any[] }>(
            `query($f: GridWorkerFilter) { allGridWorkers(filter: $f, perPage: 25, sortField: "name", sortOrder: "ASC") { ${WORKER_FIELDS} } }`,
            { f },
          )
        ).allGridWorkers.map(toWorkerOption);
      return localFirst(list, q, villageId);
    },

    async workerOptionsByIds(ids: string[]): Promise<WorkerOption[]> {
      if (!ids.length) return [];
      const d = await data<{ allGridWorkers: any[] }>(
        `query($ids: [ID!]) { allGridWorkers(filter: { ids: $ids }, perPage: 200) { ${WORKER_FIELDS} } }`,
        { ids },
      );
      return d.allGridWorkers.map(toWorkerOption);
    },

    /** Party units for a picker, with their village; that village's first. */
    async searchPartyUnitOptions(q: string, villageId?: string): Promise<PartyUnitOption[]> {
      const list = async (f: Record<string, unknown>) =>
        (
          await data<{ allPartyUnits: any[] }>(
            `query($f: PartyUnitFilter) { allPartyUnits(filter: $f, perPage: 25, sortField: "name", sortOrder: "ASC") { id name village { name } } }`,
            { f },
          )
        ).allPartyUnits.map((p) => ({ id: String(p.id), name: p.name, place: p.village?.name as string | undefined }));
      return localFirst(list, q, villageId);
    },
  };
}
