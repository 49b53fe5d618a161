import { Box, Card, CardContent, CardHeader, Stack, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useLocale, useRecordContext, useTranslate } from 'react-admin';
import { useWzDataProvider } from '../data/useWzDataProvider';
import { formatNumber } from '../i18n';
import { CoverageTrend } from './TrendChart';

/** On a village's or community's page: its coverage over time, and its work orders' figures when it has any. */
export function UnitTrend(_props: { label?: string }) {
  const r = useRecordContext<{ id: string; name?: string }>();
  if (!r) return null;
  return (
    <Stack spacing={2}>
      <UnitWorkOrders villageId={String(r.id)} />
      <CoverageTrend scope={{ villageId: String(r.id) }} title={r.name} />
    </Stack>
  );
}

function UnitWorkOrders({ villageId }: { villageId: string }) {
  const translate = useTranslate();
  const locale = useLocale();
  const dataProvider = useWzDataProvider();
  const [t, setT] = useState<Record<string, number | null> | null>(null);
  useEffect(() => {
    dataProvider.workOrderTotals(villageId).then(setT, () => setT(null));
  }, [villageId, dataProvider]);
  if (!t || !t.total) return null;
  return (
    <Card data-testid="unit-work-orders">
      <CardHeader title={translate('wz.wo.dashboard_title')} />
      <CardContent>
        <Box sx={{ display: 'flex', gap: 3, flexWrap: 'wrap' }}>
          {(['total', 'claimed', 'done', 'scored', 'averageScore', 'overdue'] as const).map((k) => (
            <Box key={k}>
              <Typography variant="h6">{formatNumber(t[k], locale, 1)}</Typography>
              <Typography variant="caption">
                {translate(k === 'total' ? 'wz.wo.figures.work_orders' : `wz.mu.figures.${k}`)}
              </Typography>
            </Box>
          ))}
        </Box>
      </CardContent>
    </Card>
  );
}
