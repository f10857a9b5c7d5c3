import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { onBackgroundStart } from '../app/start-after-listen.js';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Runs the audit chainer of `app.baton.audit`: a successful state-changing request answers after its own
 * commit (its entries are durable, unchained) and asks for a chain run within CHAIN_DELAY_MS, shared with
 * every command committed meanwhile — waiting for the chain was a third of a completion's latency at 8
 * clients and, behind the pool, 40 % at 32. BATON_AUDIT_CHAIN_WAIT=on answers only once they are chained.
 * Verify and evidence chain what is committed first; a sweep links what nobody asked for; the signed head
 * is written at an interval and at shutdown.
 */
export const auditPlugin = fp(
  async (app: FastifyInstance) => {
    const chainer = app.baton.audit;
    // A callback hook: only BATON_AUDIT_CHAIN_WAIT=on waits, so the usual answer costs no promise here.
    app.addHook('onSend', (request, reply, payload, done) => {
      if (READS.has(request.method) || reply.statusCode >= 400) return done(null, payload);
      if (!app.baton.config.audit.waitForChain) {
        // Chained within CHAIN_DELAY_MS of the answer, by a run shared with every command committed meanwhile.
        chainer.committed();
        return done(null, payload);
      }
      chainer.flush().then(
        () => done(null, payload),
        (err: unknown) => {
          // The command has committed; its entries stay pending and the sweep links them later.
          request.log.warn({ err }, 'audit chaining failed after a command; the sweep retries');
          done(null, payload);
        },
      );
    });
    // When the app is ready, or once it listens when server.ts asks: see app/start-after-listen.ts.
    onBackgroundStart(app, () => {
      chainer.start();
      app.log.info({ keyId: chainer.signer.keyId }, 'audit signing key');
    });
    app.addHook('onClose', async () => {
      await chainer.stop();
    });
  },
  { name: 'baton-audit' },
);
