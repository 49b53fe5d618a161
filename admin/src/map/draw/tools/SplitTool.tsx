import { Button, FormControlLabel, LinearProgress, Radio, RadioGroup, TextField } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import { useWzDataProvider } from '../../../data/useWzDataProvider';
import type { SplitAttributes } from '../../../generated/graphql';
import { useMapHandle } from '../../MapContext';
import { signal } from '../controller';
import { toDrawError, type DrawError } from '../drawError';
import { L, pmOptions, SHAPE_STYLE } from '../geoman';
import { useGuides } from '../guides';
import { Buttons, ErrorBox, errorText, ToolPanel, toGeometry, useShapeError } from '../shared';
import { useGridAndUnit, useSnapOption, type ModeProps } from './common';

/** Split a grid along a drawn line (splitGrid), attributes copied or divided by area. */
export function SplitTool({ gridId, ctl, onSaved, onCancel }: ModeProps & { gridId: string }) {
  const translate = useTranslate();
  const dataProvider = useWzDataProvider();
  const map = useMapHandle()!.map;
  const [error, setError] = useState<DrawError | null>(null);
  const { grid, unit } = useGridAndUnit(map, gridId, setError);
  const [line, setLine] = useState<L.Polyline | null>(null);
  const [attributes, setAttributes] = useState<SplitAttributes>('SPLIT_BY_AREA'); // households are not counted twice by default
  const [newName, setNewName] = useState('');
  const [saving, setSaving] = useState(false);
  useGuides(map, unit);
  useSnapOption(map, ctl.snap);
  useShapeError(line, error ? errorText(error, translate, unit?.grids) : null);

  useEffect(() => {
    if (!grid || !unit) return;
    setNewName(`${grid.name}(2)`);
    let created: L.Polyline | null = null;
    const outline = L.geoJSON(
      grid.geometry as any,
      {
        style: () => ({ ...SHAPE_STYLE, fillOpacity: 0.08, dashArray: '6 4' }),
        interactive: false,
        pmIgnore: true,
        snapIgnore: true,
      } as any,
    ).addTo(map);
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
      const {
        data: [orig, added],
        changeId,
      } = await dataProvider.splitGrid(gridId, grid.version, toGeometry(line), attributes, newName.trim());
      onSaved({
        op: 'split',
        label: translate('wz.draw.op.split', { name: grid.name }),
        ids: [String(orig!.id), String(added!.id)],
        select: String(orig!.id),
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

  const redraw = () => {
    line?.remove();
    setLine(null);
    setError(null);
    map.pm.enableDraw('Line', pmOptions(ctl.snap));
  };

  return (
    <ToolPanel
      testId="split-panel"
      title={translate('wz.draw.split_title', { name: grid?.name ?? '…' })}
      help={translate('wz.draw.split_help')}
    >
      {!unit && !error ? <LinearProgress /> : null}
      {line ? (
        <>
          <RadioGroup value={attributes} onChange={(e) => setAttributes(e.target.value as any)}>
            <FormControlLabel
              value="SPLIT_BY_AREA"
              control={<Radio size="small" slotProps={{ input: { 'data-testid': 'split-by-area' } as any }} />}
              label={translate('wz.draw.split_by_area')}
            />
            <FormControlLabel value="COPY" control={<Radio size="small" />} label={translate('wz.draw.split_copy')} />
          </RadioGroup>
          <TextField
            size="small"
            fullWidth
            label={translate('wz.draw.new_name')}
            value={newName}
            onChange={(e) => setNewName(e.target.value)}
            slotProps={{ htmlInput: { 'data-testid': 'split-name' } }}
          />
        </>
      ) : (
        <Button size="small" data-testid="split-finish" onClick={() => (map.pm.Draw as any).Line?._finishShape?.()}>
          {translate('wz.draw.finish_line')}
        </Button>
      )}
      <ErrorBox error={error} grids={unit?.grids} />
      <Buttons>
        {line ? (
          <Button variant="contained" data-testid="split-save" disabled={saving} onClick={save}>
            {translate('wz.draw.split')}
          </Button>
        ) : null}
        {line ? <Button onClick={redraw}>{translate('wz.draw.redraw')}</Button> : null}
        <Button data-testid="draw-cancel" onClick={onCancel}>
          {translate('ra.action.cancel')}
        </Button>
      </Buttons>
      {saving ? <LinearProgress sx={{ mt: 1 }} /> : null}
    </ToolPanel>
  );
}
