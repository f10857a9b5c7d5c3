import { both, type PanelWords } from './node-schemas.js';

// Panel words shared by the approval and the task node (their task actions and hand-over rules).

/** The task actions by name, as the approver's buttons read. */
export const ACTION_TITLES: Record<string, { en: string; 'zh-CN': string }> = {
  approve: both('Approve', '同意'),
  reject: both('Reject', '驳回'),
  return: both('Return to a previous step', '退回到之前的步骤'),
  delegate: both('Delegate', '委派'),
  transfer: both('Transfer', '转交'),
  'add-signer-before': both('Add an approver before me', '前加签'),
  'add-signer-after': both('Add an approver after me', '后加签'),
  complete: both('Complete', '完成'),
  comment: both('Comment', '评论'),
  resubmit: both('Resubmit', '重新提交'),
};

export const HAND_OVER_WORDS: PanelWords = {
  title: both('Who may be named when handing over', '委派、转交、加签可选的人'),
  description: both('For delegating, transferring and adding an approver.', '用于委派、转交和加签。'),
  enumTitles: {
    anyone: both('Anyone', '任何人'),
    candidates: both('Only people the task was offered to (its roles and departments)', '仅限此任务的候选人（其角色和部门的成员）'),
  },
};

export const COMMENT_REQUIRED_WORDS: PanelWords = {
  title: both('Actions that need a comment', '需要填写意见的操作'),
  description: both('By default rejecting and returning need a reason; an empty list asks for none.', '默认驳回和退回时须填写理由；列表为空则都不需要。'),
};
