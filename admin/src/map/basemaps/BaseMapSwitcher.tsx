import { Box, FormControlLabel, Radio, RadioGroup, Slider, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { OFFLINE_ID } from './basemaps';
import type { BaseMapState } from './useBaseMaps';

/** The base map choice and the grid layer's opacity, at the top of the layer switcher. */
export function BaseMapSwitcher({ state }: { state: BaseMapState }) {
  const translate = useTranslate();
  return (
    <Box data-testid="basemap-switcher" sx={{ mb: 0.5 }}>
      <Typography variant="subtitle2">{translate('wz.basemap.title')}</Typography>
      <RadioGroup value={state.id} onChange={(e) => state.choose(e.target.value)}>
        {[{ id: OFFLINE_ID, name: translate('wz.basemap.offline') }, ...state.offered].map((b) => (
          <FormControlLabel
            key={b.id}
            value={b.id}
            sx={{ my: -0.6 }}
            control={<Radio size="small" slotProps={{ input: { 'data-testid': `basemap-${b.id}` } as any }} />}
            label={<Typography variant="body2">{b.name}</Typography>}
          />
        ))}
      </RadioGroup>
      {state.current?.gcj02 ? (
        <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>
          {translate('wz.basemap.gcj02')}
        </Typography>
      ) : null}
      <Typography variant="caption" id="wz-opacity-label">
        {translate('wz.basemap.opacity')}
      </Typography>
      <Slider
        size="small"
        min={0}
        max={1}
        step={0.05}
        value={state.opacity}
        onChange={(_e, v) => state.setOpacity(v as number)}
        aria-labelledby="wz-opacity-label"
        data-testid="grid-opacity"
        sx={{ mx: 1, width: 'calc(100% - 16px)', py: 1 }}
      />
    </Box>
  );
}
