import { Box, Button as MuiButton, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useState } from 'react';
import { useLocale, useTranslate } from 'react-admin';
import { formatArea } from '../i18n';
import { camel, changedFields, geometryArea } from './diff';
import { OutlineMap } from './OutlineMap';

/** Columns holding an enum, by record type: their values are shown translated. */
const ENUM_COLUMNS: Record<string, Record<string, string>> = {
  Grid: { kind: 'wz.enums.GridKind' },
  Village: { kind: 'wz.enums.VillageKind' },
  Township: { kind: 'wz.enums.TownshipKind' },
  PartyUnit: { kind: 'wz.enums.PartyUnitKind', level: 'wz.enums.PartyUnitLevel' },
  GridWorker: { source: 'wz.enums.WorkerSource', employment: 'wz.enums.Employment' },
  User: { role: 'wz.roles' },
};

function show(value: unknown, translate: (k: string, o?: any) => string, enumKey?: string): string {
  if (value === null || value === undefined || value === '') return '—';
  if (enumKey && typeof value === 'string') return translate(`${enumKey}.${value}`, { _: value });
  if (typeof value === 'boolean') return translate(value ? 'ra.boolean.true' : 'ra.boolean.false');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The fields an audit event changed, before → after; a boundary as "changed" with its areas and a tiny map. */
export function EventDiff({
  event,
  resource,
}: {
  event: { before?: any; after?: any; operation: string; recordType?: string };
  resource: string | null;
}) {
  const translate = useTranslate();
  const locale = useLocale();
  const [outlines, setOutlines] = useState(false);
  const changes = changedFields(event.before, event.after);
  if (!changes.length)
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('wz.history.no_changes')}
      </Typography>
    );
  const label = (column: string) => {
    const name = camel(column);
    const fallback = translate(`wz.history.columns.${name}`, { _: column });
    return resource ? translate(`resources.${resource}.fields.${name}`, { _: fallback }) : fallback;
  };
  const area = (g: unknown) => (g ? formatArea(geometryArea(g), locale, translate) : '—');
  return (
    <Box>
      <Table size="small" sx={{ maxWidth: 820 }} data-testid="history-diff">
        <TableHead>
          <TableRow>
            <TableCell sx={{ width: '28%' }}>{translate('wz.history.field')}</TableCell>
            <TableCell>{translate('wz.history.before')}</TableCell>
            <TableCell>{translate('wz.history.after')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {changes.map((c) => (
            <TableRow key={c.column} data-field={camel(c.column)}>
              <TableCell>{label(c.column)}</TableCell>
              {c.geometry ? (
                <TableCell colSpan={2}>
                  <strong>
                    {translate(event.before && event.after ? 'wz.history.geometry_changed' : 'wz.history.geometry')}
                  </strong>
                  {' · '}
                  {translate('wz.history.area')}: {area(c.before)} → {area(c.after)}{' '}
                  <MuiButton size="small" onClick={() => setOutlines((o) => !o)} data-testid="history-outlines">
                    {translate(outlines ? 'wz.history.hide_outlines' : 'wz.history.show_outlines')}
                  </MuiButton>
                  {outlines ? <OutlineMap before={c.before} after={c.after} /> : null}
                </TableCell>
              ) : (
                <>
                  <TableCell
                    data-testid="history-before"
                    sx={{ color: 'text.secondary', textDecoration: event.after ? 'line-through' : 'none' }}
                  >
                    {show(c.before, translate, ENUM_COLUMNS[event.recordType ?? '']?.[c.column])}
                  </TableCell>
                  <TableCell data-testid="history-after">
                    {show(c.after, translate, ENUM_COLUMNS[event.recordType ?? '']?.[c.column])}
                  </TableCell>
                </>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
