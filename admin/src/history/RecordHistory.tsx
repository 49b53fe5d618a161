import RestoreIcon from '@mui/icons-material/Restore';
import { Alert, Box, Chip, Paper, Stack, Typography } from '@mui/material';
import { useState, type ReactNode } from 'react';
import {
  Button,
  Confirm,
  Loading,
  TabbedShowLayout,
  useCanAccess,
  useGetList,
  useLocale,
  useNotify,
  useRecordContext,
  useRefresh,
  useResourceContext,
  useTranslate,
} from 'react-admin';
import { useWzDataProvider } from '../data/useWzDataProvider';
import { EventDiff } from './EventDiff';

interface AuditEventRecord {
  id: string;
  at: string;
  username: string;
  role: string;
  operation: string;
  recordType: string;
  recordId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

export function formatWhen(at: string, locale: string): string {
  return new Date(at).toLocaleString(locale === 'en' ? 'en-GB' : 'zh-CN', { dateStyle: 'medium', timeStyle: 'medium' });
}

/** "Restore": puts a grid back as it was before (or after) an event, after a confirmation. */
function RestoreButton({ event, state }: { event: AuditEventRecord; state: 'BEFORE' | 'AFTER' }) {
  const notify = useNotify();
  const dataProvider = useWzDataProvider();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const restore = async () => {
    setBusy(true);
    try {
      await dataProvider.restoreGridFromEvent(String(event.id), state);
      notify('wz.history.restored', { type: 'success' });
      refresh();
    } catch (e) {
      notify((e as Error).message, { type: 'error' }); // already in words: the data provider translates refusals
    } finally {
      setBusy(false);
      setOpen(false);
    }
  };
  const label = state === 'BEFORE' ? 'wz.history.restore_before' : 'wz.history.restore_after';
  return (
    <>
      <Button label={label} onClick={() => setOpen(true)} data-testid={`restore-${state.toLowerCase()}`}>
        <RestoreIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={busy}
        title={label}
        content={state === 'BEFORE' ? 'wz.history.restore_before_confirm' : 'wz.history.restore_after_confirm'}
        confirm="wz.history.restore"
        onConfirm={restore}
        onClose={() => setOpen(false)}
      />
    </>
  );
}

/** The record's audit events, newest first: who, when, what, and the changed fields. */
export function RecordHistory({ recordType }: { recordType: string }) {
  const record = useRecordContext();
  const resource = useResourceContext() ?? null;
  const translate = useTranslate();
  const locale = useLocale();
  const { canAccess: canRestore } = useCanAccess({ resource: 'grids', action: 'restore' });
  const { data, total, isPending, error } = useGetList<AuditEventRecord>(
    'audit-events',
    {
      filter: { recordType, recordId: String(record?.id ?? '') },
      sort: { field: 'at', order: 'DESC' },
      pagination: { page: 1, perPage: 50 },
    },
    { enabled: Boolean(record?.id) },
  );
  if (!record) return null;
  if (isPending) return <Loading />;
  if (error) return <Alert severity="error">{(error as Error).message}</Alert>;
  if (!data?.length) return <Typography data-testid="history-empty">{translate('wz.history.empty')}</Typography>;
  const restorable = recordType === 'Grid' && canRestore;
  return (
    <Stack spacing={1.5} data-testid="record-history" sx={{ width: '100%' }}>
      {(total ?? 0) > data.length ? (
        <Typography variant="caption">{translate('wz.history.newest', { n: data.length, total })}</Typography>
      ) : null}
      {data.map((e, i) => (
        <Paper key={e.id} variant="outlined" sx={{ p: 1.5 }} data-testid="history-event" data-operation={e.operation}>
          <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1, mb: 1 }}>
            <Chip
              size="small"
              color={e.operation === 'delete' ? 'error' : e.operation === 'create' ? 'success' : 'primary'}
              label={translate(`wz.history.ops.${e.operation}`, { _: e.operation })}
            />
            <Typography variant="body2" data-testid="history-when">
              {formatWhen(e.at, locale)}
            </Typography>
            <Typography variant="body2" color="text.secondary" data-testid="history-who">
              {e.username} ({translate(`wz.roles.${e.role}`, { _: e.role })})
            </Typography>
            <Box sx={{ flex: 1 }} />
            {restorable && e.before ? <RestoreButton event={e} state="BEFORE" /> : null}
            {restorable && e.after && i > 0 ? <RestoreButton event={e} state="AFTER" /> : null}
          </Box>
          <EventDiff event={e} resource={resource} />
        </Paper>
      ))}
    </Stack>
  );
}

/** The History tab of a record page (inside a TabbedShowLayout). */
export const historyTab = (recordType: string) => (
  <TabbedShowLayout.Tab label="wz.history.tab" path="history" data-testid="tab-history">
    <RecordHistory recordType={recordType} />
  </TabbedShowLayout.Tab>
);

/**
 * A record page with two tabs: the fields (children, as in a SimpleShowLayout) and the
 * History tab (at `…/show/history`).
 */
export function WithHistory({ recordType, children }: { recordType: string; children: ReactNode }) {
  return (
    <TabbedShowLayout>
      <TabbedShowLayout.Tab label="wz.history.details">{children}</TabbedShowLayout.Tab>
      {historyTab(recordType)}
    </TabbedShowLayout>
  );
}
