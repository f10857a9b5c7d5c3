/**
 * Runs the preview's validation in the engine worker without getting in the way of typing:
 *
 * - a change asks for a validation; the request leaves in idle time after the frame that shows the change
 *   (so a keystroke's task and frame hold only the typed field's work), and at most one request is in
 *   flight: changes made meanwhile are coalesced into one request for the latest data;
 * - an answer is applied only if no change came after the data it judged (a stale answer is dropped and the
 *   latest data is sent instead), and again only in idle time, so it never lands in a keystroke's frame.
 *
 * Messages appear within a frame or two of the worker's answer (typically 30–80 ms after the keystroke;
 * at most ~200 ms plus the validation itself on a busy page).
 */
export interface ValidationLoopOptions<R> {
  /** Asks the worker; resolves with its answer. */
  validate(): Promise<R>;
  /** Shows an answer that judged the latest data. */
  apply(result: R): void;
  /** Shows a failed validation (the latest request's only). */
  fail(error: unknown): void;
  /** Runs a function after the next frame, when the browser is idle (see afterNextPaint). */
  later(fn: () => void): void;
}

export class ValidationLoop<R> {
  /** Bumped by every request: an answer applies only to the version it was asked for. */
  private version = 0;
  private sending = false;
  private inFlight = false;
  private disposed = false;

  constructor(private readonly options: ValidationLoopOptions<R>) {}

  /** The data (or the form, node or language) changed: validate again, soon. */
  request(): void {
    this.version++;
    this.schedule();
  }

  dispose(): void {
    this.disposed = true;
  }

  private schedule(): void {
    if (this.sending || this.inFlight || this.disposed) return;
    this.sending = true;
    this.options.later(() => {
      this.sending = false;
      this.send();
    });
  }

  private send(): void {
    if (this.disposed || this.inFlight) return;
    const asked = this.version;
    this.inFlight = true;
    this.options.validate().then(
      (result) => this.answered(asked, () => this.options.apply(result)),
      (error: unknown) => this.answered(asked, () => this.options.fail(error)),
    );
  }

  private answered(asked: number, show: () => void): void {
    this.inFlight = false;
    if (this.disposed) return;
    if (asked !== this.version) {
      // Changed while the worker was busy: this answer is already out of date.
      this.send();
      return;
    }
    this.options.later(() => {
      if (!this.disposed && asked === this.version) show();
    });
  }
}

type PostTask = (fn: () => void, options: { priority: 'background' }) => Promise<unknown>;
type IdleCallback = (fn: () => void, options: { timeout: number }) => number;

/** A task at the lowest priority the browser offers (scheduler.postTask 'background', else a message task). */
function lowPriorityTask(fn: () => void): void {
  const scheduler = (globalThis as { scheduler?: { postTask?: PostTask } }).scheduler;
  if (scheduler?.postTask) {
    scheduler.postTask(fn, { priority: 'background' }).catch(() => undefined);
    return;
  }
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    fn();
  };
  channel.port2.postMessage(null);
}

/**
 * Runs `fn` once the browser is idle after the next frame: requestIdleCallback, whose idle periods start
 * after a frame is committed and which, unlike requestAnimationFrame, asks for no extra frame (an A/B with
 * rAF + a 'background' task: twice the frames and a worse p95). Without it (Safari): the next frame, then a
 * low-priority task. `timeoutMs` bounds the wait on a busy page or in a hidden tab.
 */
export function afterNextPaint(fn: () => void, timeoutMs = 200): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    fn();
  };
  const timer = setTimeout(run, timeoutMs);
  const idle = (globalThis as { requestIdleCallback?: IdleCallback }).requestIdleCallback;
  if (idle) idle(run, { timeout: timeoutMs });
  else requestAnimationFrame(() => lowPriorityTask(run));
}
