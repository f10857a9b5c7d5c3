import type { WidgetProps } from '@rjsf/utils';
import type { FileRef } from '@baton/client';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorPanel } from '../../app/errors/error-panel.js';
import { useSession } from '../../app/session/session-store.js';
import { useLocalized } from '../../app/i18n/localized.js';
import { formatWhen } from '../format-when.js';
import { useApi } from '../../app/session/use-api.js';
import { usePendingUploads } from './pending-uploads.js';

/** 1536 → "1.5 KB": sizes people read, not bytes. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let n = bytes / 1024;
  let i = 0;
  while (n >= 1024 && i < units.length - 1) (n /= 1024), i++;
  return `${n.toFixed(n < 10 ? 1 : 0)} ${units[i]}`;
}

/** Saves downloaded bytes under their name: the API needs the bearer token, so a plain link cannot. */
function saveBytes(bytes: Uint8Array, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** busy / error state around one upload at a time: `run` clears the last error and keeps the one it meets. */
function useUploadRun(): { busy: boolean; error: unknown; setError: (e: unknown) => void; run: (work: () => Promise<void>) => Promise<void> } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (work: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}

/**
 * The engine's `file-upload` (attachment): each chosen file goes to POST /files and the reference it
 * answers is put into the field's array as it is; options `maxFiles` and `accept` limit the picker.
 */
export function FileUploadWidget({ id, value, disabled, readonly, options, onChange }: WidgetProps) {
  const { t } = useTranslation('workspace');
  const api = useApi();
  const files = Array.isArray(value) ? (value as FileRef[]) : [];
  const { busy, error, setError, run } = useUploadRun();
  const maxFiles = typeof options.maxFiles === 'number' ? options.maxFiles : 10;
  const accept = Array.isArray(options.accept) ? options.accept.join(',') : undefined;
  const add = async (list: FileList | null): Promise<void> => {
    if (!list || list.length === 0) return;
    await run(async () => {
      const added: FileRef[] = [];
      for (const f of Array.from(list)) added.push(await api.files.upload({ content: f, name: f.name, contentType: f.type || undefined }));
      onChange([...files, ...added]);
    });
  };
  const locked = disabled || readonly;
  return (
    <div className="file-upload" data-testid={`${id}-files`}>
      <ul className="plain">
        {files.map((f, i) => (
          <li key={f.fileId}>
            <button type="button" className="link" onClick={() => void api.files.download(f.fileId).then((d) => saveBytes(d.bytes, f.name, d.contentType), setError)}>
              {f.name}
            </button>{' '}
            <span className="muted small">{formatSize(f.size)}</span>{' '}
            {locked ? null : (
              <button type="button" aria-label={t('fileRemove', { name: f.name })} onClick={() => onChange(files.filter((_, j) => j !== i))}>
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      {locked || files.length >= maxFiles ? null : (
        <input id={id} name={id} type="file" multiple={maxFiles > 1} accept={accept} disabled={busy} onChange={(e) => void add(e.target.files).then(() => (e.target.value = ''))} />
      )}
      {busy ? <span role="status"> {t('fileUploading')}</span> : null}
      {error ? <ErrorPanel error={error} /> : null}
    </div>
  );
}

const PAD_W = 400;
const PAD_H = 150;

/** A canvas as PNG bytes. */
function canvasPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('canvas'))), 'image/png'));
}

/**
 * The engine's `signature-pad`: `{ fileId, sha256, signedAt, signerId }`. The drawing (or the typed name,
 * for those who cannot draw — keyboard, screen reader) is rendered to a PNG, uploaded, and the field holds
 * the file's reference; the runtime checks who may see the file. A drawing is saved each time the pen lifts
 * and a typed name when its box is left, so Complete never meets a drawn but unsaved pad; the page's
 * buttons wait while a save is on its way (usePendingUploads).
 */
export function SignaturePadWidget({ id, value, disabled, readonly, onChange }: WidgetProps) {
  const { t } = useTranslation('workspace');
  const api = useApi();
  const me = useSession((s) => s.userId);
  const { locale } = useLocalized();
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  // Whether this stroke left ink (a ref: the pointer-up handler may run before the state's re-render).
  const inked = useRef(false);
  const [drawn, setDrawn] = useState(false);
  const [typed, setTyped] = useState('');
  const { busy, error, run } = useUploadRun();
  // Saves run one after another; one queued behind a running one covers every stroke made meanwhile.
  const chain = useRef<Promise<void>>(Promise.resolve());
  const queued = useRef(false);
  // Bumped by Clear: a save that started before it must not put the cleared signature back.
  const generation = useRef(0);
  const signed = value && typeof value === 'object' && typeof (value as { fileId?: unknown }).fileId === 'string' ? (value as { fileId: string; signedAt?: string }) : null;
  const ctx = (): CanvasRenderingContext2D | null => canvas.current?.getContext('2d') ?? null;
  // A signature made earlier (a task page showing the request) is drawn from its file, not left blank.
  const signedFile = signed?.fileId;
  useEffect(() => {
    if (!signedFile || drawing.current) return;
    let live = true;
    api.files
      .download(signedFile)
      .then((d) => createImageBitmap(new Blob([d.bytes as Uint8Array<ArrayBuffer>], { type: d.contentType })))
      .then((img) => {
        const g = canvas.current?.getContext('2d');
        if (!live || !g) return;
        g.clearRect(0, 0, PAD_W, PAD_H);
        g.drawImage(img, 0, 0, PAD_W, PAD_H);
      })
      // Someone who may not read the file still sees that it was signed, and when.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [api, signedFile]);
  const point = (e: React.PointerEvent<HTMLCanvasElement>): [number, number] => {
    const r = e.currentTarget.getBoundingClientRect();
    return [((e.clientX - r.left) * PAD_W) / r.width, ((e.clientY - r.top) * PAD_H) / r.height];
  };
  const clear = (): void => {
    generation.current++;
    ctx()?.clearRect(0, 0, PAD_W, PAD_H);
    setDrawn(false);
    onChange(undefined);
  };
  /** Uploads the pad as it is now (with `name` written on it first when given) and puts the reference in the field. */
  const save = async (name?: string): Promise<void> => {
    const c = canvas.current;
    if (!c) return;
    if (name) {
      const g = ctx()!;
      g.clearRect(0, 0, PAD_W, PAD_H);
      g.font = 'italic 40px cursive, serif';
      g.fillStyle = '#000';
      g.fillText(name, 16, PAD_H / 2 + 14, PAD_W - 32);
    }
    const at = generation.current;
    await run(async () => {
      const ref = await api.files.upload({ content: await canvasPng(c), name: 'signature.png', contentType: 'image/png' });
      if (at !== generation.current) return;
      // The field type requires signedAt and signerId; the server replaces both with its own time and the actor.
      onChange({ fileId: ref.fileId, sha256: ref.sha256, signedAt: new Date().toISOString(), ...(me ? { signerId: me } : {}) });
    });
  };
  const saveSoon = (name?: string): void => {
    if (queued.current) return;
    queued.current = true;
    const pending = usePendingUploads.getState();
    pending.begin();
    chain.current = chain.current
      .then(() => {
        queued.current = false;
        return save(name);
      })
      .finally(() => usePendingUploads.getState().end());
  };
  const typedName = (): string | undefined => (!drawn && typed.trim() ? typed.trim() : undefined);
  const locked = disabled || readonly;
  const strokeEnd = (): void => {
    if (!drawing.current) return;
    drawing.current = false;
    if (inked.current) saveSoon();
    inked.current = false;
  };
  return (
    <div className="signature-pad" data-testid={`${id}-signature`}>
      <canvas
        ref={canvas}
        id={id}
        width={PAD_W}
        height={PAD_H}
        role="img"
        aria-label={t('signatureDraw')}
        aria-describedby={locked ? undefined : `${id}-hint`}
        style={{ border: '1px solid currentColor', touchAction: 'none', maxWidth: '100%' }}
        onPointerDown={(e) => {
          if (locked) return;
          const g = ctx();
          if (!g) return;
          e.currentTarget.setPointerCapture(e.pointerId);
          drawing.current = true;
          const [x, y] = point(e);
          g.lineWidth = 2.5;
          g.lineCap = 'round';
          g.strokeStyle = '#000';
          g.beginPath();
          g.moveTo(x, y);
        }}
        onPointerMove={(e) => {
          if (!drawing.current) return;
          const [x, y] = point(e);
          ctx()?.lineTo(x, y);
          ctx()?.stroke();
          inked.current = true;
          if (!drawn) setDrawn(true);
        }}
        onPointerUp={strokeEnd}
        onPointerCancel={strokeEnd}
      />
      {locked ? null : (
        <>
          <p className="muted small" id={`${id}-hint`}>{t('signatureAutoSave')}</p>
          <div className="row">
            <label>
              {t('signatureTyped')}{' '}
              <input
                type="text"
                id={`${id}-typed`}
                value={typed}
                disabled={drawn}
                onChange={(e) => setTyped(e.target.value)}
                onBlur={() => {
                  const name = typedName();
                  if (name) saveSoon(name);
                }}
                autoComplete="name"
              />
            </label>
            <button type="button" onClick={() => saveSoon(typedName())} disabled={busy || (!drawn && !typed.trim())}>
              {t('signatureSave')}
            </button>
            <button type="button" onClick={clear}>
              {t('signatureClear')}
            </button>
          </div>
        </>
      )}
      {signed ? <p className="muted small" role="status" data-testid={`${id}-signed`}>{t('signatureSigned', { at: signed.signedAt ? formatWhen(signed.signedAt, locale) : '' })}</p> : null}
      {busy ? <span role="status"> {t('signatureSaving')}</span> : null}
      {error ? <ErrorPanel error={error} /> : null}
    </div>
  );
}
