import type { CompiledForm } from '@baton/engine';
import { ApiError } from '../errors/api-error.js';
import { isRecord, mapAtPaths, valuesAtPaths } from './data-paths.js';
import { isMaskedSecret, secretRef } from './masked-secret.js';
import { isSealedSecret, type SecretBox } from './secret-box.js';
import './secret-errors.js';

/**
 * Where a secret lives, bound into its ciphertext as associated data: "instance:<id>/data/bankAccount",
 * "record:<id>/data/accounts/*\/password". Rows are not part of it, so a row may move; a value copied to
 * another instance, record or field does not open there.
 */
export function secretAssociatedData(place: string, path: string): string {
  const dot = path.indexOf('.');
  return `${place}/data/${dot < 0 ? path : `${path.slice(0, dot)}/*/${path.slice(dot + 1)}`}`;
}

/**
 * Seals, opens and keeps apart the secret fields of one place's data (one command's worth: it remembers
 * the clear values it saw, so an unchanged value keeps its stored ciphertext instead of being sealed anew).
 */
export class SecretCodec {
  /** path → clear value → the sealed value stored for it. */
  private readonly known = new Map<string, Map<string, string>>();
  /** Sealed values that came from storage or were sealed here: never sealed again. */
  private readonly ours = new Set<string>();

  constructor(
    private readonly box: SecretBox,
    /** "instance:<id>", "record:<id>", "task:<id>". */
    readonly place: string,
    readonly paths: readonly string[],
  ) {}

  private remember(path: string, clear: string, sealed: string): void {
    let byClear = this.known.get(path);
    if (!byClear) this.known.set(path, (byClear = new Map()));
    byClear.set(clear, sealed);
    this.ours.add(sealed);
  }

  private sealValue(path: string, clear: string): string {
    const existing = this.known.get(path)?.get(clear);
    if (existing) return existing;
    const sealed = this.box.seal(clear, secretAssociatedData(this.place, path));
    this.remember(path, clear, sealed);
    return sealed;
  }

  /** Stored data → clear values at the secret paths (for validation). A value that does not open stays sealed. */
  open(data: Record<string, unknown>): Record<string, unknown> {
    if (this.paths.length === 0) return data;
    return mapAtPaths(data, this.paths, ({ value, path }) => {
      if (!isSealedSecret(value)) return value;
      this.ours.add(value);
      try {
        const clear = this.box.open(value, secretAssociatedData(this.place, path));
        this.remember(path, clear, value);
        return clear;
      } catch {
        return value;
      }
    });
  }

  /**
   * What a client sent → what may be stored. A mask stands for the stored value it names (422 when it
   * names none); a stored sealed value stays; any other non-empty string is a clear value and is sealed
   * (reusing the stored ciphertext when it equals the stored value).
   */
  sealSubmitted(submitted: Record<string, unknown>, previous: Record<string, unknown>): Record<string, unknown> {
    if (this.paths.length === 0) return submitted;
    const byRef = new Map<string, string>();
    for (const { value, path } of valuesAtPaths(previous, this.paths)) {
      if (isSealedSecret(value)) byRef.set(`${path}\n${secretRef(value)}`, value);
    }
    // Clear values of what is stored, so an unchanged value keeps its ciphertext (and its history).
    this.open(previous);
    return mapAtPaths(submitted, this.paths, ({ value, path, pointer }) => {
      if (isMaskedSecret(value)) {
        const stored = byRef.get(`${path}\n${value.ref}`);
        if (!stored) throw new ApiError('BATON_E_SECRET_MASK_UNKNOWN', { path: `/data${pointer}` }, [], `/data${pointer}`);
        return stored;
      }
      if (typeof value !== 'string' || value === '') return value;
      if (this.ours.has(value)) return value;
      return this.sealValue(path, value);
    });
  }

  /** Clear values at the secret paths (e.g. validated data) → sealed; values already sealed here stay. */
  seal(data: Record<string, unknown>): Record<string, unknown> {
    if (this.paths.length === 0) return data;
    return mapAtPaths(data, this.paths, ({ value, path }) => {
      if (typeof value !== 'string' || value === '' || this.ours.has(value)) return value;
      return this.sealValue(path, value);
    });
  }

  /** A form whose validate sees the clear values of the data and of `previous`. */
  openingForm(form: CompiledForm): CompiledForm {
    if (this.paths.length === 0) return form;
    const validate: CompiledForm['validate'] = (data, options) =>
      form.validate(
        isRecord(data) ? this.open(data) : data,
        options?.previous ? { ...options, previous: this.open(options.previous) } : options,
      );
    return Object.assign(Object.create(form) as CompiledForm, { validate });
  }
}
