import { useEffect } from 'react';
import { useBlocker, useCanBlock, useTranslate } from 'react-admin';

/**
 * Unsaved drawing: the browser asks before unloading the page (beforeunload), and the app asks
 * before navigating away — with the router's blocker when it is a data router, otherwise by
 * catching clicks on links (the app runs in a plain BrowserRouter).
 */
export function UnsavedGuard({ when }: { when: boolean }) {
  const canBlock = useCanBlock();
  useEffect(() => {
    if (!when) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [when]);
  return canBlock ? <RouterBlocker when={when} /> : <LinkBlocker when={when} />;
}

function RouterBlocker({ when }: { when: boolean }) {
  const translate = useTranslate();
  const blocker = useBlocker(when);
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    if (window.confirm(translate('wz.draw.unsaved'))) blocker.proceed?.();
    else blocker.reset?.();
  }, [blocker, translate]);
  return null;
}

function LinkBlocker({ when }: { when: boolean }) {
  const translate = useTranslate();
  useEffect(() => {
    if (!when) return;
    const onClick = (e: MouseEvent) => {
      const a = (e.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
      if (!a || a.target === '_blank') return;
      const url = new URL(a.href, window.location.href);
      if (url.origin === window.location.origin && url.pathname === window.location.pathname) return;
      if (!window.confirm(translate('wz.draw.unsaved'))) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    document.addEventListener('click', onClick, true);
    return () => document.removeEventListener('click', onClick, true);
  }, [when, translate]);
  return null;
}
