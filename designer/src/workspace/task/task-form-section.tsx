import Form from '@rjsf/core';
import type { ErrorSchema, RJSFSchema, UiSchema } from '@rjsf/utils';
import { cfworkerValidator } from '../../shared/schema-form/cfworker-validator.js';
import { sectionData } from './task-form-sections.js';
import { withOwnRows, type OwnRows } from './own-rows-ui.js';
import { WORKSPACE_ROW_BUTTONS } from './row-buttons.js';
import type { TaskForm } from './use-task-form.js';
import { workspaceDefaultFormState, workspaceFields, workspaceUiSchema, workspaceWidgets } from './workspace-widgets.js';

interface Props {
  form: TaskForm;
  idPrefix: string;
  /** The task's whole data; the section shows the fields its form declares. */
  data: Record<string, unknown>;
  errors: ErrorSchema;
  /** The section's fields as rjsf holds them after a change (merged into the task's data by the page). */
  onChange: (fields: Record<string, unknown>) => void;
  testId: string;
  /** An `each` task's own rows: the others' are shown disabled. */
  ownRows?: OwnRows | undefined;
  /** The task's instance: record pickers show the records it names by name (workspace-widgets.tsx). */
  instanceId?: string | undefined;
}

/** One form of a task page (the request, or the step's own form) through the workspace's rjsf set-up. */
export function TaskFormSection({ form, idPrefix, data, errors, onChange, testId, ownRows, instanceId }: Props) {
  const { schema, uiSchema } = form.schemas;
  return (
    <div className="task-form" data-testid={testId}>
      <Form
        idPrefix={idPrefix}
        schema={schema as RJSFSchema}
        uiSchema={{ ...withOwnRows(workspaceUiSchema(uiSchema as UiSchema, schema), ownRows), 'ui:submitButtonOptions': { norender: true } }}
        widgets={workspaceWidgets}
        fields={workspaceFields}
        templates={{ ButtonTemplates: WORKSPACE_ROW_BUTTONS }}
        formData={sectionData(data, schema)}
        formContext={{ form: form.form, data, ...(instanceId ? { instanceId } : {}) }}
        validator={cfworkerValidator}
        extraErrors={errors}
        experimental_defaultFormStateBehavior={workspaceDefaultFormState}
        showErrorList={false}
        noHtml5Validate
        onChange={(e) => onChange(sectionData((e.formData ?? {}) as Record<string, unknown>, schema))}
      />
    </div>
  );
}
