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
 * File name without extension, e.g. "离职证明-{{employeeId | name}}".
 */
export type LocalizedText1 =
  | string
  | {
      en?: string;
      'zh-CN'?: string;
    };
/**
 * Localized text with placeholders: {{field}}, {{table.column}}, {{employeeId.department}} (a directory attribute of a user field), {{$instance.startedAt}}, {{$org.name}}, {{$now}}, with optional filters {{lastWorkingDay | date}}, {{amount | money:CNY}}, {{employeeId | name}}, {{reasonCategory | label}}, {{x | default:—}}.
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
 * This interface was referenced by `DocumentDefinition`'s JSON-Schema
 * via the `definition` "block".
 */
export type Block =
  | {
      type: 'heading';
      visibleIf?: JsonLogic;
      text: LocalizedText2;
      level?: number;
      align?: 'left' | 'center' | 'right' | 'justify';
    }
  | {
      type: 'paragraph';
      visibleIf?: JsonLogic1;
      text: LocalizedText2;
      align?: 'left' | 'center' | 'right' | 'justify';
      /**
       * Indent the first line by two characters (Chinese convention).
       */
      indent?: boolean;
    }
  | {
      type: 'fields';
      visibleIf?: JsonLogic2;
      /**
       * Label/value pairs per line.
       */
      columns?: number;
      /**
       * @minItems 1
       */
      items: {
        label: LocalizedText;
        value: LocalizedText2;
      }[];
    }
  | {
      type: 'table';
      visibleIf?: JsonLogic3;
      /**
       * The sub-table field whose rows become table rows. Placeholders in columns name the row's columns; "$parent.<field>" names a field of the whole form.
       */
      rows: string;
      /**
       * @minItems 1
       */
      columns: TableColumn[];
      caption?: LocalizedText2;
      emptyText?: LocalizedText;
      /**
       * Adds a first column with the row number.
       */
      numbered?: boolean;
    }
  | {
      type: 'signature';
      visibleIf?: JsonLogic4;
      label: LocalizedText;
      signer?: LocalizedText4;
      /**
       * A signature field whose captured image is drawn; a blank line when omitted.
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
      visibleIf?: JsonLogic5;
      label: LocalizedText;
      organization?: LocalizedText5;
      /**
       * Asset key of the seal image; a placeholder circle when omitted.
       */
      image?: string;
      date?: LocalizedText2;
      align?: 'left' | 'center' | 'right' | 'justify';
    }
  | {
      type: 'image';
      visibleIf?: JsonLogic6;
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
      visibleIf?: JsonLogic7;
      /**
       * Millimetres.
       */
      height: number;
    }
  | {
      type: 'page-break';
      visibleIf?: JsonLogic8;
    };
/**
 * Rendered only while this holds over the data.
 */
export type JsonLogic = unknown;
/**
 * Rendered only while this holds over the data.
 */
export type JsonLogic1 = unknown;
/**
 * Rendered only while this holds over the data.
 */
export type JsonLogic2 = unknown;
/**
 * Rendered only while this holds over the data.
 */
export type JsonLogic3 = unknown;
/**
 * Rendered only while this holds over the data.
 */
export type JsonLogic4 = unknown;
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
 * Rendered only while this holds over the data.
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
 * Rendered only while this holds over the data.
 */
export type JsonLogic6 = unknown;
/**
 * Rendered only while this holds over the data.
 */
export type JsonLogic7 = unknown;
/**
 * Rendered only while this holds over the data.
 */
export type JsonLogic8 = unknown;
/**
 * A label: one string, or one per locale.
 *
 * This interface was referenced by `DocumentDefinition`'s JSON-Schema
 * via the `definition` "template".
 */
export type LocalizedText6 =
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
   * The languages it is rendered in; a bilingual document prints both.
   *
   * @minItems 1
   */
  locales?: ('en' | 'zh-CN')[];
  fileName?: LocalizedText1;
  page?: Page;
  header?: LocalizedText2;
  footer?: LocalizedText3;
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
  watermark?: LocalizedText2;
}
/**
 * This interface was referenced by `DocumentDefinition`'s JSON-Schema
 * via the `definition` "tableColumn".
 */
export interface TableColumn {
  header: LocalizedText;
  value: LocalizedText2;
  /**
   * Relative width.
   */
  width?: number;
  align?: 'left' | 'center' | 'right';
}
