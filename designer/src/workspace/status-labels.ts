import type { Locale } from '@baton/engine';
import { describeEvent } from './timeline/describe-event.js';
import { workspaceMessages } from './workspace-messages.js';

/**
 * A task's status in words, the same on the facts list and in the "can no longer be changed" notice:
 * the decision taken ("approved" / "同意") rather than the raw action key ("approve").
 */
export function taskStatusLabel(task: { status: string; outcome?: string | null }, locale: Locale): string {
  const texts = workspaceMessages[locale];
  if (task.status === 'open') return texts.statusOpen;
  if (task.outcome) return describeEvent({ type: task.status, action: task.outcome }, locale);
  return task.status === 'completed' ? texts.statusCompleted : task.status;
}

/** A request's status in words ("Running" / "进行中"); an unknown status stays as the server sent it. */
export function instanceStatusLabel(status: string, locale: Locale): string {
  const labels = workspaceMessages[locale].instanceStatusOf as Record<string, string>;
  return labels[status] ?? status;
}
