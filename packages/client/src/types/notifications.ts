import type { IsoDateTime } from './common.js';

/** One in-app notification of the caller, in the caller's language. */
export interface AppNotification {
  id: string;
  title: string;
  body: string | null;
  /** What it is about: open the task when there is one, else the instance. */
  link: { instanceId: string | null; taskId: string | null; url: string | null } | null;
  createdAt: IsoDateTime;
  readAt: IsoDateTime | null;
}

export interface NotificationListQuery {
  /** Only the unread ones. */
  unread?: boolean;
  limit?: number;
  offset?: number;
}

/** `GET /notifications`: a page of the caller's notifications, newest first, and how many are unread in all. */
export interface NotificationList {
  items: AppNotification[];
  unread: number;
}
