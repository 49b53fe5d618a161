import { Button, LinearProgress, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import type { GridState } from '../../../data/gridEditing';
import { useWzDataProvider } from '../../../data/useWzDataProvider';
import { useMapHandle } from '../../MapContext';
import { signal } from '../controller';
import { toDrawError, type DrawError } from '../drawError';
import { L, SHAPE_STYLE } from '../geoman';
import { Buttons, ErrorBox, ToolPanel } from '../shared';
import type { ModeProps } from './common';

/** Merge touching grids of one unit (mergeGrids); the first is kept. */
export function MergeTool({ ids, onSaved, onCancel }: ModeProps & { ids: string[] }) {
  const translate = useTranslate();
  const dataProvider = useWzDataProvider();
  const handle = useMapHandle()!;
  const [grids, setGrids] = useState<GridState[]>([]);
  const [name, setName] = useState('');
  const [error, setError] = useState<DrawError | null>(null);
  const [saving, setSaving] = useState(false);
  const key = ids.join(',');

  useEffect(() => {
    let live = true;
    Promise.all(ids.map((id) => dataProvider.fetchGrid(id)))
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
    for (const g of grids)
      L.geoJSON(
        g.geometry as any,
        {
          style: () => ({ ...SHAPE_STYLE, fillOpacity: 0.3 }),
          interactive: false,
          pmIgnore: true,
          snapIgnore: true,
        } as any,
      ).addTo(group);
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
    try {
      const { data: merged, changeId } = await dataProvider.mergeGrids(
        grids.map((g) => String(g.id)),
        name.trim(),
      );
      onSaved({
        op: 'merge',
        label: translate('wz.draw.op.merge', { name: merged.name }),
        ids: [String(merged.id)],
        select: String(merged.id),
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
      testId="merge-panel"
      title={translate('wz.draw.merge_title', { smart_count: ids.length })}
      help={translate('wz.draw.merge_help')}
    >
      {grids.map((g) => (
        <Typography key={g.id} variant="body2" data-testid="merge-item">
          • {g.name}
        </Typography>
      ))}
      <TextField
        size="small"
        fullWidth
        sx={{ mt: 1 }}
        label={translate('wz.draw.merge_name')}
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <ErrorBox error={error} grids={grids} />
      <Buttons>
        <Button
          variant="contained"
          data-testid="merge-save"
          disabled={saving || grids.length < 2 || grids.length !== ids.length}
          onClick={save}
        >
          {translate('wz.draw.merge')}
        </Button>
        <Button data-testid="draw-cancel" onClick={onCancel}>
          {translate('ra.action.cancel')}
        </Button>
      </Buttons>
      {saving ? <LinearProgress sx={{ mt: 1 }} /> : null}
    </ToolPanel>
  );
}
