/* Generated from engine/schemas/report.schema.json by engine/scripts/generate-types.ts. Do not edit: change the schema, then run pnpm --filter @baton/engine gen:types. */

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
 * This interface was referenced by `ReportDefinition`'s JSON-Schema
 * via the `definition` "nodeId".
 */
export type NodeId = string;
/**
 * A domain event type such as "flow.started", "node.entered", "task.completed".
 *
 * This interface was referenced by `ReportDefinition`'s JSON-Schema
 * via the `definition` "eventType".
 */
export type EventType = string;
/**
 * This interface was referenced by `ReportDefinition`'s JSON-Schema
 * via the `definition` "measure".
 */
export type Measure =
  | {
      op: 'count';
      /**
       * A field or node id usable in expressions: letters, digits and underscores.
       */
      key: string;
      label: LocalizedText;
      description?: LocalizedText;
      /**
       * Only rows matching all of these count towards this measure.
       */
      filters?: Filter[];
      format?: ValueFormat;
    }
  | {
      op: 'distinct-count';
      /**
       * A field or node id usable in expressions: letters, digits and underscores.
       */
      key: string;
      label: LocalizedText;
      description?: LocalizedText;
      /**
       * Only rows matching all of these count towards this measure.
       */
      filters?: Filter[];
      format?: ValueFormat;
      field: FieldRef;
    }
  | {
      op: 'sum';
      /**
       * A field or node id usable in expressions: letters, digits and underscores.
       */
      key: string;
      label: LocalizedText;
      description?: LocalizedText;
      /**
       * Only rows matching all of these count towards this measure.
       */
      filters?: Filter[];
      format?: ValueFormat;
      field: FieldRef;
    }
  | {
      op: 'avg';
      /**
       * A field or node id usable in expressions: letters, digits and underscores.
       */
      key: string;
      label: LocalizedText;
      description?: LocalizedText;
      /**
       * Only rows matching all of these count towards this measure.
       */
      filters?: Filter[];
      format?: ValueFormat;
      field: FieldRef;
    }
  | {
      op: 'min';
      /**
       * A field or node id usable in expressions: letters, digits and underscores.
       */
      key: string;
      label: LocalizedText;
      description?: LocalizedText;
      /**
       * Only rows matching all of these count towards this measure.
       */
      filters?: Filter[];
      format?: ValueFormat;
      field: FieldRef;
    }
  | {
      op: 'max';
      /**
       * A field or node id usable in expressions: letters, digits and underscores.
       */
      key: string;
      label: LocalizedText;
      description?: LocalizedText;
      /**
       * Only rows matching all of these count towards this measure.
       */
      filters?: Filter[];
      format?: ValueFormat;
      field: FieldRef;
    }
  | {
      op: 'ratio';
      /**
       * A field or node id usable in expressions: letters, digits and underscores.
       */
      key: string;
      label: LocalizedText;
      description?: LocalizedText;
      /**
       * Only rows matching all of these count towards this measure.
       */
      filters?: Filter[];
      format?: ValueFormat;
      /**
       * A field or node id usable in expressions: letters, digits and underscores.
       */
      numerator: string;
      /**
       * A field or node id usable in expressions: letters, digits and underscores.
       */
      denominator: string;
      /**
       * Multiplier, e.g. 100 for a percentage; 1 by default.
       */
      scale?: number;
    }
  | {
      op: 'duration';
      /**
       * A field or node id usable in expressions: letters, digits and underscores.
       */
      key: string;
      label: LocalizedText;
      description?: LocalizedText;
      /**
       * Only rows matching all of these count towards this measure.
       */
      filters?: Filter[];
      format?: ValueFormat;
      from: Instant;
      to: Instant;
      unit: 'minutes' | 'hours' | 'days' | 'business-hours' | 'business-days';
      stat: 'avg' | 'p50' | 'p90' | 'min' | 'max' | 'sum';
    }
  | {
      op: 'headcount';
      /**
       * A field or node id usable in expressions: letters, digits and underscores.
       */
      key: string;
      label: LocalizedText;
      description?: LocalizedText;
      /**
       * Only rows matching all of these count towards this measure.
       */
      filters?: Filter[];
      format?: ValueFormat;
      /**
       * Average over the period (mean of its start and end), the count on its first or last day, or everyone employed at some time during it (on its first day or hired during it: the denominator an attrition rate needs, never below its leavers).
       */
      stat: 'average' | 'period-start' | 'period-end' | 'during-period';
    };
/**
 * A column of the dataset: a form field ("reasonCategory"), a sub-table column ("customers.successorId"), a directory attribute of a user field ("employeeId.department"), or a system column starting with "$" ("$createdAt").
 *
 * This interface was referenced by `ReportDefinition`'s JSON-Schema
 * via the `definition` "fieldRef".
 */
export type FieldRef = string;
/**
 * A literal, a parameter ({ "param": key }), a date relative to the report date ({ "relative": duration }), or for "between" an array of two of those.
 *
 * This interface was referenced by `ReportDefinition`'s JSON-Schema
 * via the `definition` "filterValue".
 */
export type FilterValue =
  | (string | number | boolean | null)
  | {
      /**
       * A field or node id usable in expressions: letters, digits and underscores.
       */
      param: string;
    }
  | {
      relative: RelativeDate;
    }
  | (
      | (string | number | boolean | null)
      | {
          /**
           * A field or node id usable in expressions: letters, digits and underscores.
           */
          param: string;
        }
      | {
          relative: RelativeDate;
        }
    )[];
/**
 * A point in time of an instance: an event (optionally of one node), or a date field.
 *
 * This interface was referenced by `ReportDefinition`'s JSON-Schema
 * via the `definition` "instant".
 */
export type Instant =
  | {
      event: EventType;
      node?: NodeId;
      /**
       * Which occurrence when the event repeats; first by default.
       */
      occurrence?: 'first' | 'last';
    }
  | {
      field: FieldRef;
    };
/**
 * This interface was referenced by `ReportDefinition`'s JSON-Schema
 * via the `definition` "dimension".
 */
export type Dimension =
  | {
      kind: 'field';
      /**
       * A field or node id usable in expressions: letters, digits and underscores.
       */
      key: string;
      label?: LocalizedText;
      description?: LocalizedText;
      field: FieldRef;
      /**
       * Display labels per value (e.g. exit-reason codes).
       */
      labels?: {
        [k: string]: LocalizedText | undefined;
      };
      topN?: TopN;
    }
  | {
      kind: 'date';
      /**
       * A field or node id usable in expressions: letters, digits and underscores.
       */
      key: string;
      label?: LocalizedText;
      description?: LocalizedText;
      field: FieldRef;
      bucket: 'day' | 'week' | 'month' | 'quarter' | 'year';
      timeZone?: TimeZone;
      /**
       * First day of a week bucket; monday by default.
       */
      weekStart?: 'monday' | 'sunday';
    }
  | {
      kind: 'tenure';
      /**
       * A field or node id usable in expressions: letters, digits and underscores.
       */
      key: string;
      label?: LocalizedText;
      description?: LocalizedText;
      /**
       * A column of the dataset: a form field ("reasonCategory"), a sub-table column ("customers.successorId"), a directory attribute of a user field ("employeeId.department"), or a system column starting with "$" ("$createdAt").
       */
      from: string;
      /**
       * A column of the dataset: a form field ("reasonCategory"), a sub-table column ("customers.successorId"), a directory attribute of a user field ("employeeId.department"), or a system column starting with "$" ("$createdAt").
       */
      to?: string;
      /**
       * Bands in ascending order; each runs from the previous band's upper bound.
       *
       * @minItems 1
       */
      bands: TenureBand[];
    }
  | {
      kind: 'department';
      /**
       * A field or node id usable in expressions: letters, digits and underscores.
       */
      key: string;
      label?: LocalizedText;
      description?: LocalizedText;
      /**
       * A column of the dataset: a form field ("reasonCategory"), a sub-table column ("customers.successorId"), a directory attribute of a user field ("employeeId.department"), or a system column starting with "$" ("$createdAt").
       */
      field: string;
      /**
       * Roll up to the ancestor at this depth of the department tree (1 = top level); the department itself when omitted.
       */
      level?: number;
      /**
       * Only this department and its descendants.
       */
      root?: string;
      topN?: TopN;
    }
  | {
      kind: 'words';
      /**
       * A field or node id usable in expressions: letters, digits and underscores.
       */
      key: string;
      label?: LocalizedText;
      description?: LocalizedText;
      field: FieldRef;
      /**
       * Words to ignore besides the built-in zh-CN and en stop words.
       */
      stopWords?: string[];
      /**
       * Ignore shorter words (in characters); 2 by default.
       */
      minLength?: number;
      /**
       * Keep the most frequent N words; 50 by default.
       */
      top?: number;
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
 * An IANA time zone such as "Asia/Shanghai".
 *
 * This interface was referenced by `ReportDefinition`'s JSON-Schema
 * via the `definition` "timeZone".
 */
export type TimeZone = string;

/**
 * A report: a dataset, measures, dimensions, filters and parameters, compiled by the engine into a dialect-free query model, plus how to chart it.
 */
export interface ReportDefinition {
  kind: 'report';
  /**
   * Stable machine name: lower-case letters, digits and dashes, starting with a letter.
   */
  key: string;
  version: number;
  title: LocalizedText;
  description?: LocalizedText;
  tags?: string[];
  dataset:
    | {
        source: 'form';
        /**
         * Stable machine name: lower-case letters, digits and dashes, starting with a letter.
         */
        form: string;
        /**
         * A sub-table field: one row of the dataset per sub-table row (e.g. each customer handed over); its columns are named "table.column".
         */
        rows?: string;
      }
    | {
        source: 'flow-instances';
        /**
         * Stable machine name: lower-case letters, digits and dashes, starting with a letter.
         */
        flow?: string;
      }
    | {
        source: 'tasks';
        /**
         * Stable machine name: lower-case letters, digits and dashes, starting with a letter.
         */
        flow?: string;
        node?: NodeId;
      }
    | {
        source: 'history';
        /**
         * Stable machine name: lower-case letters, digits and dashes, starting with a letter.
         */
        flow?: string;
        /**
         * Only these event types.
         *
         * @minItems 1
         */
        events?: EventType[];
      }
    | {
        source: 'steps';
        /**
         * Stable machine name: lower-case letters, digits and dashes, starting with a letter.
         */
        flow?: string;
        /**
         * Only visits of these nodes.
         *
         * @minItems 1
         */
        nodes?: NodeId[];
      }
    | {
        source: 'directory';
      };
  /**
   * Values the viewer picks (period, department …); filters refer to them as { "param": key }.
   */
  parameters?: Parameter[];
  /**
   * @minItems 1
   */
  measures: Measure[];
  dimensions?: Dimension[];
  /**
   * Rows must match all of these.
   */
  filters?: Filter[];
  /**
   * A JsonLogic condition rows must also match (a subset that maps to SQL: ==, !=, <, <=, >, >= (three operands for between), in (with a list), and, or, !). Fields are { "var": "field" }, parameters { "var": "$params.key" }.
   */
  where?: {
    [k: string]: unknown | undefined;
  };
  sort?: {
    /**
     * A field or node id usable in expressions: letters, digits and underscores.
     */
    by: string;
    direction?: 'asc' | 'desc';
  }[];
  limit?: number;
  chart?: Chart;
  /**
   * Clicking a bar lists the rows behind it with these columns.
   */
  drillDown?: {
    /**
     * @minItems 1
     */
    columns: FieldRef[];
  };
  /**
   * Who may open the report; rows are further limited by the viewer's own permissions.
   */
  access?: {
    roles?: string[];
    /**
     * Holders of these roles see totals over all rows (not only rows they may see one by one); drill-down still lists only rows they may see.
     */
    aggregate?: boolean;
  };
}
/**
 * This interface was referenced by `ReportDefinition`'s JSON-Schema
 * via the `definition` "parameter".
 */
export interface Parameter {
  /**
   * A field or node id usable in expressions: letters, digits and underscores.
   */
  key: string;
  label: LocalizedText;
  type: 'string' | 'number' | 'boolean' | 'date' | 'department' | 'user' | 'select';
  options?: {
    value: string | number;
    label: LocalizedText;
  }[];
  multiple?: boolean;
  required?: boolean;
  /**
   * A value of the parameter's type, or { "relative": … } for a date.
   */
  default?: {
    [k: string]: unknown | undefined;
  };
}
/**
 * This interface was referenced by `ReportDefinition`'s JSON-Schema
 * via the `definition` "filter".
 */
export interface Filter {
  field: FieldRef;
  op:
    | 'eq'
    | 'ne'
    | 'in'
    | 'not-in'
    | 'gt'
    | 'gte'
    | 'lt'
    | 'lte'
    | 'between'
    | 'contains'
    | 'is-empty'
    | 'not-empty'
    | 'within-department';
  value?: FilterValue;
}
/**
 * E.g. { "amount": -12, "unit": "months", "startOf": "month" } for the start of the month a year ago.
 *
 * This interface was referenced by `ReportDefinition`'s JSON-Schema
 * via the `definition` "relativeDate".
 */
export interface RelativeDate {
  amount: number;
  unit: 'days' | 'weeks' | 'months' | 'quarters' | 'years';
  startOf?: 'day' | 'week' | 'month' | 'quarter' | 'year';
}
/**
 * This interface was referenced by `ReportDefinition`'s JSON-Schema
 * via the `definition` "valueFormat".
 */
export interface ValueFormat {
  style?: 'number' | 'percent' | 'currency' | 'duration';
  decimals?: number;
  currency?: string;
}
/**
 * Keep the n values of this dimension with the largest "by" measure over the whole result and group every other value as one "Other" (其他) value. Computed in the report query, so totals stay right and a chart of many categories stays readable.
 *
 * This interface was referenced by `ReportDefinition`'s JSON-Schema
 * via the `definition` "topN".
 */
export interface TopN {
  /**
   * How many values to keep besides Other.
   */
  n: number;
  /**
   * A field or node id usable in expressions: letters, digits and underscores.
   */
  by?: string;
  otherLabel?: LocalizedText1;
}
/**
 * This interface was referenced by `ReportDefinition`'s JSON-Schema
 * via the `definition` "tenureBand".
 */
export interface TenureBand {
  /**
   * A field or node id usable in expressions: letters, digits and underscores.
   */
  key: string;
  label: LocalizedText;
  /**
   * Upper bound (exclusive) in months; the last band may omit it.
   */
  below?: number;
}
/**
 * How the designer draws the result with ECharts.
 *
 * This interface was referenced by `ReportDefinition`'s JSON-Schema
 * via the `definition` "chart".
 */
export interface Chart {
  type:
    | 'bar'
    | 'stacked-bar'
    | 'line'
    | 'area'
    | 'pie'
    | 'donut'
    | 'scatter'
    | 'heatmap'
    | 'funnel'
    | 'word-cloud'
    | 'kpi'
    | 'table';
  /**
   * A field or node id usable in expressions: letters, digits and underscores.
   */
  x?: string;
  /**
   * A field or node id usable in expressions: letters, digits and underscores.
   */
  series?: string;
  /**
   * The measures drawn.
   *
   * @minItems 1
   *
   * Items: A field or node id usable in expressions: letters, digits and underscores.
   */
  y?: string[];
  horizontal?: boolean;
  /**
   * Extra ECharts options merged over the generated ones (data only, no functions).
   */
  options?: {
    [k: string]: unknown | undefined;
  };
}
