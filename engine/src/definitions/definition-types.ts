// The definition types, generated from engine/schemas by engine/scripts/generate-types.ts.
import type { ConnectorDefinition } from './generated/connector.js';
import type { DocumentDefinition } from './generated/document.js';
import type { FlowDefinition } from './generated/flow.js';
import type { FormDefinition } from './generated/form.js';
import type { PackDefinition } from './generated/pack.js';
import type { ReportDefinition } from './generated/report.js';
import type { RuleDefinition } from './generated/rule.js';

export type { ConnectorDefinition, DocumentDefinition, FlowDefinition, FormDefinition, PackDefinition, ReportDefinition, RuleDefinition };

/** Any definition; narrow on `kind`. */
export type Definition =
  | FormDefinition
  | FlowDefinition
  | RuleDefinition
  | ReportDefinition
  | DocumentDefinition
  | ConnectorDefinition
  | PackDefinition;

/** Every named part of each kind's schema (Measure, Dimension, Block, SecretRef …), one namespace per kind. */
export type * as FormSchemaTypes from './generated/form.js';
export type * as FlowSchemaTypes from './generated/flow.js';
export type * as RuleSchemaTypes from './generated/rule.js';
export type * as ReportSchemaTypes from './generated/report.js';
export type * as DocumentSchemaTypes from './generated/document.js';
export type * as ConnectorSchemaTypes from './generated/connector.js';
export type * as PackSchemaTypes from './generated/pack.js';
