import { ALWAYS_ON_BEHALF_ROLE, type FlowDefinition, type FormDefinition, type LocalizedText } from '@baton/engine';
import { useTranslation } from 'react-i18next';
import { useLocalized } from '../app/i18n/localized.js';
import { roleName } from '../workspace/people-directory/role-names.js';
import { starterRoleChoices, starterRoles, withStarterRoles, type ScenarioDraft } from './scenario-builder.js';

export interface SimStarterProps {
  def: FlowDefinition;
  /** The flow's forms: the start form names the subject field. */
  forms: readonly FormDefinition[];
  draft: ScenarioDraft;
  onChange: (update: (draft: ScenarioDraft) => ScenarioDraft) => void;
}

/**
 * Who starts the simulated request and which roles they hold, with the start's rules in words: the subject
 * field, who may start for someone else, the start checks, and what only the runtime can judge (one running
 * request per person). The run judges the rest as the server does (engine judgeSimulatedStart).
 */
export function SimStarter({ def, forms, draft, onChange }: SimStarterProps) {
  const { t } = useTranslation('flows');
  const { l, locale } = useLocalized();
  const choices = starterRoleChoices(def, draft);
  const held = new Set(starterRoles(draft));
  const toggle = (role: string, on: boolean) =>
    onChange((d) => {
      const current = starterRoles(d);
      return withStarterRoles(d, on ? [...new Set([...current, role])] : current.filter((r) => r !== role));
    });
  const subject = def.subject;
  const startForm = forms.find((f) => f.key === def.form);
  const fieldLabel = subject ? l(startForm?.fields.find((f) => f.key === subject.field)?.label as LocalizedText | undefined, subject.field) : '';
  const start = def.nodes.find((n) => n.type === 'start' || n.type.startsWith('start@'));
  const checks = (start?.config as { checks?: Array<{ key: string; message: LocalizedText }> } | undefined)?.checks ?? [];
  const joiner = locale === 'zh-CN' ? '、' : ', ';
  // Administrators may always start for others (engine mayStartOnBehalf): named once, in the sentence itself.
  const onBehalf = subject?.onBehalfRoles?.filter((r) => r !== ALWAYS_ON_BEHALF_ROLE);
  const rules = [
    ...(subject ? [{ key: 'subject', text: t('simSubjectField', { field: fieldLabel }) }] : []),
    ...(onBehalf ? [{ key: 'on-behalf', text: onBehalf.length > 0 ? t('simOnBehalf', { count: onBehalf.length, roles: onBehalf.map((r) => roleName(t, r)).join(joiner) }) : t('simOnBehalfAdminsOnly') }] : []),
    ...checks.map((c) => ({ key: `check-${c.key}`, text: t('simStartCheck', { message: l(c.message, c.key) }) })),
    ...(subject?.oneRunning ? [{ key: 'one-running', text: t('simOneRunning') }] : []),
  ];
  return (
    <section className="sim-starter" data-testid="sim-starter">
      <label>
        {t('simInitiator')}
        <select name="sim-initiator" value={draft.initiator} onChange={(e) => { const initiator = e.target.value; onChange((d) => ({ ...d, initiator })); }}>
          {draft.users.map((u) => (
            <option key={u.id} value={u.id}>{u.id}</option>
          ))}
        </select>
      </label>
      {choices.length > 0 ? (
        <fieldset className="sim-starter-roles" data-testid="sim-starter-roles">
          <legend>{t('simStarterRoles')}</legend>
          {choices.map((role) => (
            <label key={role} className="inline small">
              <input type="checkbox" name={`sim-starter-role-${role}`} value={role} checked={held.has(role)} onChange={(e) => toggle(role, e.target.checked)} /> {roleName(t, role)}
            </label>
          ))}
          <p className="muted small">{t('simStarterRolesHelp')}</p>
        </fieldset>
      ) : null}
      {rules.length > 0 ? (
        <div className="sim-start-rules" data-testid="sim-start-rules">
          <h4>{t('simStartRules')}</h4>
          <ul className="small">
            {rules.map((r) => <li key={r.key} data-rule={r.key}>{r.text}</li>)}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
