import { defineMessages } from '../app/i18n/messages.js';

/** The notification bell in the top bar and its panel. */
export const notificationsMessages = defineMessages({
  en: {
    bell: 'Notifications',
    bellUnread_one: 'Notifications: {{count}} unread',
    bellUnread_other: 'Notifications: {{count}} unread',
    panelTitle: 'Notifications',
    markAllRead: 'Mark all read',
    markRead: 'Mark read',
    unread: 'Unread',
    emptyTitle: 'No notifications',
    emptyBody: 'When a request needs you or something you follow changes, it shows up here.',
    openTask: 'Open the task',
    openRequest: 'Open the request',
    loading: 'Loading…',
    close: 'Close',
  },
  'zh-CN': {
    bell: '通知',
    bellUnread_one: '通知：{{count}} 条未读',
    bellUnread_other: '通知：{{count}} 条未读',
    panelTitle: '通知',
    markAllRead: '全部标为已读',
    markRead: '标为已读',
    unread: '未读',
    emptyTitle: '暂无通知',
    emptyBody: '有申请需要您处理或您关注的事项发生变化时，会显示在这里。',
    openTask: '打开任务',
    openRequest: '打开申请',
    loading: '加载中…',
    close: '关闭',
  },
});
