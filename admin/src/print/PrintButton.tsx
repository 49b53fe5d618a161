import PrintIcon from '@mui/icons-material/Print';
import { Button } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';

/** Opens the print view of the shown record: 网格信息卡 for a grid, 网格公示图 for a village or community. */
export function PrintButton({ kind }: { kind: 'grid' | 'village' }) {
  const translate = useTranslate();
  const record = useRecordContext<any>();
  if (!record?.id) return null;
  return (
    <Button
      size="small"
      startIcon={<PrintIcon />}
      href={`/print/${kind}/${record.id}`}
      target="_blank"
      data-testid={`print-${kind}-button`}
      sx={{ alignSelf: 'flex-start' }}
    >
      {translate(kind === 'grid' ? 'wz.print.grid_card' : 'wz.print.village_map')}
    </Button>
  );
}
