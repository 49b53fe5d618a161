import { Box, Checkbox, FormControlLabel, Paper, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { LAYER_NAMES, type LayerName, type LoadedLayer } from './mapData';
import {
  COVER_CLASSES,
  GRID_OK_STROKE,
  NO_DATA_COLOUR,
  OVERLAP_COLOUR,
  SEVERITY_STROKE,
  UNCOVERED_COLOUR,
} from './style';

interface Props {
  layers: Partial<Record<LayerName, LoadedLayer>>;
  visible: LayerName[];
  labels: boolean;
  onChange(visible: LayerName[], labels: boolean): void;
  /** Shown above the layers (the base map choice). */
  top?: ReactNode;
}

const swatch = (colour: string, extra: object = {}) => (
  <Box
    component="span"
    sx={{
      display: 'inline-block',
      width: 14,
      height: 10,
      mr: 0.75,
      verticalAlign: 'middle',
      bgcolor: colour,
      border: '1px solid #0003',
      ...extra,
    }}
  />
);

/** The layer switcher with the legend of each layer under it. */
export function LayerSwitcher({ layers, visible, labels, onChange, top }: Props) {
  const translate = useTranslate();
  const toggle = (name: LayerName) =>
    onChange(
      visible.includes(name)
        ? visible.filter((n) => n !== name)
        : LAYER_NAMES.filter((n) => n === name || visible.includes(n)),
      labels,
    );
  return (
    <Paper
      elevation={3}
      data-testid="layer-switcher"
      sx={{ p: 1.25, width: 250, boxSizing: 'border-box', fontSize: 13 }}
    >
      {top}
      <Typography variant="subtitle2">{translate('wz.map.layers')}</Typography>
      {LAYER_NAMES.map((name) => {
        const l = layers[name];
        const missing = l?.source === 'missing';
        return (
          <Box key={name}>
            <FormControlLabel
              sx={{ my: -0.5 }}
              control={
                <Checkbox
                  size="small"
                  checked={visible.includes(name) && !missing}
                  disabled={missing}
                  onChange={() => toggle(name)}
                  data-testid={`layer-${name}`}
                />
              }
              label={<Typography variant="body2">{translate(`wz.map.layer.${name}`)}</Typography>}
            />
            {missing ? (
              <Typography variant="caption" color="text.secondary" sx={{ display: 'block', ml: 4, mt: -0.5 }}>
                {translate('wz.map.unavailable')}
              </Typography>
            ) : null}
            {name === 'villages' && visible.includes('villages') ? (
              <Stack sx={{ ml: 4, mb: 0.5 }} data-testid="legend-coverage">
                {COVER_CLASSES.map((c) => (
                  <Typography key={c.label} variant="caption">
                    {swatch(c.colour, { opacity: 0.8 })}
                    {c.label}
                  </Typography>
                ))}
                <Typography variant="caption">
                  {swatch(NO_DATA_COLOUR, { opacity: 0.8 })}
                  {translate('wz.map.no_data')}
                </Typography>
              </Stack>
            ) : null}
            {name === 'grids' && visible.includes('grids') ? (
              <Stack sx={{ ml: 4, mb: 0.5 }}>
                {Object.entries(SEVERITY_STROKE).map(([s, c]) => (
                  <Typography key={s} variant="caption">
                    {swatch('transparent', { borderColor: c, borderWidth: 2 })}
                    {translate(`wz.enums.Severity.${s}`)}
                  </Typography>
                ))}
                <Typography variant="caption">
                  {swatch('transparent', { borderColor: GRID_OK_STROKE, borderWidth: 2 })}
                  {translate('wz.map.no_finding')}
                </Typography>
              </Stack>
            ) : null}
            {name === 'uncovered' && visible.includes('uncovered') && !missing ? (
              <Box sx={{ ml: 4 }}>
                {swatch('transparent', {
                  background: `repeating-linear-gradient(135deg, ${UNCOVERED_COLOUR} 0 2px, transparent 2px 5px)`,
                })}
              </Box>
            ) : null}
            {name === 'overlaps' && visible.includes('overlaps') && !missing ? (
              <Box sx={{ ml: 4 }}>{swatch(OVERLAP_COLOUR)}</Box>
            ) : null}
          </Box>
        );
      })}
      <FormControlLabel
        sx={{ my: -0.5 }}
        control={<Checkbox size="small" checked={labels} onChange={() => onChange(visible, !labels)} />}
        label={<Typography variant="body2">{translate('wz.map.layer.labels')}</Typography>}
      />
    </Paper>
  );
}
