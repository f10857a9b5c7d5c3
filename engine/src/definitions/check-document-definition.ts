import { CONFIRMATION_FIELDS, TASK_COLUMNS } from '../documents/document-fields.js';
import { DOCUMENT_RENDER_ERRORS } from '../documents/document-render-errors.js';
import { issue } from '../errors/error-catalogue.js';
import { compileExpression } from '../expressions/compile-expression.js';
import { pointer, type Issue } from '../errors/issue.js';
import { DOCUMENT_ERRORS } from './document-errors.js';
import { PLACEHOLDER_FILTERS, parsePlaceholders } from './document-placeholders.js';
import { checkFieldPath, isSubTable, resolveFormFields, type FieldInfo } from './form-field-index.js';
import type { DocumentDefinition } from './generated/document.js';
import type { SemanticCheckContext } from './semantic-check-context.js';

type Segment = string | number;
/** A template as the schema types it: one string, or one per locale. */
type LocalizedText = string | { en?: string; 'zh-CN'?: string };
const VARIABLES = ['$instance', '$org', '$now', '$page', '$pages', '$locale', '$document', '$values', '$tasks'];
const ROW_VARIABLES = ['$parent', '$index'];

/** A template to check, where it sits, and (inside a table) the sub-table whose row is in scope. */
interface TemplateSite {
  text: LocalizedText;
  path: Segment[];
  rows?: string;
  /** The table declares a confirmation, so rows may read $confirmation. */
  confirmation?: boolean;
}

/** What the template checks share: the form's fields (when they resolve) and the document's named values. */
interface CheckScope {
  fields: Map<string, FieldInfo> | undefined;
  form: string;
  values: Set<string>;
}

/**
 * Semantic checks of a document template: placeholders are well formed, use known filters and variables,
 * and (when the form resolves) name fields of the form, or columns of the sub-table a table block lists.
 */
export function checkDocumentDefinition(def: DocumentDefinition, ctx: SemanticCheckContext): Issue[] {
  const issues: Issue[] = [];
  const add = (code: string, path: Segment[], params: Record<string, unknown>) => issues.push(issue(code, pointer(...path), params, ctx.locale));
  const fields = resolveFormFields(ctx, def.form);
  const sites: TemplateSite[] = [];
  const site = (text: LocalizedText | undefined, path: Segment[], rows?: string, confirmation?: boolean) => {
    if (text !== undefined) sites.push({ text, path, ...(rows !== undefined ? { rows } : {}), ...(confirmation ? { confirmation } : {}) });
  };
  const expression = (logic: unknown, path: Segment[]) => {
    try {
      compileExpression(logic);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      add(DOCUMENT_RENDER_ERRORS.BATON_E_DOCUMENT_BAD_EXPRESSION, path, { where: pointer(...path), document: def.key, reason });
    }
  };
  for (const [name, logic] of Object.entries(def.values ?? {})) {
    expression(logic, ['values', name]);
    if (fields?.has(name)) add(DOCUMENT_ERRORS.BATON_E_DOCUMENT_VALUE_SHADOWS_FIELD, ['values', name], { name, form: def.form });
  }
  const flowNodes = resolveFlowNodes(ctx, def.flow);
  site(def.fileName, ['fileName']);
  site(def.header, ['header']);
  site(def.footer, ['footer']);
  site(def.page?.watermark, ['page', 'watermark']);

  def.body.forEach((block, i) => {
    const at: Segment[] = ['body', i];
    if (block.visibleIf !== undefined) expression(block.visibleIf, [...at, 'visibleIf']);
    switch (block.type) {
      case 'heading':
      case 'paragraph':
        site(block.text, [...at, 'text']);
        break;
      case 'fields':
        block.items.forEach((item, j) => site(item.value, [...at, 'items', j, 'value']));
        break;
      case 'table': {
        site(block.caption, [...at, 'caption']);
        block.columns.forEach((column, j) => site(column.value, [...at, 'columns', j, 'value'], block.rows, block.confirmation !== undefined));
        const rows = block.rows === '$tasks' ? undefined : fields?.get(block.rows);
        if (block.rows !== '$tasks' && fields && (!rows || !isSubTable(rows, ctx))) {
          add(DOCUMENT_ERRORS.BATON_E_DOCUMENT_ROWS_NOT_SUB_TABLE, [...at, 'rows'], { field: block.rows, form: def.form });
        }
        const by = block.confirmation?.by;
        const columns = block.rows === '$tasks' ? TASK_COLUMNS : rows?.columns;
        if (by !== undefined && columns && !columns.has(by)) add(DOCUMENT_ERRORS.BATON_E_DOCUMENT_UNKNOWN_COLUMN, [...at, 'confirmation', 'by'], { field: block.rows, column: by });
        const node = block.confirmation?.node;
        if (node !== undefined && flowNodes && !flowNodes.has(node)) add(DOCUMENT_ERRORS.BATON_E_DOCUMENT_UNKNOWN_NODE, [...at, 'confirmation', 'node'], { node, flow: def.flow });
        break;
      }
      case 'signature':
        site(block.signer, [...at, 'signer']);
        if (fields && block.field !== undefined && !fields.has(block.field)) {
          add(DOCUMENT_ERRORS.BATON_E_DOCUMENT_UNKNOWN_FIELD, [...at, 'field'], { field: block.field, form: def.form });
        }
        break;
      case 'seal':
        site(block.organization, [...at, 'organization']);
        site(block.date, [...at, 'date']);
        break;
      default:
        break;
    }
  });

  const scope: CheckScope = { fields, form: def.form ?? '', values: new Set(Object.keys(def.values ?? {})) };
  for (const s of sites) checkTemplate(s, scope, ctx, add);
  return issues;
}

/** The node ids of the document's flow, when the context can resolve it. */
function resolveFlowNodes(ctx: SemanticCheckContext, key: string | undefined): Set<string> | undefined {
  if (!key || !ctx.resolve) return undefined;
  const flow = ctx.resolve('flow', key) as { nodes?: unknown } | undefined;
  if (!flow || !Array.isArray(flow.nodes)) return undefined;
  return new Set(flow.nodes.map((n: { id?: unknown }) => n?.id).filter((id): id is string => typeof id === 'string'));
}

function checkTemplate(
  s: TemplateSite,
  { fields, form, values }: CheckScope,
  ctx: SemanticCheckContext,
  add: (code: string, path: Segment[], params: Record<string, unknown>) => void,
): void {
  const variants: Array<[string, Segment[]]> =
    typeof s.text === 'string' ? [[s.text, s.path]] : Object.entries(s.text).map(([locale, text]) => [text ?? '', [...s.path, locale]]);
  const rowColumns = s.rows === '$tasks' ? TASK_COLUMNS : s.rows !== undefined ? fields?.get(s.rows)?.columns : undefined;
  for (const [text, path] of variants) {
    const { placeholders, malformed } = parsePlaceholders(text);
    for (const raw of malformed) add(DOCUMENT_ERRORS.BATON_E_DOCUMENT_BAD_PLACEHOLDER, path, { placeholder: raw });
    for (const p of placeholders) {
      for (const f of p.filters) {
        if (!(PLACEHOLDER_FILTERS as readonly string[]).includes(f.name)) {
          add(DOCUMENT_ERRORS.BATON_E_DOCUMENT_UNKNOWN_FILTER, path, { filter: f.name, known: PLACEHOLDER_FILTERS.join(', ') });
        }
      }
      const [root = '', ...rest] = p.path.split('.');
      if (root.startsWith('$')) {
        const allowed = s.rows !== undefined ? [...VARIABLES, ...ROW_VARIABLES, ...(s.confirmation ? ['$confirmation'] : [])] : VARIABLES;
        const [member] = rest;
        if (!allowed.includes(root)) add(DOCUMENT_ERRORS.BATON_E_DOCUMENT_UNKNOWN_VARIABLE, path, { name: root, known: allowed.join(', ') });
        else if (root === '$parent' && fields && rest.length > 0) checkPath(rest.join('.'), fields, form, path, ctx, add);
        else if (root === '$values' && member !== undefined && !values.has(member)) {
          add(DOCUMENT_ERRORS.BATON_E_DOCUMENT_UNKNOWN_VARIABLE, path, { name: `$values.${member}`, known: [...values].map((v) => `$values.${v}`).join(', ') || '—' });
        } else if (root === '$confirmation' && member !== undefined && !CONFIRMATION_FIELDS.has(member)) {
          add(DOCUMENT_ERRORS.BATON_E_DOCUMENT_UNKNOWN_VARIABLE, path, { name: `$confirmation.${member}`, known: [...CONFIRMATION_FIELDS.keys()].map((v) => `$confirmation.${v}`).join(', ') });
        }
        continue;
      }
      if (s.rows !== undefined) {
        // Inside a table the row is the scope: the root names a column of the listed sub-table.
        if (rowColumns && !rowColumns.has(root)) add(DOCUMENT_ERRORS.BATON_E_DOCUMENT_UNKNOWN_COLUMN, path, { field: s.rows, column: root });
        continue;
      }
      if (fields) checkPath(p.path, fields, form, path, ctx, add);
    }
  }
}

function checkPath(
  fieldPath: string,
  fields: Map<string, FieldInfo>,
  form: string,
  path: Segment[],
  ctx: SemanticCheckContext,
  add: (code: string, path: Segment[], params: Record<string, unknown>) => void,
): void {
  const problem = checkFieldPath(fieldPath, fields, ctx);
  if (problem?.problem === 'unknown-field') add(DOCUMENT_ERRORS.BATON_E_DOCUMENT_UNKNOWN_FIELD, path, { field: problem.field, form });
  if (problem?.problem === 'unknown-column') add(DOCUMENT_ERRORS.BATON_E_DOCUMENT_UNKNOWN_COLUMN, path, { field: problem.field, column: problem.column });
}
