import { Button, Checkbox, FormControlLabel, LinearProgress, Radio, RadioGroup, TextField, Typography } from '@mui/material';
import type { Geometry } from 'geojson';
import { useCallback, useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import { useMapHandle } from '../MapContext';
import type { DrawController } from './controller';
import { signal } from './controller';
import {
  auditUndo, createGrid, deleteGrid, fetchGrid, fetchUnit, mergeGrids, recreateGrid, restoreGrid, splitGrid, toDrawError, updateGridBoundary,
  type DrawError, type GridAttributes, type GridState, type UnitShape,
} from './drawApi';
import { L, pmOptions, SHAPE_STYLE } from './geoman';
import { findKinks, type Kink } from './geometry';
import { GridAttributesFields } from './GridAttributesFields';
import { boundsOf, showBounds, useGuides } from './guides';
import { Buttons, ErrorBox, errorText, KinksBox, SnapField, ToolPanel, toGeometry, useKinkMarkers, useShapeError } from './shared';

/** A saved edit: what to reload and select, and how to undo it. */
export interface Saved {
  op: string;
  label: string;
  ids: string[];
  select?: string;
  undo(): Promise<void>;
}

export interface ModeProps {
  ctl: DrawController;
  onSaved(s: Saved): void;
  onCancel(): void;
}

/** Loads a unit (and optionally a grid) for a tool, fits it in view and reports ready. */
function useUnit(map: L.Map, unitId: string | null, onError: (e: DrawError) => void) {
  const [unit, setUnit] = useState<UnitShape | null>(null);
  useEffect(() => {
    if (!unitId) return;
    let live = true;
    fetchUnit(unitId)
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

function useSnapOption(map: L.Map, snap: number) {
  useEffect(() => {
    map.pm.setGlobalOptions({ snappable: snap > 0, snapDistance: snap } as any);
  }, [map, snap]);
}

// ---------------------------------------------------------------------------------------------
/** Draw a new grid in a unit: polygon with snapping, kinks checked at once, attributes, createGrid. */
export function DrawMode({ unitId, ctl, onSaved, onCancel }: ModeProps & { unitId: string }) {
  const translate = useTranslate();
  const map = useMapHandle()!.map;
  const [error, setError] = useState<DrawError | null>(null);
  const unit = useUnit(map, unitId, setError);
  const [shape, setShape] = useState<L.Polygon | null>(null);
  const [geometry, setGeometry] = useState<Geometry | null>(null);
  const [kinks, setKinks] = useState<Kink[]>([]);
  const [clip, setClip] = useState(true);
  const [attrs, setAttrs] = useState<GridAttributes>({ name: '' });
  const [saving, setSaving] = useState(false);
  useGuides(map, unit);
  useSnapOption(map, ctl.snap);
  useKinkMarkers(map, kinks);
  const errText = error ? errorText(error, translate, unit?.grids) : null;
  useShapeError(shape, errText);

  const check = useCallback((g: Geometry | null) => {
    const k = findKinks(g);
    setKinks(k);
    signal({ kinks: k.length });
    return k;
  }, []);

  useEffect(() => {
    if (!unit) return;
    let working: L.Polyline | null = null;
    let created: L.Polygon | null = null;
    const onVertex = () => {
      ctl.setDirty(true);
      const lls = (working?.getLatLngs() ?? []) as L.LatLng[];
      check(lls.length >= 4 ? { type: 'LineString', coordinates: lls.map((l) => [l.lng, l.lat]) } : null);
    };
    const onStart = (e: any) => {
      working = e.workingLayer;
      working?.on('pm:vertexadded', onVertex);
    };
    const onCreate = (e: any) => {
      if (e.shape !== 'Polygon') return;
      created = e.layer as L.Polygon;
      created.setStyle(SHAPE_STYLE);
      created.pm.enable({ ...pmOptions(ctl.snap), draggable: false });
      const update = () => {
        const g = toGeometry(created!);
        setGeometry(g);
        setError(null);
        check(g);
      };
      created.on('pm:edit', update);
      update();
      setShape(created);
      ctl.setDirty(true);
      signal({ state: 'shape' });
    };
    map.on('pm:drawstart', onStart);
    map.on('pm:create', onCreate);
    map.pm.enableDraw('Polygon', pmOptions(ctl.snap));
    signal({ ready: true });
    return () => {
      map.off('pm:drawstart', onStart);
      map.off('pm:create', onCreate);
      map.pm.disableDraw();
      working?.off('pm:vertexadded', onVertex);
      created?.pm.disable();
      created?.remove();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map, unit]);

  const restart = () => {
    shape?.pm.disable();
    shape?.remove();
    setShape(null);
    setGeometry(null);
    setKinks([]);
    setError(null);
    map.pm.enableDraw('Polygon', pmOptions(ctl.snap));
  };

  const save = async (overlaps: 'REFUSE' | 'TRIM') => {
    if (!geometry || kinks.length || !attrs.name.trim()) return;
    setSaving(true);
    setError(null);
    signal({ state: 'saving' });
    try {
      const g = await createGrid(unitId, geometry, { ...attrs, name: attrs.name.trim() }, clip, overlaps);
      onSaved({ op: 'create', label: translate('wz.draw.op.create', { name: g.name }), ids: [String(g.id)], select: String(g.id), undo: () => deleteGrid(String(g.id)) });
    } catch (e) {
      const err = toDrawError(e);
      setError(err);
      signal({ state: 'error', error: `${err.code}: ${err.message}` });
    } finally {
      setSaving(false);
    }
  };

  return (
    <ToolPanel testId="draw-panel" title={translate('wz.draw.drawing_in', { name: unit?.name ?? '…' })} help={translate(shape ? 'wz.draw.form_help' : 'wz.draw.draw_help')}>
      {!unit && !error ? <LinearProgress /> : null}
      <SnapField value={ctl.snap} onChange={ctl.setSnap} />
      <FormControlLabel control={<Checkbox checked={clip} onChange={(e) => setClip(e.target.checked)} slotProps={{ input: { 'data-testid': 'draw-clip' } as any }} />} label={translate('wz.draw.clip')} />
      <KinksBox kinks={kinks} />
      {shape ? <GridAttributesFields value={attrs} onChange={setAttrs} autoFocus withPartyUnit villageId={unitId} /> : null}
      <ErrorBox error={error} grids={unit?.grids} />
      <Buttons>
        {shape ? (
          <Button variant="contained" data-testid="draw-save" disabled={saving || !!kinks.length || !attrs.name.trim()} onClick={() => save('REFUSE')}>
            {translate('ra.action.save')}
          </Button>
        ) : null}
        {error?.overlaps?.length ? (
          <Button variant="outlined" color="warning" data-testid="draw-trim" disabled={saving} onClick={() => save('TRIM')}>{translate('wz.draw.trim')}</Button>
        ) : null}
        {shape ? <Button onClick={restart}>{translate('wz.draw.redraw')}</Button> : null}
        <Button data-testid="draw-cancel" onClick={onCancel}>{translate('ra.action.cancel')}</Button>
      </Buttons>
      {saving ? <LinearProgress sx={{ mt: 1 }} /> : null}
    </ToolPanel>
  );
}

// ---------------------------------------------------------------------------------------------
/** Loads a grid and its unit for the edit and split tools. */
function useGridAndUnit(map: L.Map, gridId: string, onError: (e: DrawError) => void) {
  const [grid, setGrid] = useState<GridState | null>(null);
  useEffect(() => {
    let live = true;
    fetchGrid(gridId).then((g) => live && setGrid(g)).catch((e) => live && onError(toDrawError(e)));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [gridId]);
  const unit = useUnit(map, grid ? String(grid.villageId) : null, onError);
  return { grid, unit };
}

/** Edit a grid's vertices (snapping) or drag it whole; updateGridBoundary moves the neighbours' shared edges too. */
export function EditMode({ gridId, ctl, onSaved, onCancel }: ModeProps & { gridId: string }) {
  const translate = useTranslate();
  const map = useMapHandle()!.map;
  const [error, setError] = useState<DrawError | null>(null);
  const { grid, unit } = useGridAndUnit(map, gridId, setError);
  const [layer, setLayer] = useState<L.Polygon | null>(null);
  const [geometry, setGeometry] = useState<Geometry | null>(null);
  const [kinks, setKinks] = useState<Kink[]>([]);
  const [moveShared, setMoveShared] = useState(true);
  const [saving, setSaving] = useState(false);
  useGuides(map, unit, gridId);
  useSnapOption(map, ctl.snap);
  useKinkMarkers(map, kinks);
  useShapeError(layer, error ? errorText(error, translate, unit?.grids) : null);

  useEffect(() => {
    if (!grid || !unit) return;
    const group = L.geoJSON(grid.geometry as any, { style: () => SHAPE_STYLE, pmIgnore: false } as any);
    const poly = group.getLayers()[0] as L.Polygon;
    poly.addTo(map);
    poly.pm.enable({ ...pmOptions(ctl.snap), draggable: true });
    const update = () => {
      const g = toGeometry(poly);
      setGeometry(g);
      setError(null);
      const k = findKinks(g);
      setKinks(k);
      ctl.setDirty(true);
      signal({ kinks: k.length, state: 'shape' });
    };
    poly.on('pm:edit', update);
    poly.on('pm:dragend', update);
    setLayer(poly);
    signal({ ready: true });
    return () => {
      poly.pm.disable();
      poly.remove();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map, grid, unit]);

  const save = async () => {
    if (!grid || !unit || !geometry || kinks.length) return;
    setSaving(true);
    setError(null);
    signal({ state: 'saving' });
    const before = unit.grids;
    try {
      const changed = await updateGridBoundary(gridId, grid.version, geometry, moveShared);
      onSaved({
        op: 'edit', label: translate('wz.draw.op.edit', { name: grid.name }), ids: changed.map((c) => String(c.id)), select: gridId,
        undo: auditUndo(changed.map((c) => String(c.id)), async () => {
          for (const c of changed) {
            const b = before.find((g) => String(g.id) === String(c.id));
            if (b) await restoreGrid(b, c.version);
          }
        }),
      });
    } catch (e) {
      const err = toDrawError(e);
      setError(err);
      signal({ state: 'error', error: `${err.code}: ${err.message}` });
    } finally {
      setSaving(false);
    }
  };

  return (
    <ToolPanel testId="edit-panel" title={translate('wz.draw.editing', { name: grid?.name ?? '…' })} help={translate('wz.draw.edit_help')}>
      {!layer && !error ? <LinearProgress /> : null}
      <SnapField value={ctl.snap} onChange={ctl.setSnap} />
      <FormControlLabel
        control={<Checkbox checked={moveShared} onChange={(e) => setMoveShared(e.target.checked)} slotProps={{ input: { 'data-testid': 'edit-move-shared' } as any }} />}
        label={translate('wz.draw.move_shared')}
      />
      <KinksBox kinks={kinks} />
      <ErrorBox error={error} grids={unit?.grids} />
      <Buttons>
        <Button variant="contained" data-testid="edit-save" disabled={saving || !geometry || !!kinks.length} onClick={save}>{translate('ra.action.save')}</Button>
        <Button data-testid="edit-split" disabled={saving} onClick={() => ctl.setTool({ kind: 'split', gridId })}>{translate('wz.draw.split')}</Button>
        <Button data-testid="draw-cancel" onClick={onCancel}>{translate('ra.action.cancel')}</Button>
      </Buttons>
      {saving ? <LinearProgress sx={{ mt: 1 }} /> : null}
    </ToolPanel>
  );
}

// ---------------------------------------------------------------------------------------------
/** Split a grid along a drawn line (splitGrid), attributes copied or divided by area. */
export function SplitMode({ gridId, ctl, onSaved, onCancel }: ModeProps & { gridId: string }) {
  const translate = useTranslate();
  const map = useMapHandle()!.map;
  const [error, setError] = useState<DrawError | null>(null);
  const { grid, unit } = useGridAndUnit(map, gridId, setError);
  const [line, setLine] = useState<L.Polyline | null>(null);
  const [attributes, setAttributes] = useState<'COPY' | 'SPLIT_BY_AREA'>('SPLIT_BY_AREA'); // households are not counted twice by default
  const [newName, setNewName] = useState('');
  const [saving, setSaving] = useState(false);
  useGuides(map, unit);
  useSnapOption(map, ctl.snap);
  useShapeError(line, error ? errorText(error, translate, unit?.grids) : null);

  useEffect(() => {
    if (!grid || !unit) return;
    setNewName(`${grid.name}(2)`);
    let created: L.Polyline | null = null;
    const outline = L.geoJSON(grid.geometry as any, { style: () => ({ ...SHAPE_STYLE, fillOpacity: 0.08, dashArray: '6 4' }), interactive: false, pmIgnore: true, snapIgnore: true } as any).addTo(map);
    const onStart = (e: any) => e.workingLayer?.on('pm:vertexadded', () => ctl.setDirty(true));
    const onCreate = (e: any) => {
      if (e.shape !== 'Line') return;
      created = e.layer as L.Polyline;
      created.setStyle({ color: '#6a1b9a', weight: 3 });
      setLine(created);
      ctl.setDirty(true);
      signal({ state: 'shape' });
    };
    map.on('pm:drawstart', onStart);
    map.on('pm:create', onCreate);
    map.pm.enableDraw('Line', pmOptions(ctl.snap));
    signal({ ready: true });
    return () => {
      map.off('pm:drawstart', onStart);
      map.off('pm:create', onCreate);
      map.pm.disableDraw();
      outline.remove();
      created?.remove();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map, grid, unit]);

  const save = async () => {
    if (!grid || !line) return;
    setSaving(true);
    setError(null);
    signal({ state: 'saving' });
    try {
      const [orig, added] = await splitGrid(gridId, grid.version, toGeometry(line), attributes, newName.trim());
      onSaved({
        op: 'split', label: translate('wz.draw.op.split', { name: grid.name }), ids: [String(orig!.id), String(added!.id)], select: String(orig!.id),
        undo: auditUndo([String(orig!.id)], async () => void (await restoreGrid(grid, orig!.version)), () => deleteGrid(String(added!.id))),
      });
    } catch (e) {
      const err = toDrawError(e);
      setError(err);
      signal({ state: 'error', error: `${err.code}: ${err.message}` });
    } finally {
      setSaving(false);
    }
  };

  const redraw = () => {
    line?.remove();
    setLine(null);
    setError(null);
    map.pm.enableDraw('Line', pmOptions(ctl.snap));
  };

  return (
    <ToolPanel testId="split-panel" title={translate('wz.draw.split_title', { name: grid?.name ?? '…' })} help={translate('wz.draw.split_help')}>
      {!unit && !error ? <LinearProgress /> : null}
      {line ? (
        <>
          <RadioGroup value={attributes} onChange={(e) => setAttributes(e.target.value as any)}>
            <FormControlLabel value="SPLIT_BY_AREA" control={<Radio size="small" slotProps={{ input: { 'data-testid': 'split-by-area' } as any }} />} label={translate('wz.draw.split_by_area')} />
            <FormControlLabel value="COPY" control={<Radio size="small" />} label={translate('wz.draw.split_copy')} />
          </RadioGroup>
          <TextField size="small" fullWidth label={translate('wz.draw.new_name')} value={newName} onChange={(e) => setNewName(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'split-name' } }} />
        </>
      ) : (
        <Button size="small" data-testid="split-finish" onClick={() => (map.pm.Draw as any).Line?._finishShape?.()}>{translate('wz.draw.finish_line')}</Button>
      )}
      <ErrorBox error={error} grids={unit?.grids} />
      <Buttons>
        {line ? <Button variant="contained" data-testid="split-save" disabled={saving} onClick={save}>{translate('wz.draw.split')}</Button> : null}
        {line ? <Button onClick={redraw}>{translate('wz.draw.redraw')}</Button> : null}
        <Button data-testid="draw-cancel" onClick={onCancel}>{translate('ra.action.cancel')}</Button>
      </Buttons>
      {saving ? <LinearProgress sx={{ mt: 1 }} /> : null}
    </ToolPanel>
  );
}

// ---------------------------------------------------------------------------------------------
/** Merge touching grids of one unit (mergeGrids); the first is kept. */
export function MergeMode({ ids, onSaved, onCancel }: ModeProps & { ids: string[] }) {
  const translate = useTranslate();
  const handle = useMapHandle()!;
  const [grids, setGrids] = useState<GridState[]>([]);
  const [name, setName] = useState('');
  const [error, setError] = useState<DrawError | null>(null);
  const [saving, setSaving] = useState(false);
  const key = ids.join(',');

  useEffect(() => {
    let live = true;
    Promise.all(ids.map(fetchGrid))
      .then((g) => {
        if (!live) return;
        setGrids(g);
        setName((n) => n || g[0]?.name || '');
        signal({ ready: true });
      })
      .catch((e) => live && setError(toDrawError(e)));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  // Highlight the chosen grids.
  useEffect(() => {
    const group = L.layerGroup();
    for (const g of grids) L.geoJSON(g.geometry as any, { style: () => ({ ...SHAPE_STYLE, fillOpacity: 0.3 }), interactive: false, pmIgnore: true, snapIgnore: true } as any).addTo(group);
    group.addTo(handle.map);
    return () => {
      group.remove();
    };
  }, [handle.map, grids]);

  const save = async () => {
    if (grids.length < 2) return;
    setSaving(true);
    setError(null);
    signal({ state: 'saving' });
    const before = grids;
    try {
      const merged = await mergeGrids(before.map((g) => String(g.id)), name.trim());
      onSaved({
        op: 'merge', label: translate('wz.draw.op.merge', { name: merged.name }), ids: [String(merged.id)], select: String(merged.id),
        undo: auditUndo(before.map((g) => String(g.id)), async () => {
          await restoreGrid(before[0]!, merged.version);
          for (const g of before.slice(1)) await recreateGrid(g);
        }),
      });
    } catch (e) {
      const err = toDrawError(e);
      setError(err);
      signal({ state: 'error', error: `${err.code}: ${err.message}` });
    } finally {
      setSaving(false);
    }
  };

  return (
    <ToolPanel testId="merge-panel" title={translate('wz.draw.merge_title', { smart_count: ids.length })} help={translate('wz.draw.merge_help')}>
      {grids.map((g) => (
        <Typography key={g.id} variant="body2" data-testid="merge-item">• {g.name}</Typography>
      ))}
      <TextField size="small" fullWidth sx={{ mt: 1 }} label={translate('wz.draw.merge_name')} value={name} onChange={(e) => setName(e.target.value)} />
      <ErrorBox error={error} grids={grids} />
      <Buttons>
        <Button variant="contained" data-testid="merge-save" disabled={saving || grids.length < 2 || grids.length !== ids.length} onClick={save}>{translate('wz.draw.merge')}</Button>
        <Button data-testid="draw-cancel" onClick={onCancel}>{translate('ra.action.cancel')}</Button>
      </Buttons>
      {saving ? <LinearProgress sx={{ mt: 1 }} /> : null}
    </ToolPanel>
  );
}
