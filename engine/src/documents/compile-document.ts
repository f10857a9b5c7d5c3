import type { Block, DocumentDefinition } from '../definitions/generated/document.js';
import { BatonError } from '../errors/error-catalogue.js';
import { compileDefinitionExpression } from '../expressions/definition-expressions.js';
import type { DirectoryReader } from '../directory/directory.js';
import type { CompileExpressionOptions, CompiledExpression, EvalContext } from '../expressions/expression-types.js';
import type { FormField } from '../forms/form-definition.js';
import { localize, LOCALES, type Locale, type LocalizedText } from '../i18n/localized-text.js';
import { fieldMetaOf, INSTANCE_FIELDS, type FieldMetaMap } from './document-fields.js';
import type { DocumentInput, RenderDocumentOptions } from './document-input.js';
import type { DocumentLayout, LayoutPage, LayoutPart } from './document-layout.js';
import { DOCUMENT_RENDER_ERRORS } from './document-render-errors.js';
import { compileLocalized, fillPageTemplate, fillTemplate, pick, type LocalizedTemplate, type MissingSink } from './document-template.js';
import { layoutBlock, type CompiledBlock } from './layout-block.js';
import type { RenderEnv, Scope } from './resolve-placeholder.js';

export interface CompileDocumentOptions {
  /** The form the document reads (its `form`): field types name users, departments and records, and label options. */
  form?: { fields?: readonly FormField[] } | undefined;
  /** Collection forms that relation fields point at, by key: their field types and option labels apply below a relation. */
  relatedForms?: Readonly<Record<string, { fields?: readonly FormField[] } | undefined>>;
  /** Extra JsonLogic operations (plugins), as for compileExpression. */
  expressions?: CompileExpressionOptions;
}

/** A document definition ready to render any number of times. */
export interface CompiledDocument {
  definition: DocumentDefinition;
  key: string;
  version: number;
  /** The locales it is written in (its `locales`, else both). */
  locales: Locale[];
  render(input: DocumentInput, options?: RenderDocumentOptions): DocumentLayout;
}

const DEFAULT_MARGINS = { top: 25, right: 20, bottom: 25, left: 20 };
const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

function compileLogic(logic: unknown, where: string, key: string, options: CompileExpressionOptions | undefined): CompiledExpression {
  try {
    return compileDefinitionExpression(logic, options);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new BatonError(DOCUMENT_RENDER_ERRORS.BATON_E_DOCUMENT_BAD_EXPRESSION, { where, document: key, reason }, [], where);
  }
}

function compileBlock(block: Block, at: string, key: string, options: CompileDocumentOptions): CompiledBlock {
  const visibleIf = block.visibleIf === undefined ? undefined : compileLogic(block.visibleIf, `${at}/visibleIf`, key, options.expressions);
  const base = { block, ...(visibleIf ? { visibleIf } : {}) };
  switch (block.type) {
    case 'heading':
    case 'paragraph':
      return { ...base, texts: { text: compileLocalized(block.text) } };
    case 'fields':
      return { ...base, texts: Object.fromEntries(block.items.map((item, i) => [`item${i}`, compileLocalized(item.value)])) };
    case 'table':
      return {
        ...base,
        texts: {
          caption: compileLocalized(block.caption),
          ...Object.fromEntries(block.columns.map((column, i) => [`column${i}`, compileLocalized(column.value)])),
        },
      };
    case 'signature':
      return { ...base, texts: { signer: compileLocalized(block.signer) } };
    case 'seal':
      return { ...base, texts: { organization: compileLocalized(block.organization), date: compileLocalized(block.date) } };
    default:
      return { ...base, texts: {} };
  }
}

/**
 * Compiles a document definition (validated beforehand with validateDefinition) into a renderer of layouts:
 * templates are parsed and JsonLogic compiled once; each render fills them from a DocumentInput. Pure: no
 * clock, no IO; time comes from `input.now`.
 */
export function compileDocument(definition: DocumentDefinition, options: CompileDocumentOptions = {}): CompiledDocument {
  const key = definition.key;
  const formFields: FieldMetaMap = fieldMetaOf(options.form?.fields);
  const relatedFields = new Map(Object.entries(options.relatedForms ?? {}).map(([formKey, form]) => [formKey, fieldMetaOf(form?.fields)]));
  const blocks = definition.body.map((block, i) => compileBlock(block, `/body/${i}`, key, options));
  const values = Object.entries(definition.values ?? {}).map(([name, logic]) => ({
    name,
    fn: compileLogic(logic, `/values/${name}`, key, options.expressions),
  }));
  const fileName = compileLocalized(definition.fileName);
  const header = compileLocalized(definition.header);
  const footer = compileLocalized(definition.footer);
  const watermark = compileLocalized(definition.page?.watermark);
  const locales: Locale[] = definition.locales ? [...definition.locales] : [...LOCALES];
  const page: LayoutPage = {
    size: definition.page?.size ?? 'A4',
    orientation: definition.page?.orientation ?? 'portrait',
    margins: { ...DEFAULT_MARGINS, ...definition.page?.margins },
    fontSize: definition.page?.fontSize ?? 12,
  };

  function renderPart(input: DocumentInput, locale: Locale, missing: MissingSink): { part: LayoutPart; fileName: string } {
    const env: RenderEnv = { input, locale, timeZone: input.timeZone ?? DEFAULT_TIME_ZONE, relatedFields };
    const title = localize(definition.title as LocalizedText, locale);
    const tasks = (input.tasks ?? []).map((t) => ({
      ...t,
      node: t.nodeName !== undefined ? localize(t.nodeName, locale) : t.nodeId,
      title: t.title !== undefined ? localize(t.title, locale) : undefined,
    }));
    const vars: Record<string, unknown> = {
      $instance: input.instance,
      $org: { name: input.org?.name !== undefined ? localize(input.org.name, locale) : undefined },
      $now: input.now,
      $locale: locale,
      $document: { key, version: definition.version, title },
      $tasks: tasks,
    };
    // The directory rides along for JsonLogic's `directory` operation (a value may read a hire date).
    const exprCtx: EvalContext & { directory?: DirectoryReader } = { now: input.now, timeZone: env.timeZone, ...(input.directory ? { directory: input.directory } : {}) };
    const computed: Record<string, unknown> = {};
    for (const value of values) {
      try {
        computed[value.name] = value.fn({ ...input.data, ...vars, $values: computed }, exprCtx);
      } catch {
        // A value that fails on this data prints as missing; the render goes on.
        computed[value.name] = undefined;
      }
    }
    vars.$values = computed;
    const scope: Scope = { root: input.data, rootFields: formFields, vars, varFields: { $parent: formFields, $instance: INSTANCE_FIELDS } };
    const exprData = { ...input.data, ...vars };
    const out: LayoutPart = { locale, title, blocks: [] };
    for (const compiled of blocks) {
      const laid = layoutBlock(compiled, { scope, env, missing, exprData, exprCtx, formFields, tasks: input.tasks ?? [] });
      if (laid) out.blocks.push(laid);
    }
    const fill = (t: LocalizedTemplate | undefined) => fillPageTemplate(pick(t, locale), scope, env, missing);
    const headerText = fill(header);
    const footerText = fill(footer);
    if (headerText) out.header = headerText;
    if (footerText) out.footer = footerText;
    const mark = fillTemplate(pick(watermark, locale), scope, env, missing);
    if (mark) out.watermark = mark;
    const name = fileName ? fillTemplate(pick(fileName, locale), scope, env, missing) : '';
    return { part: out, fileName: name.trim() || title };
  }

  return {
    definition,
    key,
    version: definition.version,
    locales,
    render(input, renderOptions = {}) {
      const wanted = renderOptions.locales ?? (definition.locales ? locales : [renderOptions.fallbackLocale ?? 'zh-CN']);
      for (const locale of wanted) {
        if (!locales.includes(locale)) {
          throw new BatonError(DOCUMENT_RENDER_ERRORS.BATON_E_DOCUMENT_LOCALE_UNSUPPORTED, { document: key, locale, locales: locales.join(', ') }, [], '/querystring/locale');
        }
      }
      const missing: MissingSink = new Set();
      const rendered = wanted.map((locale) => renderPart(input, locale, missing));
      const first = rendered[0];
      return {
        document: { key, version: definition.version },
        title: first?.part.title ?? key,
        fileName: first?.fileName ?? key,
        page,
        parts: rendered.map((r) => r.part),
        missing: [...missing],
      };
    },
  };
}
