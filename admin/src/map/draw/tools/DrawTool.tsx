import { Button, Checkbox, FormControlLabel, LinearProgress } from '@mui/material';
import type { Geometry } from 'geojson';
import { useCallback, useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import type { GridAttributes } from '../../../data/gridEditing';
import { useWzDataProvider } from '../../../data/useWzDataProvider';
import { useMapHandle } from '../../MapContext';
import { signal } from '../controller';
import { toDrawError, type DrawError } from '../drawError';
import { L, pmOptions, SHAPE_STYLE } from '../geoman';
import { findKinks, type Kink } from '../geometry';
import { GridAttributesFields } from '../GridAttributesFields';
import { useGuides } from '../guides';
import {
  Buttons,
  ErrorBox,
  errorText,
  KinksBox,
  SnapField,
  ToolPanel,
  toGeometry,
  useKinkMarkers,
  useShapeError,
} from '../shared';
import { useSnapOption, useUnit, type ModeProps } from './common';

/** Draw a new grid in a unit: polygon with snapping, kinks checked at once, attributes, createGrid. */
export function DrawTool({ unitId, ctl, onSaved, onCancel }: ModeProps & { unitId: string }) {
  const translate = useTranslate();
  const dataProvider = useWzDataProvider();
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
      const { data: g, changeId } = await dataProvider.createGrid(
        unitId,
        geometry,
        { ...attrs, name: attrs.name.trim() },
        clip,
        overlaps,
      );
      onSaved({
        op: 'create',
        label: translate('wz.draw.op.create', { name: g.name }),
        ids: [String(g.id)],
        select: String(g.id),
        changeId,
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
    <ToolPanel
      testId="draw-panel"
      title={translate('wz.draw.drawing_in', { name: unit?.name ?? '…' })}
      help={translate(shape ? 'wz.draw.form_help' : 'wz.draw.draw_help')}
    >
      {!unit && !error ? <LinearProgress /> : null}
      <SnapField value={ctl.snap} onChange={ctl.setSnap} />
      <FormControlLabel
        control={
          <Checkbox
            checked={clip}
            onChange={(e) => setClip(e.target.checked)}
            slotProps={{ input: { 'data-testid': 'draw-clip' } as any }}
          />
        }
        label={translate('wz.draw.clip')}
      />
      <KinksBox kinks={kinks} />
      {shape ? (
        <GridAttributesFields value={attrs} onChange={setAttrs} autoFocus withPartyUnit villageId={unitId} />
      ) : null}
      <ErrorBox error={error} grids={unit?.grids} />
      <Buttons>
        {shape ? (
          <Button
            variant="contained"
            data-testid="draw-save"
            disabled={saving || !!kinks.length || !attrs.name.trim()}
            onClick={() => save('REFUSE')}
          >
            {translate('ra.action.save')}
          </Button>
        ) : null}
        {error?.overlaps?.length ? (
          <Button
            variant="outlined"
            color="warning"
            data-testid="draw-trim"
            disabled={saving}
            onClick={() => save('TRIM')}
          >
            {translate('wz.draw.trim')}
          </Button>
        ) : null}
        {shape ? <Button onClick={restart}>{translate('wz.draw.redraw')}</Button> : null}
        <Button data-testid="draw-cancel" onClick={onCancel}>
          {translate('ra.action.cancel')}
        </Button>
      </Buttons>
      {saving ? <LinearProgress sx={{ mt: 1 }} /> : null}
    </ToolPanel>
  );
}
