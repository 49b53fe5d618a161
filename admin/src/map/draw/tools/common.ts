import { useEffect, useState } from 'react';
import type { GridState, UnitShape } from '../../../data/gridEditing';
import { useWzDataProvider } from '../../../data/useWzDataProvider';
import type { DrawController } from '../controller';
import { toDrawError, type DrawError } from '../drawError';
import type L from 'leaflet';
import { boundsOf, showBounds } from '../guides';

/** A saved edit: what to reload and select, and the change the undo stack reverts. */
export interface Saved {
  op: string;
  label: string;
  ids: string[];
  select?: string;
  changeId?: string;
}

export interface ModeProps {
  ctl: DrawController;
  onSaved(s: Saved): void;
  onCancel(): void;
}

/** Loads a unit (and optionally a grid) for a tool, fits it in view and reports ready. */
export function useUnit(map: L.Map, unitId: string | null, onError: (e: DrawError) => void) {
  const dataProvider = useWzDataProvider();
  const [unit, setUnit] = useState<UnitShape | null>(null);
  useEffect(() => {
    if (!unitId) return;
    let live = true;
    dataProvider
      .fetchUnit(unitId)
      .then((u) => {
        if (!live) return;
        if (u.geometry) showBounds(map, boundsOf(u.geometry));
        setUnit(u);
      })
      .catch((e) => live && onError(toDrawError(e)));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map, unitId]);
  return unit;
}

export function useSnapOption(map: L.Map, snap: number) {
  useEffect(() => {
    map.pm.setGlobalOptions({ snappable: snap > 0, snapDistance: snap } as any);
  }, [map, snap]);
}

/** Loads a grid and its unit for the edit and split tools. */
export function useGridAndUnit(map: L.Map, gridId: string, onError: (e: DrawError) => void) {
  const dataProvider = useWzDataProvider();
  const [grid, setGrid] = useState<GridState | null>(null);
  useEffect(() => {
    let live = true;
    dataProvider
      .fetchGrid(gridId)
      .then((g) => live && setGrid(g))
      .catch((e) => live && onError(toDrawError(e)));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [gridId]);
  const unit = useUnit(map, grid ? String(grid.villageId) : null, onError);
  return { grid, unit };
}
