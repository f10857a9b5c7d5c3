import type { FlowDefinition, FlowEdgeDefinition, FlowNodeDefinition, FormDefinition } from '@baton/engine';
import { useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { IssueList } from '../app/errors/error-panel.js';
import type { DisplayIssue } from '../app/errors/to-display-error.js';
import { useLocalized } from '../app/i18n/localized.js';
import { findEntry, useCatalogue } from '../app/registry/registry-context.js';
import { LocalizedTextInput } from '../app/ui/localized-text-input.js';
import { AssigneesEditor, type Assignee } from '../shared/assignees/assignees-editor.js';
import { ConditionBuilder } from '../shared/condition/condition-builder.js';
import { fieldOptions } from '../shared/condition/field-options.js';
import { mergePanelConfig } from '../shared/schema-form/panel-config.js';
import { SchemaForm } from '../shared/schema-form/schema-form.js';
import { AccessMatrix } from './access-matrix.js';
import { GateEditor } from './gate-editor.js';
import { useDesignerChoices } from '../shared/pickers/use-designer-choices.js';
import { renameNode, updateEdge, updateNode, type FlowBody } from './flow-graph.js';
import { SlaEditor } from './sla-editor.js';
import { pickerOptions, type FormOption } from './form-options.js';
import { useFormOptions } from './use-form-options.js';

/** One object for every node without settings, so the generated panel is not handed a new value each render. */
const EMPTY_CONFIG: Record<string, unknown> = {};

type Change = (update: (d: FlowBody) => FlowBody) => void;

function without<T extends object, K extends keyof T>(obj: T, key: K, value: T[K] | undefined): T {
  const next = { ...obj };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

/** User-typed fields of a form, offered as assignee paths ("the manager of employeeId"). */
function personPaths(form: FormDefinition | undefined): string[] {
  return (form?.fields ?? []).filter((f) => ['user', 'department'].includes(f.type.replace(/@.*$/, ''))).map((f) => f.key);
}

/** "Leave request (leave)"; a form never published says it must be published before the flow. */
function formLabel(option: FormOption, t: TFunction<'flows'>): string {
  const name = option.title === option.key ? option.key : t('formOption', { title: option.title, key: option.key });
  return option.draftOnly ? t('formDraftOnly', { form: name }) : name;
}

function FormChoices({ options }: { options: FormOption[] }) {
  const { t } = useTranslation('flows');
  return (
    <>
      {options.map((o) => (
        <option key={o.key} value={o.key} data-draft-only={o.draftOnly || undefined}>
          {formLabel(o, t)}
        </option>
      ))}
    </>
  );
}

function IdInput({ id, onRename }: { id: string; onRename: (to: string) => boolean }) {
  const { t } = useTranslation('flows');
  const [text, setText] = useState(id);
  const [bad, setBad] = useState(false);
  useEffect(() => setText(id), [id]);
  return (
    <label>
      {t('nodeId')}
      <input name="node-id" value={text} aria-invalid={bad} onChange={(e) => setText(e.target.value)} onBlur={() => setBad(text !== id && !onRename(text))} />
      {bad ? <span className="field-error">{t('nodeIdRule')}</span> : null}
    </label>
  );
}

export function NodeProperties({ def, node, index, onChange, onRenamed, issues, forms, formKeys }: { def: FlowBody; node: FlowNodeDefinition; index: number; onChange: Change; onRenamed: (id: string) => void; issues: DisplayIssue[]; forms: Map<string, FormDefinition>; formKeys: string[] }) {
  const { t } = useTranslation('flows');
  const { l } = useLocalized();
  const catalogue = useCatalogue();
  const entry = findEntry(catalogue.nodes, node.type);
  const base = `/nodes/${index}`;
  const gateAt = `${base}/config/gate`;
  const mine = issues.filter((i) => (i.path === base || i.path.startsWith(base + '/')) && !i.path.startsWith(gateAt));
  // An update that hands the node back unchanged leaves the definition as it is (see mergePanelConfig).
  const set = (update: (n: FlowNodeDefinition) => FlowNodeDefinition) =>
    onChange((d) => {
      const current = d.nodes.find((n) => n.id === node.id);
      const next = current ? update(current) : undefined;
      return next === undefined || next === current ? d : (updateNode(d, node.id, () => next) as FlowBody);
    });
  const formKey = node.form?.key ?? def.form;
  const form = formKey ? forms.get(formKey) : undefined;
  const schemaProps = entry?.configSchema && typeof entry.configSchema === 'object' ? ((entry.configSchema as { properties?: Record<string, unknown> }).properties ?? {}) : {};
  const hasAssignees = 'assignees' in schemaProps;
  const hasGate = 'gate' in schemaProps;
  const choices = useDesignerChoices({ kind: 'flow', key: def.key });
  const formList = useFormOptions();
  const takesTasks = hasAssignees || ['approval', 'task'].includes(node.type.replace(/@.*$/, ''));
  const config = node.config ?? EMPTY_CONFIG;
  return (
    <div className="properties" data-testid="node-properties">
      <h2>
        {l(node.name, node.id)} <span className="type-tag">{l(entry?.label, node.type)}</span>
      </h2>
      {mine.length > 0 ? <IssueList issues={mine} /> : null}
      <IdInput
        id={node.id}
        onRename={(to) => {
          const next = renameNode(def, node.id, to);
          if (next === def) return false;
          onChange(() => next as FlowBody);
          onRenamed(to);
          return true;
        }}
      />
      <LocalizedTextInput name="node-name" label={t('nodeName')} value={node.name} onChange={(v) => set((n) => ({ ...n, name: v }))} />
      {hasAssignees ? (
        <AssigneesEditor
          name="node-assignees"
          label={t('assignees')}
          fieldPaths={personPaths(form)}
          value={config.assignees as Assignee[] | undefined}
          onChange={(list) => set((n) => ({ ...n, config: { ...(n.config ?? {}), assignees: list } }))}
        />
      ) : null}
      {entry ? (
        <SchemaForm
          name={`node-config-${node.id}`}
          schema={entry.configSchema}
          value={config}
          omit={[...(hasAssignees ? ['assignees'] : []), ...(hasGate ? ['gate'] : [])]}
          issues={issues}
          issueBase={`${base}/config`}
          fieldPaths={personPaths(form)}
          choices={choices}
          onChange={(next) =>
            set((n) => {
              // The assignees and the gate are edited in their own editors, not in the generated panel: keep them.
              const merged = mergePanelConfig(n.config, next, ['assignees', 'gate']);
              return merged === n.config ? n : without(n, 'config', merged);
            })
          }
        />
      ) : (
        <p className="field-error">{t('unknownNodeType', { type: node.type })}</p>
      )}
      {hasGate ? (
        <GateEditor
          name={`node-gate-${node.id}`}
          value={config.gate}
          fields={fieldOptions(form?.fields)}
          hasForm={form !== undefined}
          issues={issues.filter((i) => i.path.startsWith(gateAt))}
          onChange={(gate) =>
            set((n) => {
              const next: Record<string, unknown> = { ...(n.config ?? {}) };
              if (gate === undefined) delete next.gate;
              else next.gate = gate;
              return without(n, 'config', Object.keys(next).length > 0 ? next : undefined);
            })
          }
        />
      ) : null}
      {takesTasks ? (
        <>
          <h3>{t('formBinding')}</h3>
          <label>
            {t('nodeForm')}
            <select
              name="node-form"
              value={node.form?.key ?? ''}
              onChange={(e) =>
                set((n) => {
                  const binding = { ...(n.form ?? {}) };
                  if (e.target.value === '') delete binding.key;
                  else binding.key = e.target.value;
                  return without(n, 'form', Object.keys(binding).length > 0 ? binding : undefined);
                })
              }
            >
              <option value="">{def.form ? t('flowFormDefault', { form: formLabel(pickerOptions(formList, formKeys, def.form).find((o) => o.key === def.form)!, t) }) : t('noForm')}</option>
              <FormChoices options={pickerOptions(formList, formKeys, node.form?.key)} />
            </select>
          </label>
          <AccessMatrix
            form={form}
            nodeId={node.id}
            value={node.form?.access}
            onChange={(access) =>
              set((n) => {
                const binding = { ...(n.form ?? {}) };
                if (access) binding.access = access;
                else delete binding.access;
                return without(n, 'form', Object.keys(binding).length > 0 ? binding : undefined);
              })
            }
          />
          <SlaEditor value={node.sla} fieldPaths={personPaths(form)} onChange={(sla) => set((n) => without(n, 'sla', sla))} />
        </>
      ) : null}
    </div>
  );
}

export function EdgeProperties({ def, edge, index, onChange, issues, form }: { def: FlowBody; edge: FlowEdgeDefinition; index: number; onChange: Change; issues: DisplayIssue[]; form: FormDefinition | undefined }) {
  const { t } = useTranslation('flows');
  const { l } = useLocalized();
  const catalogue = useCatalogue();
  const base = `/edges/${index}`;
  const mine = issues.filter((i) => i.path === base || i.path.startsWith(base + '/'));
  const set = (update: (e: FlowEdgeDefinition) => FlowEdgeDefinition) => onChange((d) => updateEdge(d, edge.id, update) as FlowBody);
  const source = def.nodes.find((n) => n.id === edge.from);
  const target = def.nodes.find((n) => n.id === edge.to);
  const outputs = findEntry(catalogue.nodes, source?.type ?? '')?.ports?.outputs ?? [];
  return (
    <div className="properties" data-testid="edge-properties">
      <h2>
        {l(source?.name, edge.from)} → {l(target?.name, edge.to)}
      </h2>
      {mine.length > 0 ? <IssueList issues={mine} /> : null}
      <LocalizedTextInput name="edge-label" label={t('edgeLabel')} value={edge.label} onChange={(v) => set((e) => without(e, 'label', Object.keys(v).length > 0 ? v : undefined))} />
      {outputs.length > 1 ? (
        <label>
          {t('edgePort')}
          <select name="edge-port" value={edge.port ?? 'out'} onChange={(e) => set((x) => without(x, 'port', e.target.value === 'out' ? undefined : e.target.value))}>
            {outputs.map((p) => (
              <option key={p.id} value={p.id}>{l(p.label, p.id)}</option>
            ))}
          </select>
        </label>
      ) : null}
      <label className="inline">
        <input type="checkbox" name="edge-default" checked={edge.default === true} onChange={(e) => set((x) => without(x, 'default', e.target.checked ? true : undefined))} />
        {t('edgeDefault')}
      </label>
      <ConditionBuilder name={`edge-${edge.id}`} label={t('edgeCondition')} value={edge.condition} fields={fieldOptions(form?.fields)} onChange={(logic) => set((x) => without(x, 'condition', logic))} />
      {!form ? <p className="muted small">{t('edgeNoForm')}</p> : null}
    </div>
  );
}

export function FlowSettings({ def, onChange, issues, formKeys }: { def: FlowDefinition; onChange: Change; issues: DisplayIssue[]; formKeys: string[] }) {
  const { t } = useTranslation('flows');
  const formList = useFormOptions();
  return (
    <div className="properties" data-testid="flow-settings">
      <h2>{t('flowSettings')}</h2>
      {issues.length > 0 ? <IssueList issues={issues} /> : null}
      <LocalizedTextInput name="flow-title" label={t('flowTitle')} value={def.title} onChange={(v) => onChange((d) => ({ ...d, title: v }))} />
      <label>
        {t('flowForm')}
        <select name="flow-form" value={def.form ?? ''} onChange={(e) => onChange((d) => without(d, 'form', e.target.value === '' ? undefined : e.target.value))}>
          <option value="">{t('noForm')}</option>
          <FormChoices options={pickerOptions(formList, formKeys, def.form)} />
        </select>
      </label>
      <p className="muted small">{t('flowFormHelp')}</p>
      <label>
        {t('timeZone')}
        <input name="flow-time-zone" value={def.timeZone ?? ''} placeholder="Asia/Shanghai" onChange={(e) => onChange((d) => without(d, 'timeZone', e.target.value.trim() === '' ? undefined : e.target.value.trim()))} />
      </label>
      <h3>{t('shortcuts')}</h3>
      <ul className="muted small shortcuts">
        <li>{t('shortcutUndo')}</li>
        <li>{t('shortcutRedo')}</li>
        <li>{t('shortcutCopy')}</li>
        <li>{t('shortcutDelete')}</li>
        <li>{t('shortcutLayout')}</li>
        <li>{t('shortcutConnect')}</li>
      </ul>
    </div>
  );
}
