import type { Block } from '../definitions/generated/document.js';
import { truthy } from '../expressions/coerce.js';
import type { CompiledExpression, EvalContext } from '../expressions/expression-types.js';
import { localize, type Locale, type LocalizedText } from '../i18n/localized-text.js';
import { CONFIRMATION_FIELDS, TASK_COLUMNS, type FieldMetaMap } from './document-fields.js';
import type { DocumentTask } from './document-input.js';
import type { Align, LayoutBlock, LayoutSignature, LayoutTable } from './document-layout.js';
import { fillTemplate, pick, type LocalizedTemplate, type MissingSink } from './document-template.js';
import { formatDateTimeValue, formatDateValue } from './format-value.js';
import { userDisplayName, type RenderEnv, type Scope } from './resolve-placeholder.js';
import { confirmerText, noConfirmation, rowConfirmation } from './row-confirmation.js';

export interface CompiledBlock {
  block: Block;
  visibleIf?: CompiledExpression;
  /** The block's templates by slot name (text, item0, column2, caption …). */
  texts: Record<string, LocalizedTemplate | undefined>;
}

export interface BlockEnv {
  scope: Scope;
  env: RenderEnv;
  missing: MissingSink;
  /** The data JsonLogic sees: form fields and the $ variables. */
  exprData: Record<string, unknown>;
  exprCtx: EvalContext;
  formFields: FieldMetaMap;
  tasks: readonly DocumentTask[];
}

const text = (value: LocalizedText | { en?: string; 'zh-CN'?: string } | undefined, locale: Locale) => localize(value as LocalizedText | undefined, locale);

const WORDS = {
  number: { 'zh-CN': '序号', en: 'No.' },
  empty: { 'zh-CN': '无', en: 'None' },
  date: { 'zh-CN': '日期：', en: 'Date: ' },
  blankDate: { 'zh-CN': '日期：______年____月____日', en: 'Date: ________________' },
  signedAt: { 'zh-CN': '已于 {at} 电子签名', en: 'Signed electronically on {at}' },
} satisfies Record<string, Record<Locale, string>>;

function visible(compiled: CompiledBlock, b: BlockEnv): boolean {
  if (!compiled.visibleIf) return true;
  try {
    return truthy(compiled.visibleIf(b.exprData, b.exprCtx));
  } catch {
    // An expression that fails on this data hides its block rather than failing the whole document.
    return false;
  }
}

function fill(compiled: CompiledBlock, slot: string, scope: Scope, b: BlockEnv): string {
  return fillTemplate(pick(compiled.texts[slot], b.env.locale), scope, b.env, b.missing);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A person's name as documents print it; the id when the directory does not know them. */
function personName(id: string, env: RenderEnv): string {
  const user = env.input.directory?.user(id);
  return user ? userDisplayName(user, env.locale) : id;
}

function layoutTable(compiled: CompiledBlock, block: Extract<Block, { type: 'table' }>, b: BlockEnv): LayoutTable {
  const { locale } = b.env;
  const source = block.rows === '$tasks' ? b.scope.vars.$tasks : b.scope.root[block.rows];
  const rows = Array.isArray(source) ? source.filter(isRecord) : [];
  const columns = block.rows === '$tasks' ? TASK_COLUMNS : b.formFields.get(block.rows)?.columns;
  const numbered = block.numbered === true;
  const weights = [...(numbered ? [0.6] : []), ...block.columns.map((c) => c.width ?? 1)];
  const total = weights.reduce((s, w) => s + w, 0);
  const headers = [
    ...(numbered ? [{ header: WORDS.number[locale], align: 'center' as const }] : []),
    ...block.columns.map((c) => ({ header: text(c.header, locale), align: c.align ?? ('left' as const) })),
  ];
  const cells = rows.map((row, i) => {
    const vars: Record<string, unknown> = { ...b.scope.vars, $parent: b.scope.root, $index: i + 1 };
    const confirmation = block.confirmation;
    if (confirmation) {
      const by = confirmation.by === undefined ? undefined : row[confirmation.by];
      // A row naming no one (yet) has nobody to confirm it.
      const confirmed = confirmation.by !== undefined && (typeof by !== 'string' || by === '')
        ? noConfirmation(locale)
        : rowConfirmation(b.tasks, confirmation.node, typeof by === 'string' ? by : undefined, locale);
      const confirmer = confirmerText(confirmed, (id) => personName(id, b.env), locale);
      vars.$confirmation = confirmer !== undefined ? { ...confirmed, confirmer } : confirmed;
    }
    const scope: Scope = {
      root: row,
      rootFields: columns,
      vars,
      varFields: { ...b.scope.varFields, $parent: b.formFields, $confirmation: CONFIRMATION_FIELDS },
    };
    const values = block.columns.map((_, j) => fill(compiled, `column${j}`, scope, b).trim());
    return numbered ? [String(i + 1), ...values] : values;
  });
  const out: LayoutTable = {
    type: 'table',
    columns: headers.map((h, i) => ({ ...h, width: (weights[i] ?? 1) / total })),
    rows: cells,
    emptyText: block.emptyText !== undefined ? text(block.emptyText, locale) : WORDS.empty[locale],
  };
  const caption = fill(compiled, 'caption', b.scope, b);
  if (caption) out.caption = caption;
  return out;
}

function layoutSignature(compiled: CompiledBlock, block: Extract<Block, { type: 'signature' }>, b: BlockEnv): LayoutSignature {
  const { locale, timeZone } = b.env;
  const out: LayoutSignature = { type: 'signature', label: text(block.label, locale), align: (block.align ?? 'left') as Align };
  const signer = fill(compiled, 'signer', b.scope, b);
  if (signer) out.signer = signer;
  const value = block.field !== undefined ? b.scope.root[block.field] : undefined;
  let signedAt: string | undefined;
  if (isRecord(value) && typeof value.signedAt === 'string') {
    signedAt = value.signedAt;
    const at = formatDateTimeValue(signedAt, locale, timeZone) ?? signedAt;
    out.captured = { note: WORDS.signedAt[locale].replace('{at}', at), ...(typeof value.fileId === 'string' ? { fileId: value.fileId } : {}) };
  }
  if (block.dated) {
    const date = signedAt !== undefined ? formatDateValue(signedAt, locale, timeZone) : undefined;
    out.dateLine = date !== undefined ? WORDS.date[locale] + date : WORDS.blankDate[locale];
  }
  return out;
}

/** One block of the definition as laid out for this render; undefined when its visibleIf does not hold. */
export function layoutBlock(compiled: CompiledBlock, b: BlockEnv): LayoutBlock | undefined {
  if (!visible(compiled, b)) return undefined;
  const { block } = compiled;
  const { locale } = b.env;
  switch (block.type) {
    case 'heading': {
      const level = Math.min(4, Math.max(1, block.level ?? 1)) as 1 | 2 | 3 | 4;
      return { type: 'heading', text: fill(compiled, 'text', b.scope, b), level, align: block.align ?? (level === 1 ? 'center' : 'left') };
    }
    case 'paragraph':
      return { type: 'paragraph', text: fill(compiled, 'text', b.scope, b), align: block.align ?? 'left', indent: block.indent === true };
    case 'fields':
      return {
        type: 'fields',
        columns: block.columns ?? 2,
        items: block.items.map((item, i) => ({ label: text(item.label, locale), value: fill(compiled, `item${i}`, b.scope, b) })),
      };
    case 'table':
      return layoutTable(compiled, block, b);
    case 'signature':
      return layoutSignature(compiled, block, b);
    case 'seal': {
      const organization = fill(compiled, 'organization', b.scope, b);
      const date = fill(compiled, 'date', b.scope, b);
      return {
        type: 'seal',
        label: text(block.label, locale),
        align: block.align ?? 'right',
        ...(organization ? { organization } : {}),
        ...(date ? { date } : {}),
        ...(block.image !== undefined ? { image: block.image } : {}),
      };
    }
    case 'image':
      return { type: 'image', src: block.src, align: block.align ?? 'left', ...(block.width !== undefined ? { width: block.width } : {}) };
    case 'spacer':
      return { type: 'spacer', height: block.height };
    case 'page-break':
      return { type: 'page-break' };
  }
}
