import type { FormDefinition } from '@baton/engine';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SampleContext } from './sample-data.js';
import type { SimRecordChoice } from './sim-form.js';
import { defaultSampleRecords, newSampleRecord, pickRecord, recordLabel, relationTargets, type SimRecord } from './sim-records.js';
import type { SimForms } from './step-samples.js';
import { useSimCollections, type SimCollection } from './use-sim-collections.js';
import { useSimForms } from './use-sim-forms.js';

export interface SimRecordsState {
  collections: SimCollection[];
  /** The collections' forms as the engine draws them. */
  forms: SimForms;
  /** The analyst's sample records (one per collection until they change the list). */
  samples: SimRecord[];
  setSamples: (samples: SimRecord[]) => void;
  /** Everything the run may look up: sample records first, then the workspace's. */
  records: SimRecord[];
  choices: SimRecordChoice[];
  /** The collections are read and their forms drawn (or failed): sample data may pick records now. */
  ready: boolean;
  error: unknown;
  makeSample: (formKey: string) => SimRecord | undefined;
  /** A record of `formKey` for sample data about `subject`, or undefined when the simulation holds none. */
  pick: (formKey: string, subject: string) => string | undefined;
}

/**
 * The records the simulation's relation fields point at: the collection forms the flow's forms relate to,
 * the workspace's records of them, and the analyst's sample records (made from each collection's form).
 */
export function useSimRecords(flowForms: readonly FormDefinition[], ctx: SampleContext): SimRecordsState {
  const { t } = useTranslation('flows');
  const signature = JSON.stringify(flowForms.map((f) => [f.key, f.version]));
  const targets = useMemo(() => relationTargets(flowForms), [signature]); // eslint-disable-line react-hooks/exhaustive-deps
  const collections = useSimCollections(targets);
  const collectionForms = collections.flatMap((c) => (c.form ? [c.form] : []));
  const { forms, error } = useSimForms(collectionForms);
  const [edited, setEdited] = useState<SimRecord[] | null>(null);
  const ready = Boolean(error) || (collections.every((c) => c.status !== 'loading') && collectionForms.every((f) => forms.has(f.key)));
  const defaults = useMemo(
    () => (ready ? defaultSampleRecords(targets, forms, ctx) : []),
    [ready, forms, targets, ctx.subject, ctx.colleague, ctx.date], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const samples = edited ?? defaults;
  const workspace = collections.flatMap((c) => c.records);
  const records = [...samples, ...workspace];
  const formOf = (key: string) => collections.find((c) => c.key === key)?.form;
  const choices = records.map((r) => ({
    id: r.id,
    formKey: r.formKey,
    label: `${recordLabel(r, formOf(r.formKey))} (${r.source === 'sample' ? t('simRecordSample') : t('simRecordWorkspace')})`,
  }));
  const makeSample = (formKey: string) => {
    const sim = forms.get(formKey);
    return sim ? newSampleRecord(formKey, sim, ctx, samples) : undefined;
  };
  return { collections, forms, samples, setSamples: setEdited, records, choices, ready, error, makeSample, pick: (formKey, subject) => pickRecord(records, formKey, subject) };
}
