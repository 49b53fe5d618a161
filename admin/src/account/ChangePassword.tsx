import { Alert, Card, CardContent, Typography } from '@mui/material';
import { useState } from 'react';
import { PasswordInput, SaveButton, SimpleForm, Title, Toolbar, required, useNotify, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { authProvider } from '../auth/authProvider';
import { authHeaders, getSession } from '../auth/session';

const CHANGE = `mutation($old: String!, $new: String!) { changePassword(oldPassword: $old, newPassword: $new) }`;

/**
 * Plain fetch, not authFetch: the server answers a wrong old password with
 * UNAUTHENTICATED (HTTP 401), which must not end this session.
 */
async function changePassword(
  oldPassword: string,
  newPassword: string,
): Promise<{ code?: string; field?: string; message: string } | null> {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...authHeaders() },
    body: JSON.stringify({ query: CHANGE, variables: { old: oldPassword, new: newPassword } }),
  });
  const body = (await res.json().catch(() => ({}))) as {
    data?: { changePassword: boolean };
    errors?: { message: string; extensions?: { code?: string; field?: string } }[];
  };
  if (body.data?.changePassword) return null;
  const e = body.errors?.[0];
  return { code: e?.extensions?.code, field: e?.extensions?.field, message: e?.message ?? `HTTP ${res.status}` };
}

const minLength8 = (v: string) => (v && v.length < 8 ? 'wz.account.too_short' : undefined);
const sameAsNew = (v: string, all: any) => (v !== all.newPassword ? 'wz.account.mismatch' : undefined);

/**
 * Changing one's own password (any role). The server ends every session of the user,
 * this one included, so the page signs in again with the new password.
 */
export function ChangePasswordPage() {
  const translate = useTranslate();
  const notify = useNotify();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);

  const submit = async (values: any) => {
    setError(null);
    const username = getSession()?.user.username;
    const failed = await changePassword(values.oldPassword, values.newPassword).catch((e: Error) => ({
      code: 'NETWORK',
      field: undefined as string | undefined,
      message: e.message,
    }));
    if (failed) {
      const label =
        failed.code === 'UNAUTHENTICATED' || failed.field === 'oldPassword'
          ? translate('wz.account.wrong_old')
          : failed.code
            ? translate(`wz.errors.${failed.code}`, { _: failed.code })
            : '';
      setError([label, failed.message].filter(Boolean).join(': '));
      return;
    }
    if (username) await authProvider.login({ username, password: values.newPassword }).catch(() => undefined);
    notify('wz.account.password_changed', { type: 'success' });
    navigate('/');
  };

  return (
    <Card sx={{ mt: 2, maxWidth: 560 }} data-testid="change-password">
      <Title title="wz.account.change_password" />
      <CardContent>
        <Typography variant="h6">{translate('wz.account.change_password')}</Typography>
        <Typography variant="body2" color="text.secondary">
          {translate('wz.account.change_password_help')}
        </Typography>
        {error ? (
          <Alert severity="error" sx={{ mt: 1 }} data-testid="change-password-error">
            {error}
          </Alert>
        ) : null}
      </CardContent>
      <SimpleForm
        onSubmit={submit}
        toolbar={
          <Toolbar>
            <SaveButton label="wz.account.change_password" alwaysEnable />
          </Toolbar>
        }
      >
        <PasswordInput
          source="oldPassword"
          label="wz.account.old_password"
          validate={required()}
          autoComplete="current-password"
        />
        <PasswordInput
          source="newPassword"
          label="wz.account.new_password"
          validate={[required(), minLength8]}
          autoComplete="new-password"
        />
        <PasswordInput
          source="repeatPassword"
          label="wz.account.repeat_password"
          validate={[required(), sameAsNew]}
          autoComplete="new-password"
        />
      </SimpleForm>
    </Card>
  );
}
