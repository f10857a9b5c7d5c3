import type { CompiledFlow, CompiledForm, FlowCommand, FlowState } from '@baton/engine';
import type { CommandEnv } from '../execution/execution-services.js';
import { checkFileReferences, linkFiles, type FileSubject } from '../files/file-references.js';
import { stampSignatures } from '../files/signature-stamps.js';
import { SecretCodec } from './secret-codec.js';

/**
 * Form data on its way in: signatures stamped, file references checked, secret fields sealed. Every write of submitted data
 * (instance start, task data, records, rule tasks) goes through one, so plaintext secrets never reach
 * the engine's state, history, tasks or outbox, and no one attaches a file they may not.
 */
export interface SubmissionGuard {
  /** The submission as it may be stored or handed to the engine: masks resolved, secrets sealed. */
  readonly data: Record<string, unknown>;
  /** A form whose validate sees the clear secret values (data and previous). */
  openForm(form: CompiledForm): CompiledForm;
  /** Seals clear values in data that was validated through openForm. */
  seal(data: Record<string, unknown>): Record<string, unknown>;
  /** Links the files the submission added to its subject (same transaction). */
  link(): Promise<void>;
}

function union(forms: readonly CompiledForm[], pick: (form: CompiledForm) => readonly string[]): string[] {
  return [...new Set(forms.flatMap(pick))];
}

export async function guardSubmission(
  env: CommandEnv,
  subject: FileSubject,
  forms: readonly CompiledForm[],
  input: Record<string, unknown>,
  previous: Record<string, unknown>,
): Promise<SubmissionGuard> {
  const secretPaths = union(forms, (f) => f.secretPaths);
  // New or changed signatures carry the server's time and the actor, never the browser's claim.
  const submitted = await stampSignatures(
    env.trx,
    { actor: env.actor, now: env.now, locale: env.locale },
    input,
    previous,
    union(forms, (f) => f.signaturePaths),
  );
  const fileIds = await checkFileReferences(
    env.trx,
    { actor: env.actor, subject, locale: env.locale },
    submitted,
    previous,
    union(forms, (f) => f.attachmentPaths),
  );
  const box = env.services.secrets;
  if (secretPaths.length > 0 && !box) throw new Error('secret fields need the app secret box: executionServices() was created without it');
  const codec = box ? new SecretCodec(box, `${subject.kind}:${subject.id}`, secretPaths) : undefined;
  return {
    data: codec ? codec.sealSubmitted(submitted, previous) : submitted,
    openForm: (form) => (codec ? codec.openingForm(form) : form),
    seal: (data) => (codec ? codec.seal(data) : data),
    link: () => linkFiles(env.trx, subject, fileIds, env.actor),
  };
}

/** The start data of a new instance, against the flow's start form. */
export async function guardStart(env: CommandEnv, flow: CompiledFlow, instanceId: string, data: Record<string, unknown>): Promise<SubmissionGuard> {
  const formKey = flow.definition.form;
  const form = formKey ? await env.services.definitions.form(env.trx, formKey) : undefined;
  return guardSubmission(env, { kind: 'instance', id: instanceId }, form ? [form.compiled] : [], data, {});
}

export interface GuardedCommand {
  command: FlowCommand;
  formOf: (formKey: string | undefined) => CompiledForm | undefined;
  link(): Promise<void>;
}

/**
 * A flow command on an instance: a completeTask's data is checked and sealed against the flow's form and
 * the task's, and the engine's validation hook is given forms that see the clear values. A command the
 * engine will refuse anyway (no such open task, not an assignee, an action not offered) loses its data
 * here, so nothing unsealed can slip through on that path either.
 */
export async function guardFlowCommand(
  env: CommandEnv,
  instanceId: string,
  command: FlowCommand,
  state: FlowState,
  formOf: (formKey: string | undefined) => CompiledForm | undefined,
): Promise<GuardedCommand> {
  const none: GuardedCommand = { command, formOf, link: async () => undefined };
  if (command.type !== 'completeTask' || !command.data || Object.keys(command.data).length === 0) return none;
  const task = state.tasks.find((t) => t.id === command.taskId);
  if (!task || task.status !== 'open' || !task.assignees.includes(command.by) || !task.actions.includes(command.action)) {
    const { data: _dropped, ...withoutData } = command;
    return { ...none, command: withoutData };
  }
  const forms = [...new Set([formOf(undefined), formOf(task.formKey)].filter((f): f is CompiledForm => f !== undefined))];
  const guard = await guardSubmission(env, { kind: 'instance', id: instanceId }, forms, command.data, state.data as Record<string, unknown>);
  return {
    command: { ...command, data: guard.data },
    formOf: (key) => {
      const form = formOf(key);
      return form && guard.openForm(form);
    },
    link: guard.link,
  };
}
