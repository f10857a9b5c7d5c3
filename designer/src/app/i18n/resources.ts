import { dashboardMessages } from '../../dashboard/dashboard-messages.js';
import { definitionsMessages } from '../../definitions/definitions-messages.js';
import { formsMessages } from '../../forms/forms-messages.js';
import { flowsMessages } from '../../flows/flows-messages.js';
import { packsMessages } from '../../packs/packs-messages.js';
import { reportsMessages } from '../../reports/reports-messages.js';
import { rulesMessages } from '../../rules/rules-messages.js';
import { accessMessages } from '../access/access-messages.js';
import { commonMessages } from './common-messages.js';
import { pickersMessages } from '../../shared/pickers/pickers-messages.js';
import type { AreaMessages } from './messages.js';
import { shellMessages } from './shell-messages.js';
import { schemaLabelMessages } from '../../shared/schema-form/schema-labels.js';
import { workspaceMessages } from '../../workspace/workspace-messages.js';
import { evidenceMessages } from '../../workspace/evidence/evidence-messages.js';
import { deliveryMessages } from '../../workspace/timeline/delivery-messages.js';
import { peopleDirectoryMessages } from '../../workspace/people-directory/people-directory-messages.js';
import { notificationsMessages } from '../../notifications/notifications-messages.js';
import { connectorsMessages } from '../../connectors/connectors-messages.js';
import { templatesMessages } from '../../templates/templates-messages.js';

/** Every area's strings by i18next namespace. A new area adds its own `<area>-messages.ts` here. */
export const AREA_MESSAGES: Record<string, AreaMessages> = {
  common: commonMessages,
  shell: shellMessages,
  definitions: definitionsMessages,
  forms: formsMessages,
  flows: flowsMessages,
  rules: rulesMessages,
  reports: reportsMessages,
  packs: packsMessages,
  schemaLabels: schemaLabelMessages,
  workspace: workspaceMessages,
  dashboard: dashboardMessages,
  evidence: evidenceMessages,
  delivery: deliveryMessages,
  notifications: notificationsMessages,
  access: accessMessages,
  pickers: pickersMessages,
  peopleDirectory: peopleDirectoryMessages,
  connectors: connectorsMessages,
  templates: templatesMessages,
};
