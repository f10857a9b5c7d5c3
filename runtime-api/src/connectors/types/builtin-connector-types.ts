import type { ConnectorType } from '../connector-type.js';
import { webhookConnector } from '../webhooks/webhook-connector.js';
import { crmRestConnector } from './crm-rest-connector.js';
import { dingtalkRobotConnector } from './dingtalk-robot-connector.js';
import { scimConnector } from './scim-connector.js';
import { smsHttpConnector } from './sms-http-connector.js';
import { smtpConnector } from './smtp-connector.js';
import { wecomRobotConnector } from './wecom-robot-connector.js';

/** The connector types Baton ships; registered the same way a plugin's are. */
export const BUILTIN_CONNECTOR_TYPES: ReadonlyArray<ConnectorType<never>> = [
  webhookConnector,
  scimConnector,
  crmRestConnector,
  dingtalkRobotConnector,
  wecomRobotConnector,
  smsHttpConnector,
  smtpConnector,
] as unknown as ReadonlyArray<ConnectorType<never>>;
