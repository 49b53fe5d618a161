import BlockIcon from '@mui/icons-material/Block';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import {
  Alert,
  Box,
  Button as MuiButton,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  IconButton,
  TextField as MuiTextField,
  Tooltip,
} from '@mui/material';
import { useState } from 'react';
import {
  AutocompleteInput,
  BooleanField,
  BooleanInput,
  Button,
  CheckboxGroupInput,
  Confirm,
  Create,
  Datagrid,
  DateField,
  DeleteButton,
  FormDataConsumer,
  FunctionField,
  List,
  NullableBooleanInput,
  ReferenceInput,
  SimpleForm,
  TextField,
  TextInput,
  required,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { useWzDataProvider } from '../data/useWzDataProvider';
import { searchFilter } from '../common/filters';

const filters = [searchFilter, <NullableBooleanInput key="revoked" source="revoked" alwaysOn />];

/** What a key may do besides reading (the server's ApiKeyScope). */
const SCOPES = ['IMPORT', 'WORK_ORDERS_CREATE'] as const;
const scopeChoices = SCOPES.map((id) => ({ id, name: `wz.api_keys.scope_${id}` }));

function ScopesField(_props: { source?: string; label?: string; sortable?: boolean }) {
  const record = useRecordContext();
  const translate = useTranslate();
  const scopes = (record?.scopes ?? []) as string[];
  if (!record) return null;
  return (
    <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }} data-testid="key-scopes">
      {scopes.length
        ? scopes.map((sc) => (
            <Chip key={sc} size="small" variant="outlined" label={translate(`wz.api_keys.scope_${sc}`, { _: sc })} />
          ))
        : '—'}
    </Box>
  );
}

function StatusField(_props: { label?: string; sortable?: boolean }) {
  const record = useRecordContext();
  const translate = useTranslate();
  if (!record) return null;
  return record.revokedAt ? (
    <Chip size="small" color="default" label={translate('wz.api_keys.revoked')} data-testid="key-status" />
  ) : (
    <Chip size="small" color="success" label={translate('wz.api_keys.active')} data-testid="key-status" />
  );
}

/** Revokes the key (it stops working at once), after a confirmation. */
function RevokeButton(_props: { label?: string }) {
  const record = useRecordContext();
  const notify = useNotify();
  const dataProvider = useWzDataProvider();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!record || record.revokedAt) return null;
  const revoke = async () => {
    setBusy(true);
    try {
      await dataProvider.revokeApiKey(String(record.id));
      notify('wz.api_keys.revoked_done', { type: 'info', messageArgs: { name: record.name } });
      refresh();
    } catch (e) {
      notify((e as Error).message, { type: 'error' }); // already in words: the data provider translates refusals
    } finally {
      setBusy(false);
      setOpen(false);
    }
  };
  return (
    <>
      <Button
        label="wz.api_keys.revoke"
        color="error"
        data-testid="revoke-key"
        onClick={(e) => {
          e.stopPropagation();
          setOpen(true);
        }}
      >
        <BlockIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={busy}
        title="wz.api_keys.revoke_title"
        content="wz.api_keys.revoke_content"
        translateOptions={{ name: record.name }}
        confirm="wz.api_keys.revoke"
        confirmColor="warning"
        onConfirm={revoke}
        onClose={() => setOpen(false)}
      />
    </>
  );
}

export const ApiKeyList = () => (
  <List filters={filters} sort={{ field: 'createdAt', order: 'DESC' }} exporter={false}>
    <Datagrid rowClick={false} bulkActionButtons={false}>
      <TextField source="name" />
      <FunctionField source="prefix" sortable={false} render={(r: any) => <code>{r.prefix}…</code>} />
      <BooleanField source="coverageOnly" sortable={false} />
      <ScopesField source="scopes" sortable={false} />
      <StatusField label="wz.api_keys.status" />
      <TextField source="createdBy" sortable={false} emptyText="—" />
      <DateField source="createdAt" showTime />
      <DateField source="lastUsedAt" showTime emptyText="—" />
      <DateField source="revokedAt" showTime emptyText="—" />
      <RevokeButton label="" />
      <DeleteButton mutationMode="pessimistic" />
    </Datagrid>
  </List>
);

/** The new key, shown once, with a copy button. */
function KeyDialog({ created, onClose }: { created: { name: string; key: string } | null; onClose: () => void }) {
  const translate = useTranslate();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.key);
    } catch {
      // No clipboard API (insecure origin, permissions): select the text and copy the old way.
      const input = document.querySelector<HTMLInputElement>('[data-testid="new-api-key"] input');
      input?.select();
      document.execCommand('copy');
    }
    setCopied(true);
  };
  return (
    <Dialog
      open={Boolean(created)}
      onClose={(_e, reason) => reason !== 'backdropClick' && onClose()}
      maxWidth="md"
      fullWidth
      data-testid="api-key-dialog"
    >
      <DialogTitle>{translate('wz.api_keys.created_title', { name: created?.name ?? '' })}</DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }}>
          {translate('wz.api_keys.shown_once')}
        </Alert>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
          <MuiTextField
            value={created?.key ?? ''}
            fullWidth
            data-testid="new-api-key"
            slotProps={{ htmlInput: { readOnly: true, style: { fontFamily: 'monospace' } } }}
            onFocus={(e) => e.target.select()}
          />
          <Tooltip title={translate(copied ? 'wz.api_keys.copied' : 'wz.api_keys.copy')}>
            <IconButton onClick={copy} data-testid="copy-api-key" aria-label={translate('wz.api_keys.copy')}>
              <ContentCopyIcon />
            </IconButton>
          </Tooltip>
        </Box>
        {copied ? (
          <Alert severity="success" sx={{ mt: 1 }}>
            {translate('wz.api_keys.copied')}
          </Alert>
        ) : null}
        <Alert severity="info" sx={{ mt: 2 }}>
          {translate('wz.api_keys.usage')}
        </Alert>
      </DialogContent>
      <DialogActions>
        <MuiButton onClick={onClose} variant="contained" data-testid="api-key-done">
          {translate('wz.api_keys.done')}
        </MuiButton>
      </DialogActions>
    </Dialog>
  );
}

export const ApiKeyCreate = () => {
  const navigate = useNavigate();
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  return (
    <>
      <Create
        redirect={false}
        mutationOptions={{ onSuccess: (data: any) => setCreated({ name: data.name, key: data.key }) }}
      >
        <SimpleForm defaultValues={{ coverageOnly: false, scopes: [] }}>
          <TextInput source="name" validate={required()} helperText="wz.api_keys.name_help" />
          <BooleanInput source="coverageOnly" helperText="wz.api_keys.coverage_only_help" />
          <FormDataConsumer>
            {({ formData }) =>
              formData.coverageOnly ? null : (
                <>
                  <CheckboxGroupInput
                    source="scopes"
                    choices={scopeChoices}
                    helperText="wz.api_keys.scopes_help"
                    data-testid="key-scopes-input"
                  />
                  {(formData.scopes ?? []).includes('IMPORT') ? (
                    // Imports run with this user's role and units, read at each import (default: yourself).
                    <ReferenceInput source="ownerId" reference="users" filter={{ active: true }}>
                      <AutocompleteInput
                        optionText="username"
                        helperText="wz.api_keys.owner_help"
                        sx={{ minWidth: 320 }}
                      />
                    </ReferenceInput>
                  ) : null}
                </>
              )
            }
          </FormDataConsumer>
        </SimpleForm>
      </Create>
      <KeyDialog
        created={created}
        onClose={() => {
          setCreated(null);
          navigate('/keys');
        }}
      />
    </>
  );
};

export default { list: ApiKeyList, create: ApiKeyCreate, recordRepresentation: 'name' };
