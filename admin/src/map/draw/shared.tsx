import { translateServerMessage } from '../../i18n/serverMessages';
import { Alert, Paper, Stack, TextField, Typography } from '@mui/material';
import type { Geometry } from 'geojson';
import { useEffect, type ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import type { GridState } from '../../data/gridEditing';
import type { DrawError } from './drawError';
import { L } from './geoman';
import type { Kink } from './geometry';

/** The panel of the active tool (left of the map, under the search). */
export function ToolPanel({
  title,
  help,
  children,
  testId,
}: {
  title: string;
  help?: string;
  children?: ReactNode;
  testId: string;
}) {
  return (
    <Paper
      elevation={4}
      data-testid={testId}
      sx={{ width: 300, p: 1.5, maxHeight: 'calc(100vh - 250px)', overflow: 'auto', boxSizing: 'border-box' }}
    >
      <Typography variant="subtitle1" sx={{ fontWeight: 600 }} data-testid="draw-panel-title">
        {title}
      </Typography>
      {help ? (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {help}
        </Typography>
      ) : null}
      {children}
    </Paper>
  );
}

export function Buttons({ children }: { children: ReactNode }) {
  // Sticky: the way out of an error (e.g. "trim the overlaps") stays in view however long the panel is.
  return (
    <Stack
      direction="row"
      spacing={1}
      sx={{
        mt: 1.5,
        flexWrap: 'wrap',
        rowGap: 1,
        position: 'sticky',
        bottom: -12,
        bgcolor: 'background.paper',
        py: 1,
        zIndex: 1,
      }}
    >
      {children}
    </Stack>
  );
}

/** A server refusal in words: the reason of BAD_GEOMETRY, the overlapped grids by name, or a version conflict. */
export function errorText(e: DrawError, translate: (k: string, o?: any) => string, grids: GridState[] = []): string {
  if (e.code === 'CONFLICT') return translate('wz.draw.error_conflict');
  if (e.overlaps?.length) {
    const list = e.overlaps
      .map(
        (o) =>
          `${grids.find((g) => String(g.id) === o.gridId)?.name ?? `#${o.gridId}`}（${translate('wz.units.m2', { value: Math.round(o.areaM2).toLocaleString() })}）`,
      )
      .join(translate('wz.units.m2') === '%{value} m²' ? ', ' : '、');
    return translate('wz.draw.error_overlaps', { list });
  }
  if (e.code === 'BAD_GEOMETRY')
    return translate('wz.draw.error_bad_geometry', {
      reason: translateServerMessage(e.reason ?? e.message) ?? e.reason ?? e.message,
    });
  return translateServerMessage(e.message) ?? e.message;
}

export function ErrorBox({ error, grids }: { error: DrawError | null; grids?: GridState[] }) {
  const translate = useTranslate();
  if (!error) return null;
  return (
    <Alert severity="error" data-testid="draw-error" sx={{ mt: 1 }}>
      {errorText(error, translate, grids)}
    </Alert>
  );
}

export function KinksBox({ kinks }: { kinks: Kink[] }) {
  const translate = useTranslate();
  if (!kinks.length) return null;
  return (
    <Alert severity="error" data-testid="draw-kinks" sx={{ mt: 1 }}>
      {translate('wz.draw.kinks', { smart_count: kinks.length })}
    </Alert>
  );
}

export function SnapField({ value, onChange }: { value: number; onChange(px: number): void }) {
  const translate = useTranslate();
  return (
    <TextField
      type="number"
      size="small"
      label={translate('wz.draw.snap_distance')}
      value={value}
      sx={{ width: 150 }}
      slotProps={{ htmlInput: { min: 0, max: 100, 'data-testid': 'draw-snap' } }}
      onChange={(e) => onChange(Number(e.target.value))}
    />
  );
}

/** Marks each self-intersection on the map: the crossing (red dot) and the vertex to move (a ringed marker). */
export function useKinkMarkers(map: L.Map, kinks: Kink[]) {
  useEffect(() => {
    if (!kinks.length) return;
    const group = L.layerGroup();
    for (const k of kinks) {
      L.marker([k.vertex[1]!, k.vertex[0]!], {
        interactive: false,
        keyboard: false,
        pmIgnore: true,
        snapIgnore: true,
        icon: L.divIcon({
          className: 'wz-kink-vertex',
          html: '<span data-testid="kink-vertex"></span>',
          iconSize: [22, 22],
        }),
      } as any).addTo(group);
      L.circleMarker([k.point[1]!, k.point[0]!], {
        radius: 5,
        color: '#b71c1c',
        fillColor: '#f44336',
        fillOpacity: 1,
        interactive: false,
        pmIgnore: true,
        snapIgnore: true,
      } as any).addTo(group);
    }
    group.addTo(map);
    return () => {
      group.remove();
    };
  }, [map, kinks]);
}

/** A server error shown next to the shape, as a tooltip on it. */
export function useShapeError(layer: L.Path | null, text: string | null) {
  useEffect(() => {
    if (!layer || !text) return;
    layer
      .bindTooltip(text, { permanent: true, direction: 'right', className: 'wz-draw-error', offset: [10, 0] })
      .openTooltip();
    return () => {
      layer.unbindTooltip();
    };
  }, [layer, text]);
}

export const toGeometry = (layer: L.Polygon | L.Polyline): Geometry => (layer.toGeoJSON(15) as any).geometry;
