/* Generated from engine/schemas/connector.schema.json by engine/scripts/generate-types.ts. Do not edit: change the schema, then run pnpm --filter @baton/engine gen:types. */

/**
 * A configured integration: a connector type, its config, and references to secrets stored encrypted by the runtime. Secret values never appear in a definition.
 */
export type ConnectorDefinition = {
  kind: 'connector';
  /**
   * Stable machine name: lower-case letters, digits and dashes, starting with a letter.
   */
  key: string;
  version: number;
  title: LocalizedText;
  description?: LocalizedText;
  tags?: string[];
  /**
   * webhook, scim, crm-rest, dingtalk-robot, wecom-robot, sms-http, smtp, or a plugin's type.
   */
  type: string;
  /**
   * Options of the type (validated per type below).
   */
  config?: {
    [k: string]: unknown | undefined;
  };
  /**
   * Secret name -> a reference to a value the runtime stores encrypted. Config templates use them as {{secrets.<name>}}.
   */
  secrets?: {
    /**
     * A secret reference. A plain string is accepted by the schema only so that validation can explain that it must be a reference.
     */
    [k: string]: SecretRef | string | undefined;
  };
  enabled?: boolean;
};
/**
 * A label: one string, or one per locale.
 */
export type LocalizedText =
  | string
  | {
      en?: string;
      'zh-CN'?: string;
    };
/**
 * Builds the body from the action params.
 */
export type JsonLogic = unknown;
/**
 * A JsonLogic expression (any JSON value); operators are checked by the expression compiler.
 */
export type JsonLogic1 = unknown;
/**
 * What an accepted inbound webhook does.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "inbound".
 */
export type Inbound = {
  action: 'start-flow' | 'upsert-record';
  /**
   * Stable machine name: lower-case letters, digits and dashes, starting with a letter.
   */
  flow?: string;
  /**
   * Stable machine name: lower-case letters, digits and dashes, starting with a letter.
   */
  form?: string;
  match?: JsonLogic2;
  map: JsonLogic3;
  /**
   * Payload path of the record id for upsert-record.
   */
  idField?: string;
  /**
   * upsert-record: the directory user (a service account) the webhook writes as; their directory roles must allow writing the form's records (designer, hr, admin or one of the form's writers), as for POST/PATCH /api/records.
   */
  actAs?: string;
};
/**
 * Only payloads for which this holds are accepted.
 */
export type JsonLogic2 = unknown;
/**
 * Builds the flow input or the record from the payload.
 */
export type JsonLogic3 = unknown;
/**
 * A label: one string, or one per locale.
 */
export type LocalizedText1 =
  | string
  | {
      en?: string;
      'zh-CN'?: string;
    };
/**
 * A JsonLogic expression (any JSON value); operators are checked by the expression compiler.
 */
export type JsonLogic4 = unknown;

/**
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "secretRef".
 */
export interface SecretRef {
  /**
   * Name under which the runtime stores the value (PUT /api/connectors/:key).
   */
  secretRef: string;
  description?: LocalizedText;
  required?: boolean;
}
/**
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "retry".
 */
export interface Retry {
  maxAttempts?: number;
  initialDelayMs?: number;
  maxDelayMs?: number;
}
/**
 * Header templates; credentials only through {{secrets.<name>}}.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "headers".
 */
export interface Headers {
  [k: string]: string | undefined;
}
/**
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "restAction".
 */
export interface RestAction {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /**
   * Path template under baseUrl, e.g. "/customers/{{customerId}}".
   */
  path: string;
  headers?: Headers;
  body?: JsonLogic;
  /**
   * Read back after the call; the action fails unless `expect` holds over the response body.
   */
  verify?: {
    method?: 'GET';
    path: string;
    expect: JsonLogic1;
  };
}
/**
 * Standard Webhooks out (signed, CloudEvents body) and/or in (verified, mapped to a flow start or a record).
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "webhookConfig".
 */
export interface WebhookConfig {
  /**
   * Where requests go.
   */
  baseUrl?: string;
  /**
   * Hosts allowed even when they resolve to private or loopback addresses (the SSRF guard refuses those otherwise).
   */
  allowHosts?: string[];
  timeoutMs?: number;
  retry?: Retry;
  /**
   * out: Baton posts signed CloudEvents; in: a system posts to /api/hooks/<key>.
   */
  direction?: 'out' | 'in' | 'both';
  /**
   * Outbound event filters, e.g. "flow.completed", "task.*".
   */
  events?: string[];
  /**
   * Inbound timestamp window; 300 by default.
   */
  toleranceSeconds?: number;
  inbound?: Inbound;
}
/**
 * SCIM 2.0 deprovisioning of one linked system.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "scimConfig".
 */
export interface ScimConfig {
  /**
   * Where requests go.
   */
  baseUrl: string;
  /**
   * Hosts allowed even when they resolve to private or loopback addresses (the SSRF guard refuses those otherwise).
   */
  allowHosts?: string[];
  timeoutMs?: number;
  retry?: Retry;
  system?: LocalizedText1;
  /**
   * How the leaver is found; userName by default.
   */
  match?: 'userName' | 'externalId';
  /**
   * The directory attribute holding the value matched (e.g. "email").
   */
  userAttribute?: string;
  /**
   * PATCH active=false (default) or DELETE.
   */
  deprovision?: 'deactivate' | 'delete';
  /**
   * Read the user back and record the proof; true by default.
   */
  verify?: boolean;
}
/**
 * A configurable REST API (e.g. reassigning a customer's owner).
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "crm-restConfig".
 */
export interface CrmRestConfig {
  /**
   * Where requests go.
   */
  baseUrl: string;
  /**
   * Hosts allowed even when they resolve to private or loopback addresses (the SSRF guard refuses those otherwise).
   */
  allowHosts?: string[];
  timeoutMs?: number;
  retry?: Retry;
  headers?: Headers;
  actions: {
    [k: string]: RestAction | undefined;
  };
}
/**
 * A DingTalk custom group robot (signed with timestamp + secret).
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "dingtalk-robotConfig".
 */
export interface DingtalkRobotConfig {
  /**
   * Where requests go.
   */
  baseUrl?: string;
  /**
   * Hosts allowed even when they resolve to private or loopback addresses (the SSRF guard refuses those otherwise).
   */
  allowHosts?: string[];
  timeoutMs?: number;
  retry?: Retry;
  messageType?: 'markdown' | 'actionCard' | 'text';
  atAll?: boolean;
}
/**
 * A WeCom group robot.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "wecom-robotConfig".
 */
export interface WecomRobotConfig {
  /**
   * Where requests go.
   */
  baseUrl?: string;
  /**
   * Hosts allowed even when they resolve to private or loopback addresses (the SSRF guard refuses those otherwise).
   */
  allowHosts?: string[];
  timeoutMs?: number;
  retry?: Retry;
  messageType?: 'markdown' | 'text';
}
/**
 * A generic HTTP SMS gateway.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "sms-httpConfig".
 */
export interface SmsHttpConfig {
  /**
   * Where requests go.
   */
  baseUrl: string;
  /**
   * Hosts allowed even when they resolve to private or loopback addresses (the SSRF guard refuses those otherwise).
   */
  allowHosts?: string[];
  timeoutMs?: number;
  retry?: Retry;
  method?: 'POST' | 'PUT' | 'GET';
  path?: string;
  headers?: Headers;
  /**
   * The approved SMS signature (签名).
   */
  signName: string;
  /**
   * Message key -> approved template code; SMS in China carries no free text.
   */
  templates: {
    [k: string]: string | undefined;
  };
  body?: JsonLogic4;
}
/**
 * E-mail through an SMTP server.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "smtpConfig".
 */
export interface SmtpConfig {
  host: string;
  port: number;
  /**
   * TLS from the start (port 465); STARTTLS otherwise.
   */
  secure?: boolean;
  from: string;
  fromName?: LocalizedText;
  replyTo?: string;
  /**
   * Hosts allowed even when they resolve to private or loopback addresses (the SSRF guard refuses those otherwise).
   */
  allowHosts?: string[];
  timeoutMs?: number;
  retry?: Retry;
}
