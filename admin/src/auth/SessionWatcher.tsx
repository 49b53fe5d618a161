import { useEffect } from 'react';
import { useCheckAuth } from 'react-admin';
import { getSession } from './session';

/**
 * Ends the session in the page when the token expires (or another tab signs out):
 * react-admin's checkAuth then shows the login page and, after signing in, returns
 * to the same route — where FormDraft puts back an unsaved form.
 */
export function SessionWatcher() {
  const checkAuth = useCheckAuth();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      clearTimeout(timer);
      const s = getSession();
      if (!s) {
        checkAuth({}, true).catch(() => undefined);
        return;
      }
      // Next look: at the expiry, or in 30 s (a token replaced or cleared meanwhile).
      const left = new Date(s.expiresAt).getTime() - Date.now();
      timer = setTimeout(check, Math.max(1000, Math.min(left + 500, 30_000)));
    };
    check();
    const onStorage = (e: StorageEvent) => {
      if (e.key === null || e.key.startsWith('wz.token') || e.key.startsWith('wz.user')) check();
    };
    const onVisible = () => document.visibilityState === 'visible' && check();
    window.addEventListener('storage', onStorage);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('storage', onStorage);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [checkAuth]);
  return null;
}
