import type { CompiledFlow, DocumentDefinition, DocumentLayout, FormField, Locale, LocalizedText } from '@baton/engine';
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { RuntimeConfig } from '../config/runtime-config.js';
import type { Database } from '../db/database.js';
import { ApiError } from '../errors/api-error.js';
import type { ExecutionServices } from '../execution/execution-services.js';
import type { InstanceRow } from '../execution/instance-pipeline.js';
import './document-errors.js';
import { documentAvailability, type DocumentAvailability } from './document-availability.js';
import { loadDocumentInput } from './load-document-input.js';
import { organizationNameFor, requireOrganizationName } from './organization-name.js';
import { PublishedDocuments, type FormBody, type PublishedDocument } from './published-documents.js';

export interface RenderedDocument {
  documentKey: string;
  documentVersion: number;
  locales: Locale[];
  /** Without extension. */
  fileName: string;
  bytes: Buffer;
  /** sha256 of `bytes`, hex. */
  sha256: string;
  /** What was laid out; absent when a stored issue is served. */
  layout?: DocumentLayout;
  /** "issued" (stored once, the same bytes ever after), "draft" (watermarked, before issue) or "live". */
  availability: DocumentAvailability;
}

export interface RenderInstanceDocumentInput {
  instance: InstanceRow;
  documentKey: string;
  /** The data to print (the caller's view, or an effect's snapshot). */
  data: Record<string, unknown>;
  flow: CompiledFlow | undefined;
  form: { hash: string; body: Record<string, unknown> } | undefined;
  /** One locale, or undefined for the definition's own (a bilingual document prints both). */
  locale: Locale | undefined;
  /** Used when the definition names no locales. */
  fallbackLocale: Locale;
  /** The render's clock reading: the PDF's creation date and {{$now}}. */
  now: Date;
  /** Called with the definition before anything is rendered; throws to refuse (its `readers`). */
  authorize?: (definition: DocumentDefinition) => void;
  /** Called once the availability is known, before rendering: may serve a stored issue instead (returns it). */
  beforeRender?: (published: PublishedDocument, availability: DocumentAvailability) => Promise<RenderedDocument | undefined>;
}

/** Collection forms that the form's relation fields (and sub-table relation columns) point at. */
function relatedFormKeys(fields: readonly FormField[]): string[] {
  const keys = new Set<string>();
  for (const field of fields) {
    for (const f of [field, ...(field.fields ?? [])]) {
      const target = f.config?.form;
      if (f.type.split('@')[0] === 'relation' && typeof target === 'string') keys.add(target);
    }
  }
  return [...keys];
}

const documentsByServices = new WeakMap<ExecutionServices, PublishedDocuments>();

function publishedDocuments(services: ExecutionServices): PublishedDocuments {
  let cache = documentsByServices.get(services);
  if (!cache) {
    cache = new PublishedDocuments();
    documentsByServices.set(services, cache);
  }
  return cache;
}

/**
 * Renders a published document for an instance: definition (latest published, for the instance's flow),
 * data, directory, tasks and related records in, PDF bytes and their sha256 out. No writes: callers audit
 * (and store) in their own transaction.
 */
export async function renderInstanceDocument(
  db: Kysely<Database>,
  services: ExecutionServices,
  config: RuntimeConfig,
  input: RenderInstanceDocumentInput,
): Promise<RenderedDocument> {
  const { instance, documentKey } = input;
  const formFields = (input.form?.body.fields as readonly FormField[] | undefined) ?? [];
  const related: Record<string, FormBody> = {};
  for (const key of relatedFormKeys(formFields)) {
    const form = await services.definitions.form(db, key);
    if (form) related[key] = form;
  }
  const published = await publishedDocuments(services).get(db, documentKey, input.form, related);
  const forFlow = published?.compiled.definition.flow;
  if (!published || (forFlow !== undefined && forFlow !== instance.flow_key)) {
    throw new ApiError('BATON_E_DOCUMENT_NOT_FOUND', { documentKey }, [], '/params/documentKey');
  }
  const definition = published.compiled.definition;
  input.authorize?.(definition);
  const availability = documentAvailability(definition, instance);
  const stored = await input.beforeRender?.(published, availability);
  if (stored) return stored;
  const directory = await services.directory.reader(db);
  const org = await organizationNameFor(db, config, directory, instance);
  requireOrganizationName(definition, org);
  const documentInput = await loadDocumentInput(db, {
    instance,
    data: input.data,
    flow: input.flow,
    formFields,
    directory,
    config,
    organizationName: org.name,
    now: input.now,
  });
  const layout = published.compiled.render(documentInput, {
    ...(input.locale ? { locales: [input.locale] } : {}),
    fallbackLocale: input.fallbackLocale,
  });
  if (availability === 'draft') markDraft(layout, definition.draft?.watermark as LocalizedText);
  // Loaded on first use: pdfkit and its fonts cost ~0.3 s at start-up, and most processes render no PDF.
  const { renderPdf } = await import('./render-pdf.js');
  const bytes = await renderPdf(layout, { createdAt: input.now });
  return {
    documentKey: published.key,
    documentVersion: published.version,
    locales: layout.parts.map((p) => p.locale),
    fileName: layout.fileName,
    bytes,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    layout,
    availability,
  };
}

/** A draft carries the definition's draft watermark on every page of every language, over any other. */
function markDraft(layout: DocumentLayout, watermark: LocalizedText): void {
  for (const part of layout.parts) {
    part.watermark = typeof watermark === 'string' ? watermark : (watermark[part.locale] ?? Object.values(watermark)[0] ?? 'DRAFT');
  }
}
