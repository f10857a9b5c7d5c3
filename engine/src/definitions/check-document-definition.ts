import { issue } from '../errors/error-catalogue.js';
import { pointer, type Issue } from '../errors/issue.js';
import { DOCUMENT_ERRORS } from './document-errors.js';
import { PLACEHOLDER_FILTERS, parsePlaceholders } from './document-placeholders.js';
import { checkFieldPath, isSubTable, resolveFormFields, type FieldInfo } from './form-field-index.js';
import type { DocumentDefinition } from './generated/document.js';
import type { SemanticCheckContext } from './semantic-check-context.js';

type Segment = string | number;
/** A template as the schema types it: one string, or one per locale. */
type LocalizedText = string | { en?: string; 'zh-CN'?: string };
const VARIABLES = ['$instance', '$org', '$now', '$page', '$pages', '$locale', '$document'];
const ROW_VARIABLES = ['$parent', '$index'];

/** A template to check, where it sits, and (inside a table) the sub-table whose row is in scope. */
interface TemplateSite {
  text: LocalizedText;
  path: Segment[];
  rows?: string;
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
  const site = (text: LocalizedText | undefined, path: Segment[], rows?: string) => {
    if (text !== undefined) sites.push({ text, path, ...(rows !== undefined ? { rows } : {}) });
  };
  site(def.fileName, ['fileName']);
  site(def.header, ['header']);
  site(def.footer, ['footer']);
  site(def.page?.watermark, ['page', 'watermark']);

  def.body.forEach((block, i) => {
    const at: Segment[] = ['body', i];
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
        block.columns.forEach((column, j) => site(column.value, [...at, 'columns', j, 'value'], block.rows));
        const rows = fields?.get(block.rows);
        if (fields && (!rows || !isSubTable(rows, ctx))) add(DOCUMENT_ERRORS.BATON_E_DOCUMENT_ROWS_NOT_SUB_TABLE, [...at, 'rows'], { field: block.rows, form: def.form });
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

  for (const s of sites) checkTemplate(s, fields, def.form ?? '', ctx, add);
  return issues;
}

function checkTemplate(
  s: TemplateSite,
  fields: Map<string, FieldInfo> | undefined,
  form: string,
  ctx: SemanticCheckContext,
  add: (code: string, path: Segment[], params: Record<string, unknown>) => void,
): void {
  const variants: Array<[string, Segment[]]> =
    typeof s.text === 'string' ? [[s.text, s.path]] : Object.entries(s.text).map(([locale, text]) => [text ?? '', [...s.path, locale]]);
  const rowColumns = s.rows !== undefined ? fields?.get(s.rows)?.columns : undefined;
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
        const allowed = s.rows !== undefined ? [...VARIABLES, ...ROW_VARIABLES] : VARIABLES;
        if (!allowed.includes(root)) add(DOCUMENT_ERRORS.BATON_E_DOCUMENT_UNKNOWN_VARIABLE, path, { name: root, known: allowed.join(', ') });
        else if (root === '$parent' && fields && rest.length > 0) checkPath(rest.join('.'), fields, form, path, ctx, add);
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
