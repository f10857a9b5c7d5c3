import type { AppNotification } from '@baton/client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import { useApi } from '../app/session/use-api.js';

/** How often the unread count is asked for while the tab is visible: cheap (one indexed count) yet timely. */
export const NOTIFICATION_POLL_MS = 30_000;
const PANEL_PAGE = 20;

/** Calls `tick` now, then every `intervalMs` while the document is visible; when it becomes visible again, at once. */
export function useVisiblePolling(tick: () => void, intervalMs: number): void {
  const latest = useRef(tick);
  latest.current = tick;
  useEffect(() => {
    let timer: ReturnType<typeof setInterval> | undefined;
    const stop = () => {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
    };
    const start = () => {
      stop();
      latest.current();
      timer = setInterval(() => latest.current(), intervalMs);
    };
    const onVisibility = () => (document.visibilityState === 'visible' ? start() : stop());
    if (document.visibilityState === 'visible') start();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      stop();
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [intervalMs]);
}

export interface NotificationsState {
  unread: number | null;
  items: AppNotification[] | null;
  error: unknown;
  refreshCount: () => void;
  loadList: () => Promise<void>;
  markRead: (id: string) => Promise<void>;
  markAllRead: () => Promise<void>;
}

/**
 * The caller's unread count (polled while the tab is visible, and again on every navigation inside the app)
 * and, once the panel opens, the newest notifications. Marking read updates both at once.
 */
export function useNotifications(): NotificationsState {
  const api = useApi();
  const location = useLocation();
  const [unread, setUnread] = useState<number | null>(null);
  const [items, setItems] = useState<AppNotification[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  // A failed poll keeps the last count: a blip in the network should not flash an error in the top bar.
  const refreshCount = useCallback(() => {
    api.notifications.list({ unread: true, limit: 1 }).then((r) => setUnread(r.unread), () => undefined);
  }, [api]);
  useVisiblePolling(refreshCount, NOTIFICATION_POLL_MS);
  const shownPath = useRef(location.pathname);
  useEffect(() => {
    if (shownPath.current === location.pathname) return; // the poll's first tick already counted this page
    shownPath.current = location.pathname;
    refreshCount();
  }, [location.pathname, refreshCount]);

  const loadList = useCallback(async () => {
    setError(null);
    try {
      const r = await api.notifications.list({ limit: PANEL_PAGE });
      setItems(r.items);
      setUnread(r.unread);
    } catch (e) {
      setError(e);
    }
  }, [api]);

  const markRead = useCallback(async (id: string) => {
    try {
      const updated = await api.notifications.markRead(id);
      setItems((list) => list?.map((n) => (n.id === id ? updated : n)) ?? null);
      refreshCount();
    } catch (e) {
      setError(e);
    }
  }, [api, refreshCount]);

  const markAllRead = useCallback(async () => {
    try {
      await api.notifications.markAllRead();
      const now = new Date().toISOString();
      setItems((list) => list?.map((n) => (n.readAt ? n : { ...n, readAt: now })) ?? null);
      setUnread(0);
    } catch (e) {
      setError(e);
    }
  }, [api]);

  return { unread, items, error, refreshCount, loadList, markRead, markAllRead };
}
