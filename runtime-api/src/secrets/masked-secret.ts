import { createHash } from 'node:crypto';
import { Type, type Static } from 'typebox';
import { isRecord } from './data-paths.js';
import { isSealedSecret } from './secret-box.js';

/** What every response shows instead of a secret value: no character of the value, ever. */
export const MASK_TEXT = '••••••';

export const MaskedSecretSchema = Type.Object(
  {
    sealed: Type.Literal(true),
    masked: Type.String({ description: `Always "${MASK_TEXT}": no character of the value is shown` }),
    ref: Type.String({ description: 'Names the stored value: send the mask back unchanged to keep it' }),
  },
  { additionalProperties: false, description: 'A secret field as every response shows it. POST …/secrets/reveal returns the value to the roles the field allows.' },
);
export type MaskedSecret = Static<typeof MaskedSecretSchema>;

/** Form data in responses: secret fields appear as MaskedSecret objects. */
export const FormDataSchema = Type.Record(Type.String(), Type.Unknown(), {
  description:
    `Form data. Every secret field (top level or in a sub-table row) is shown as { "sealed": true, "masked": "${MASK_TEXT}", "ref": "…" }; ` +
    'send that object back unchanged to keep the value, or a new string to change it. ' +
    'POST /api/instances/{id}/secrets/reveal (or /api/records/{formKey}/{id}/secrets/reveal) returns the value to allowed roles, audited.',
});

/**
 * A short fingerprint of a sealed value: lets a mask sent back find the value it stands for even when
 * sub-table rows moved. The ciphertext has a random IV, so this says nothing about the value.
 */
export function secretRef(sealed: string): string {
  return createHash('sha256').update(sealed).digest('base64url').slice(0, 22);
}

export function maskOf(sealed: string): MaskedSecret {
  return { sealed: true, masked: MASK_TEXT, ref: secretRef(sealed) };
}

export function isMaskedSecret(value: unknown): value is { sealed: true; ref: string } {
  return isRecord(value) && value.sealed === true && typeof value.ref === 'string';
}

/**
 * Replaces every sealed value anywhere in `value` by its mask. It looks at every string, not only the
 * fields a form calls secret, so data copied from elsewhere (a rule, a subflow) is masked too: fail closed.
 */
export function maskSecrets<T>(value: T): T {
  if (isSealedSecret(value)) return maskOf(value) as T;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    value.forEach((item: unknown, i) => {
      const masked = maskSecrets(item);
      if (masked === item) return;
      out ??= [...value];
      out[i] = masked;
    });
    return (out ?? value) as T;
  }
  if (isRecord(value)) {
    let out: Record<string, unknown> | undefined;
    for (const [key, item] of Object.entries(value)) {
      const masked = maskSecrets(item);
      if (masked === item) continue;
      out ??= { ...value };
      out[key] = masked;
    }
    return (out ?? value) as T;
  }
  return value;
}
