import type { FormDefinition } from '@baton/engine';
import type { SampleContext } from './sample-data.js';
import type { LookupRecord } from './sim-record-lookup.js';
import { sampleEditable, type SimForm, type SimForms } from './step-samples.js';

type Json = Record<string, unknown>;

/** Where a record the simulation reads comes from: the analyst's sample, or the workspace (GET /api/records/:formKey). */
export type SimRecordSource = 'sample' | 'workspace';

/** A record of a collection form (an asset, a customer) that the simulation's relation fields may point at. */
export interface SimRecord extends LookupRecord {
  formKey: string;
  source: SimRecordSource;
}

interface FieldLike {
  type?: string;
  config?: Record<string, unknown>;
  fields?: FieldLike[];
}

function targetsOf(fields: readonly FieldLike[] | undefined, out: Set<string>): void {
  for (const field of fields ?? []) {
    const form = field.type === 'relation' ? field.config?.form : undefined;
    if (typeof form === 'string' && form !== '') out.add(form);
    targetsOf(field.fields, out);
  }
}

/** The collection forms the relation fields of these forms point at (sub-table columns included), in order. */
export function relationTargets(forms: readonly FormDefinition[]): string[] {
  const out = new Set<string>();
  for (const form of forms) targetsOf(form.fields as FieldLike[], out);
  return [...out];
}

/** How a person knows a record: its title field (the asset's tag), else its first text value, else its id. */
export function recordLabel(record: Pick<SimRecord, 'id' | 'data'>, form?: Pick<FormDefinition, 'titleField'>): string {
  const title = form?.titleField ? record.data[form.titleField] : undefined;
  if (typeof title === 'string' && title.trim() !== '') return title;
  const text = Object.values(record.data).find((v) => typeof v === 'string' && v.trim() !== '');
  return typeof text === 'string' ? text : record.id;
}

const namesSubject = (record: SimRecord, subject: string) => Object.values(record.data).includes(subject);

/**
 * The record a sample relation value names: of that form, one that names the form's subject (the asset the
 * leaver holds, so a "held by the leaver" filter holds), a sample record before a workspace one.
 */
export function pickRecord(records: readonly SimRecord[], formKey: string, subject: string): string | undefined {
  const of = records.filter((r) => r.formKey === formKey);
  const rank = (r: SimRecord) => (namesSubject(r, subject) ? 0 : 2) + (r.source === 'sample' ? 0 : 1);
  return [...of].sort((a, b) => rank(a) - rank(b))[0]?.id;
}

/** The next free id of a sample record of this form ("sample-asset-2"). */
function nextId(formKey: string, taken: readonly SimRecord[]): { id: string; n: number } {
  for (let n = 1; ; n += 1) {
    const id = `sample-${formKey}-${n}`;
    if (!taken.some((r) => r.id === id)) return { id, n };
  }
}

/**
 * A new sample record of a collection form, every field filled from its schema; its first person field names
 * the subject (the holder of an asset is the leaver), and its title field reads "SAMPLE-n" so texts show
 * which record they reached.
 */
export function newSampleRecord(formKey: string, sim: SimForm, ctx: SampleContext, taken: readonly SimRecord[]): SimRecord {
  const { id, n } = nextId(formKey, taken);
  const data: Json = sampleEditable(sim, {}, {}, ctx);
  const titleField = sim.form.titleField;
  const titleSchema = titleField ? ((sim.jsonSchema.properties ?? {}) as Json)[titleField] : undefined;
  if (titleField && typeof titleSchema === 'object' && titleSchema !== null) {
    const s = titleSchema as Json;
    if (s.type === 'string' && s.enum === undefined && s.format === undefined && s.pattern === undefined) data[titleField] = `SAMPLE-${n}`;
  }
  return { id, formKey, data, source: 'sample' };
}

/** One sample record per collection form the flow's relation fields point at (those whose form is loaded). */
export function defaultSampleRecords(targets: readonly string[], forms: SimForms, ctx: SampleContext): SimRecord[] {
  const out: SimRecord[] = [];
  for (const key of targets) {
    const sim = forms.get(key);
    if (sim) out.push(newSampleRecord(key, sim, ctx, out));
  }
  return out;
}
