import type { AssigneeFallback, LocalizedText, NotifyEffect } from '@baton/engine';

/**
 * Tells the people a task fell back to why it is theirs (its own assignees had nobody present, or an old
 * row had nobody on it). Written by the runtime, which knows the task's stored id for the link.
 */
export function fallbackNotice(task: { id: string; title: LocalizedText; instanceId: string | null; candidates: string[] }, fallback: AssigneeFallback, key: string): NotifyEffect {
  return {
    type: 'notify',
    key,
    to: fallback.to,
    title: { en: 'A task nobody else could take: {title}', 'zh-CN': '无人可接的待办转给您：{title}' },
    body: {
      en: 'Its assignees ({candidates}) had nobody present, so it went to you ({via}). Do it, or hand it to the right person.',
      'zh-CN': '其办理人（{candidates}）中没有在职人员，因此转给了您（{via}）。请办理，或转交给合适的人。',
    },
    data: { title: task.title, candidates: task.candidates.join(', ') || '-', via: fallback.via },
    link: { ...(task.instanceId ? { instanceId: task.instanceId } : {}), taskId: task.id },
  };
}
