import type { EngineCall, EngineFailure, EngineMethod, EngineReply, EngineRequests } from './engine-protocol.js';

/** An engine failure (a BatonError in the worker), with its code, JSON Pointer and issues. */
export class EngineError extends Error {
  readonly code: string;
  readonly path: string;
  readonly issues: EngineFailure['issues'];
  constructor(failure: EngineFailure) {
    super(failure.message);
    this.name = 'EngineError';
    this.code = failure.code;
    this.path = failure.path;
    this.issues = failure.issues;
  }
}

export interface EngineClient {
  call<M extends EngineMethod>(method: M, args: EngineRequests[M]['args']): Promise<EngineRequests[M]['result']>;
}

/**
 * The page's handle on the engine worker: one worker for the app, calls answered in order by id. The
 * worker is built by Vite as assets/engine-worker-[hash].js (see vite.config.ts).
 */
export function createEngineClient(): EngineClient {
  const worker = new Worker(new URL('./engine-worker.ts', import.meta.url), { type: 'module', name: 'baton-engine' });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  let nextId = 1;
  worker.onmessage = (event: MessageEvent<EngineReply>) => {
    const reply = event.data;
    const waiter = pending.get(reply.id);
    if (!waiter) return;
    pending.delete(reply.id);
    if (reply.ok) waiter.resolve(reply.result);
    else waiter.reject(new EngineError(reply.error));
  };
  worker.onerror = (event) => {
    // A worker that failed to load (blocked by a policy, a missing file) fails every waiting call.
    const error = new EngineError({ code: 'BATON_E_DESIGNER_ENGINE_UNAVAILABLE', message: event.message || 'engine worker failed', path: '', issues: [] });
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };
  return {
    call(method, args) {
      const id = nextId++;
      const message: EngineCall = { id, method, args };
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        worker.postMessage(message);
      });
    },
  };
}

let shared: EngineClient | undefined;

/** The app's one engine worker, started on first use. */
export function engine(): EngineClient {
  return (shared ??= createEngineClient());
}
