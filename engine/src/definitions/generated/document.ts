/* Generated from engine/schemas/document.schema.json by engine/scripts/generate-types.ts. Do not edit: change the schema, then run pnpm --filter @baton/engine gen:types. */

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
 * A label: one string, or one per locale.
 */
export type LocalizedText1 =
  | string
  | {
      en?: string;
      'zh-CN'?: string;
    };
/**
 * File name without extension, e.g. "离职证明-{{employeeId | name}}".
 */
export type LocalizedText2 =
  | string
  | {
      en?: string;
      'zh-CN'?: string;
    };
/**
 * Localized text with placeholders: {{field}}, {{table.column}}, {{employeeId.department}} (a directory attribute of a user field), {{$instance.startedAt}}, {{$org.name}}, {{$now}}, with optional filters {{lastWorkingDay | date}}, {{amount | money:CNY}}, {{employeeId | name}}, {{reasonCategory | label}}, {{x | default:—}}.
 */
export type LocalizedText3 =
  | string
  | {
      en?: string;
      'zh-CN'?: string;
    };
/**
 * A JsonLogic expression (any JSON value); operators are checked by the expression compiler.
 */
export type JsonLogic = unknown;
/**
 * Localized text with placeholders: {{field}}, {{table.column}}, {{employeeId.department}} (a directory attribute of a user field), {{$instance.startedAt}}, {{$org.name}}, {{$now}}, with optional filters {{lastWorkingDay | date}}, {{amount | money:CNY}}, {{employeeId | name}}, {{reasonCategory | label}}, {{x | default:—}}.
 */
export type LocalizedText4 =
  | string
  | {
      en?: string;
      'zh-CN'?: string;
    };
/**
 * This interface was referenced by `DocumentDefinition`'s JSON-Schema
 * via the `definition` "block".
 */
export type Block =
  | {
      type: 'heading';
      visibleIf?: JsonLogic1;
      text: LocalizedText3;
      level?: number;
      align?: 'left' | 'center' | 'right' | 'justify';
    }
  | {
      type: 'paragraph';
      visibleIf?: JsonLogic2;
      text: LocalizedText3;
      align?: 'left' | 'center' | 'right' | 'justify';
      /**
       * Indent the first line by two characters (Chinese convention).
       */
      indent?: boolean;
    }
  | {
      type: 'fields';
      visibleIf?: JsonLogic3;
      /**
       * Label/value pairs per line.
       */
      columns?: number;
      /**
       * @minItems 1
       */
      items: {
        label: LocalizedText;
        value: LocalizedText3;
      }[];
    }
  | {
      type: 'table';
      visibleIf?: JsonLogic4;
      /**
       * The sub-table field whose rows become table rows, or "$tasks" for the instance's tasks (nodeId, node, title, status, outcome, assignees, completedBy, completedAt, createdAt, comment). Placeholders in columns name the row's columns; "$parent.<field>" names a field of the whole form.
       */
      rows: string | '$tasks';
      /**
       * Who confirmed each row and when, from the instance's tasks at a flow node: a row's confirmation is the task at `node` completed by (or assigned to) the user in the row's `by` column. Columns read it as {{$confirmation.status}}, {{$confirmation.by | name}}, {{$confirmation.at | datetime}}, {{$confirmation.comment}}.
       */
      confirmation?: {
        /**
         * A field or node id usable in expressions: letters, digits and underscores.
         */
        node: string;
        /**
         * A field or node id usable in expressions: letters, digits and underscores.
         */
        by?: string;
      };
      /**
       * @minItems 1
       */
      columns: TableColumn[];
      caption?: LocalizedText3;
      emptyText?: LocalizedText;
      /**
       * Adds a first column with the row number.
       */
      numbered?: boolean;
    }
  | {
      type: 'signature';
      visibleIf?: JsonLogic5;
      label: LocalizedText;
      signer?: LocalizedText5;
      /**
       * A field or node id usable in expressions: letters, digits and underscores.
       */
      field?: string;
      /**
       * Prints a date line under the signature.
       */
      dated?: boolean;
      align?: 'left' | 'center' | 'right' | 'justify';
    }
  | {
      type: 'seal';
      visibleIf?: JsonLogic6;
      label: LocalizedText;
      organization?: LocalizedText6;
      /**
       * Asset key of the seal image; a placeholder circle when omitted.
       */
      image?: string;
      date?: LocalizedText3;
      align?: 'left' | 'center' | 'right' | 'justify';
    }
  | {
      type: 'image';
      visibleIf?: JsonLogic7;
      /**
       * Asset key or data: URI.
       */
      src: string;
      /**
       * Millimetres.
       */
      width?: number;
      align?: 'left' | 'center' | 'right' | 'justify';
    }
  | {
      type: 'spacer';
      visibleIf?: JsonLogic8;
      /**
       * Millimetres.
       */
      height: number;
    }
  | {
      type: 'page-break';
      visibleIf?: JsonLogic9;
    };
/**
 * A JsonLogic expression (any JSON value); operators are checked by the expression compiler.
 */
export type JsonLogic1 = unknown;
/**
 * A JsonLogic expression (any JSON value); operators are checked by the expression compiler.
 */
export type JsonLogic2 = unknown;
/**
 * A JsonLogic expression (any JSON value); operators are checked by the expression compiler.
 */
export type JsonLogic3 = unknown;
/**
 * A JsonLogic expression (any JSON value); operators are checked by the expression compiler.
 */
export type JsonLogic4 = unknown;
/**
 * A JsonLogic expression (any JSON value); operators are checked by the expression compiler.
 */
export type JsonLogic5 = unknown;
/**
 * Localized text with placeholders: {{field}}, {{table.column}}, {{employeeId.department}} (a directory attribute of a user field), {{$instance.startedAt}}, {{$org.name}}, {{$now}}, with optional filters {{lastWorkingDay | date}}, {{amount | money:CNY}}, {{employeeId | name}}, {{reasonCategory | label}}, {{x | default:—}}.
 */
export type LocalizedText5 =
  | string
  | {
      en?: string;
      'zh-CN'?: string;
    };
/**
 * A JsonLogic expression (any JSON value); operators are checked by the expression compiler.
 */
export type JsonLogic6 = unknown;
/**
 * Localized text with placeholders: {{field}}, {{table.column}}, {{employeeId.department}} (a directory attribute of a user field), {{$instance.startedAt}}, {{$org.name}}, {{$now}}, with optional filters {{lastWorkingDay | date}}, {{amount | money:CNY}}, {{employeeId | name}}, {{reasonCategory | label}}, {{x | default:—}}.
 */
export type LocalizedText6 =
  | string
  | {
      en?: string;
      'zh-CN'?: string;
    };
/**
 * A JsonLogic expression (any JSON value); operators are checked by the expression compiler.
 */
export type JsonLogic7 = unknown;
/**
 * A JsonLogic expression (any JSON value); operators are checked by the expression compiler.
 */
export type JsonLogic8 = unknown;
/**
 * A JsonLogic expression (any JSON value); operators are checked by the expression compiler.
 */
export type JsonLogic9 = unknown;
/**
 * A label: one string, or one per locale.
 *
 * This interface was referenced by `DocumentDefinition`'s JSON-Schema
 * via the `definition` "template".
 */
export type LocalizedText7 =
  | string
  | {
      en?: string;
      'zh-CN'?: string;
    };

/**
 * A document template (leaving certificate, handover checklist): localized blocks with {{placeholders}} filled from a form's data and the instance, rendered to PDF.
 */
export interface DocumentDefinition {
  kind: 'document';
  /**
   * Stable machine name: lower-case letters, digits and dashes, starting with a letter.
   */
  key: string;
  version: number;
  title: LocalizedText;
  description?: LocalizedText;
  tags?: string[];
  /**
   * Stable machine name: lower-case letters, digits and dashes, starting with a letter.
   */
  form?: string;
  /**
   * Stable machine name: lower-case letters, digits and dashes, starting with a letter.
   */
  flow?: string;
  /**
   * pdf by default.
   */
  format?: 'pdf' | 'html';
  /**
   * Who may render it, among those who may see the instance: "subject" (the person it is about), "initiator", "participants" (every task assignee) or role names; HR and admins always may. Default: whoever may see the instance. A leaving certificate carries an ID number, so it names ["subject", "initiator"].
   */
  readers?: string[];
  /**
   * When the document is issued: "completed" = once the instance has completed (not when rejected or cancelled). It is then rendered once, stored with its sha256 and served as those same bytes ever after. Before that the runtime answers 409 BATON_E_DOCUMENT_NOT_ISSUED (or the draft, see draft). Unset: rendered live on every request, whatever the instance's state.
   */
  issueAt?: 'completed';
  /**
   * With issueAt: before the document is issued, a live draft is rendered on request, marked with this watermark on every page (and never stored). Without draft, nothing exists before issue.
   */
  draft?: {
    watermark: LocalizedText1;
  };
  /**
   * The languages it is rendered in; a bilingual document prints both.
   *
   * @minItems 1
   */
  locales?: ('en' | 'zh-CN')[];
  fileName?: LocalizedText2;
  page?: Page;
  /**
   * Named values computed with JsonLogic over the data (with $instance, $org, $now and $tasks beside the form's fields), usable in templates as {{$values.<name>}}, e.g. the years of service.
   */
  values?: {
    [k: string]: JsonLogic | undefined;
  };
  header?: LocalizedText3;
  footer?: LocalizedText4;
  /**
   * @minItems 1
   */
  body: Block[];
}
/**
 * This interface was referenced by `DocumentDefinition`'s JSON-Schema
 * via the `definition` "page".
 */
export interface Page {
  size?: 'A4' | 'A5' | 'B5' | 'Letter' | 'Legal';
  orientation?: 'portrait' | 'landscape';
  /**
   * Millimetres.
   */
  margins?: {
    top?: number;
    right?: number;
    bottom?: number;
    left?: number;
  };
  /**
   * Body text size in points.
   */
  fontSize?: number;
  watermark?: LocalizedText3;
}
/**
 * This interface was referenced by `DocumentDefinition`'s JSON-Schema
 * via the `definition` "tableColumn".
 */
export interface TableColumn {
  header: LocalizedText;
  value: LocalizedText3;
  /**
   * Relative width.
   */
  width?: number;
  align?: 'left' | 'center' | 'right';
}
