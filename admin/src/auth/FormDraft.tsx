import { Alert, Button } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { useRecordContext, useTranslate } from 'react-admin';
import { useFormContext, useFormState, useWatch } from 'react-hook-form';
import { useLocation } from 'react-router-dom';
import { getSession } from './session';

/**
 * Unsaved forms survive the end of a session.
 *
 * While a form is dirty, its changed fields are kept in localStorage under the route
 * (and the user). When the session ends (the token expires, or a 401 comes back and
 * react-admin shows the login page), the form unmounts signed out and the draft stays;
 * after signing in again, react-admin returns to the same route and the draft is put
 * back into the form (marked dirty, with a notice). A form left while signed in (saved,
 * cancelled, navigated away) drops its draft.
 */
const PREFIX = 'wz.draft:';
const MAX_AGE_MS = 24 * 3600 * 1000;
/** Never written to storage. */
const SECRET = /password|secret|key$/i;

interface Draft {
  savedAt: number;
  values: Record<string, unknown>;
}

export const draftKey = (pathname: string, userId = getSession()?.user.id): string | null =>
  userId ? `${PREFIX}${userId}:${pathname.replace(/\/+$/, '')}` : null;

export function readDraft(key: string | null): Draft | null {
  if (!key) return null;
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return null;
    const d = JSON.parse(raw) as Draft;
    if (!d.values || Date.now() - d.savedAt > MAX_AGE_MS) {
      localStorage.removeItem(key);
      return null;
    }
    return d;
  } catch {
    return null;
  }
}

/** Put inside a SimpleForm (any react-admin form): keeps and restores its unsaved changes. */
export function FormDraft() {
  const translate = useTranslate();
  const { getValues, setValue, resetField, control } = useFormContext();
  const { dirtyFields } = useFormState({ control });
  const values = useWatch({ control });
  const { pathname } = useLocation();
  const record = useRecordContext();
  const isCreate = /\/create$/.test(pathname);
  const key = draftKey(pathname);
  // Read once, before anything may remove it (StrictMode runs effects twice).
  const pending = useRef<{ key: string | null; draft: Draft | null } | null>(null);
  if (!pending.current || pending.current.key !== key) pending.current = { key, draft: readDraft(key) };
  const [ready, setReady] = useState(false);
  const [restored, setRestored] = useState(false);

  // Restore after the form has been reset with the record (react-admin resets it in an effect of its own).
  const canRestore = isCreate || Boolean(record);
  useEffect(() => {
    if (!canRestore) return;
    const t = setTimeout(() => {
      const draft = pending.current?.draft;
      if (draft) {
        for (const [name, value] of Object.entries(draft.values))
          setValue(name, value, { shouldDirty: true, shouldTouch: true });
        setRestored(true);
      }
      setReady(true);
    }, 0);
    return () => clearTimeout(t);
  }, [canRestore, key, setValue]);

  // Keep the dirty fields while signed in; a signed-out form (the session just ended) keeps the last draft.
  useEffect(() => {
    if (!ready || !key || !getSession()) return;
    const names = Object.keys(dirtyFields);
    if (!names.length) {
      localStorage.removeItem(key);
      return;
    }
    const changed: Record<string, unknown> = {};
    for (const n of names) if (!SECRET.test(n)) changed[n] = getValues(n);
    if (!Object.keys(changed).length) {
      localStorage.removeItem(key);
      return;
    }
    try {
      localStorage.setItem(key, JSON.stringify({ savedAt: Date.now(), values: changed } satisfies Draft));
    } catch {
      // storage full or disabled: nothing to keep
    }
  }, [ready, key, values, dirtyFields, getValues]);

  // Leaving the form while signed in (saved, cancelled, another page) drops the draft.
  useEffect(
    () => () => {
      if (key && getSession()) localStorage.removeItem(key);
    },
    [key],
  );

  if (!restored) return null;
  return (
    <Alert
      severity="info"
      data-testid="draft-restored"
      sx={{ width: '100%', boxSizing: 'border-box' }}
      action={
        <Button
          color="inherit"
          size="small"
          onClick={() => {
            if (key) localStorage.removeItem(key);
            for (const name of Object.keys(pending.current?.draft?.values ?? {})) resetField(name);
            if (pending.current) pending.current.draft = null;
            setRestored(false);
          }}
        >
          {translate('wz.account.draft_discard')}
        </Button>
      }
    >
      {translate('wz.account.draft_restored')}
    </Alert>
  );
}
