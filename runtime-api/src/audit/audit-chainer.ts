import type { Kysely } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { AuditSettings } from '../config/runtime-config.js';
import type { Database } from '../db/database.js';
import { loadAuditSigner, type AuditSigner } from './audit-signer.js';
import { chainIdOf, chainPending, chainWorkPending, type ChainDialect, type ChainResult } from './chain-pending.js';
import { appendHeadFile, postHead, signHead, type SignedHead } from './signed-head.js';
import { verifyAudit, type AuditVerification } from './verify-audit.js';

/** How often the chainer looks for entries that no request waited for (workers, other processes' leftovers). */
const SWEEP_INTERVAL_MS = 1000;
/**
 * The longest a committed command's entries wait before a chain run starts (plus that run, and one already
 * going). Under load one run links everything committed in the window: the chainer's transactions stay a
 * small fraction of the commands' (not one every second command), and an entry is unchained for tens of
 * milliseconds at most.
 */
export const CHAIN_DELAY_MS = 20;

export interface AuditChainerOptions {
  db: Kysely<Database>;
  settings: AuditSettings;
  dataDir: string;
  log: FastifyBaseLogger;
  /** 'postgres' pipelines a chain run's BEGIN and COMMIT with its other statements (2 round trips, not 6). */
  dialect?: ChainDialect;
}

/**
 * One per app: links the entries commands appended (`chainPending`) and signs the chain head outside the
 * database. `flush()` is group commit for the audit chain: callers that arrive while a run is going share
 * the next run, so N concurrent commands cost about two chain transactions, not N lock waits.
 */
export class AuditChainer {
  readonly signer: AuditSigner;
  readonly #db: Kysely<Database>;
  readonly #settings: AuditSettings;
  readonly #log: FastifyBaseLogger;
  readonly #dialect: ChainDialect | undefined;
  #current: Promise<ChainResult> | null = null;
  #next: Promise<ChainResult> | null = null;
  #sweep: NodeJS.Timeout | undefined;
  #headTimer: NodeJS.Timeout | undefined;
  #lastHead: { seq: number; hash: string } | null = null;
  /** The chain run committed() scheduled and has not started yet. */
  #soon: { timer: NodeJS.Timeout; settle: () => void } | undefined;
  #lastScheduled: Promise<void> = Promise.resolve();
  #stopped = false;

  constructor(options: AuditChainerOptions) {
    this.#db = options.db;
    this.#settings = options.settings;
    this.#log = options.log;
    this.#dialect = options.dialect;
    this.signer = loadAuditSigner(options.settings.signingKey, options.dataDir);
  }

  /** Resolves once every entry committed before the call is chained (a run that starts after it). */
  flush(forceCheckpoint = false): Promise<ChainResult> {
    if (forceCheckpoint) return this.#after(() => this.#run(true));
    if (this.#next) return this.#next;
    if (!this.#current) return this.#start();
    const next = this.#current
      .then(noop, noop)
      .then(() => {
        this.#next = null;
        return this.#start();
      });
    this.#next = next;
    return next;
  }

  /**
   * A command committed audit entries and answered without waiting for them: a chain run starts within
   * CHAIN_DELAY_MS, shared by every command that commits meanwhile. Failures are logged; the sweep retries.
   */
  committed(): void {
    if (this.#soon || this.#stopped) return;
    let settle = noop;
    this.#lastScheduled = new Promise<void>((resolve) => (settle = resolve));
    const timer = setTimeout(() => {
      this.#soon = undefined;
      this.flush()
        .then(noop, (err: unknown) => this.#log.warn({ err }, 'audit chaining failed after a command; the sweep retries'))
        .finally(settle);
    }, CHAIN_DELAY_MS);
    this.#soon = { timer, settle };
  }

  /** Settles when the run committed() scheduled last has finished (or was dropped at stop). */
  scheduledRun(): Promise<void> {
    return this.#lastScheduled;
  }

  #after(work: () => Promise<ChainResult>): Promise<ChainResult> {
    const before = this.#next ?? this.#current;
    return before ? before.then(noop, noop).then(work) : work();
  }

  #start(): Promise<ChainResult> {
    const run = this.#run(false).finally(() => {
      if (this.#current === run) this.#current = null;
    });
    this.#current = run;
    return run;
  }

  #run(forceCheckpoint: boolean): Promise<ChainResult> {
    return chainPending(this.#db, { signer: this.signer, forceCheckpoint }, this.#dialect);
  }

  /** Chains what is committed, then verifies (the chain, its checkpoints and the last signed head). */
  async verify(): Promise<AuditVerification> {
    await this.flush();
    return verifyAudit(this.#db, {
      trustedKeys: { own: { keyId: this.signer.keyId, publicKeyPem: this.signer.publicKeyPem }, keyIds: this.#settings.trustedKeyIds },
      headFile: this.#settings.headFile,
    });
  }

  /** Starts the sweep and the head signer; both timers are unref'd (they never keep the process alive). */
  start(): void {
    this.#stopped = false;
    this.#sweep = setInterval(() => void this.#sweepOnce(), SWEEP_INTERVAL_MS);
    this.#sweep.unref();
    if (this.#settings.headFile && this.#settings.headIntervalMs > 0) {
      this.#headTimer = setInterval(() => void this.writeHead().catch((err: unknown) => this.#log.warn({ err }, 'could not write the signed audit head')), this.#settings.headIntervalMs);
      this.#headTimer.unref();
    }
    void this.#sweepOnce();
  }

  async #sweepOnce(): Promise<void> {
    if (this.#stopped) return;
    try {
      // A read-only look first: nothing pending → no locking transaction (an idle process stays idle).
      if (!this.#current && !(await chainWorkPending(this.#db))) return;
      await this.flush();
    } catch (err) {
      this.#log.warn({ err }, 'audit chaining failed; retrying on the next sweep');
    }
  }

  /**
   * Signs the current head and appends it to BATON_AUDIT_HEAD_FILE (and POSTs it to BATON_AUDIT_HEAD_URL).
   * Returns null when there is nothing new to sign or no head file is configured.
   */
  async writeHead(): Promise<SignedHead | null> {
    const file = this.#settings.headFile;
    if (!file) return null;
    // A checkpoint commits synchronously, so the head signed below is durable in the database first.
    const chained = await this.flush(true);
    if (chained.headSeq === 0 || !chained.headHash) return null;
    if (this.#lastHead && this.#lastHead.seq === chained.headSeq && this.#lastHead.hash === chained.headHash) return null;
    const chainId = await chainIdOf(this.#db);
    if (!chainId) return null;
    const head = signHead(this.signer, { chainId, seq: chained.headSeq, hash: chained.headHash, at: new Date().toISOString() });
    await appendHeadFile(file, head);
    this.#lastHead = { seq: head.seq, hash: head.hash };
    if (this.#settings.headUrl) {
      await postHead(this.#settings.headUrl, head).catch((err: unknown) => this.#log.warn({ err }, 'could not POST the signed audit head'));
    }
    return head;
  }

  /** Stops the timers, chains what is left and writes a last signed head. Errors are logged, not thrown. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#sweep);
    // stop() chains what is left itself, below.
    clearTimeout(this.#soon?.timer);
    this.#soon?.settle();
    this.#soon = undefined;
    clearInterval(this.#headTimer);
    try {
      await this.writeHead();
      await this.flush();
    } catch (err) {
      this.#log.warn({ err }, 'could not chain or sign the audit head at shutdown');
    }
  }
}

function noop(): void {}
