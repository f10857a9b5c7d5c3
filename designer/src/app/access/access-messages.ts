import { defineMessages } from '../i18n/messages.js';

/** The role guard of the designer pages and the roles request's loading and error states. */
export const accessMessages = defineMessages({
  en: {
    rolesLoading: 'Loading…',
    rolesFailed: 'Could not load your roles, so this page cannot tell what you may do',
    rolesFailedHelp: 'Check your connection and try again. If it keeps failing, sign out and sign in again.',
    needDesignerTitle: 'You need the designer role',
    needDesignerBody: 'Designing forms, flows, rules and reports ({{path}}) is for people with the designer (or admin) role. Your roles: {{roles}}.',
    needDesignerHelp: 'Ask an administrator to give you the designer role in the directory, or go to your inbox.',
    noRoles: 'none',
    toInbox: 'Go to my inbox',
  },
  'zh-CN': {
    rolesLoading: '加载中…',
    rolesFailed: '无法加载你的角色，因此无法判断你在此页面可以做什么',
    rolesFailedHelp: '请检查网络后重试。如果一直失败，请退出后重新登录。',
    needDesignerTitle: '你需要设计者角色',
    needDesignerBody: '设计表单、流程、规则和报表（{{path}}）需要设计者（designer）或管理员（admin）角色。你的角色：{{roles}}。',
    needDesignerHelp: '请联系管理员在通讯录中为你添加设计者角色，或前往你的待办。',
    noRoles: '无',
    toInbox: '前往我的待办',
  },
});
