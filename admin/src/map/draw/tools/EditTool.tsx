import { Button, Checkbox, FormControlLabel, LinearProgress } from '@mui/material';
import type { Geometry } from 'geojson';
import { useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import { useWzDataProvider } from '../../../data/useWzDataProvider';
import { useMapHandle } from '../../MapContext';
import { signal } from '../controller';
import { toDrawError, type DrawError } from '../drawError';
import { L, pmOptions, SHAPE_STYLE } from '../geoman';
import { findKinks, type Kink } from '../geometry';
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
import { useGridAndUnit, useSnapOption, type ModeProps } from './common';

/** Edit a grid's vertices (snapping) or drag it whole; updateGridBoundary moves the neighbours' shared edges too. */
export function EditTool({ gridId, ctl, onSaved, onCancel }: ModeProps & { gridId: string }) {
  const translate = useTranslate();
  const dataProvider = useWzDataProvider();
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
    try {
      const { data: changed, changeId } = await dataProvider.updateGridBoundary(
        gridId,
        grid.version,
        geometry,
        moveShared,
      );
      onSaved({
        op: 'edit',
        label: translate('wz.draw.op.edit', { name: grid.name }),
        ids: changed.map((c) => String(c.id)),
        select: gridId,
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
      testId="edit-panel"
      title={translate('wz.draw.editing', { name: grid?.name ?? '…' })}
      help={translate('wz.draw.edit_help')}
    >
      {!layer && !error ? <LinearProgress /> : null}
      <SnapField value={ctl.snap} onChange={ctl.setSnap} />
      <FormControlLabel
        control={
          <Checkbox
            checked={moveShared}
            onChange={(e) => setMoveShared(e.target.checked)}
            slotProps={{ input: { 'data-testid': 'edit-move-shared' } as any }}
          />
        }
        label={translate('wz.draw.move_shared')}
      />
      <KinksBox kinks={kinks} />
      <ErrorBox error={error} grids={unit?.grids} />
      <Buttons>
        <Button
          variant="contained"
          data-testid="edit-save"
          disabled={saving || !geometry || !!kinks.length}
          onClick={save}
        >
          {translate('ra.action.save')}
        </Button>
        <Button data-testid="edit-split" disabled={saving} onClick={() => ctl.setTool({ kind: 'split', gridId })}>
          {translate('wz.draw.split')}
        </Button>
        <Button data-testid="draw-cancel" onClick={onCancel}>
          {translate('ra.action.cancel')}
        </Button>
      </Buttons>
      {saving ? <LinearProgress sx={{ mt: 1 }} /> : null}
    </ToolPanel>
  );
}
