import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Runs the audit chainer of `app.baton.audit`: a successful state-changing request answers only once the
 * entries it committed are chained (so a client that saw a 2xx finds them in the chain and in evidence;
 * BATON_AUDIT_CHAIN_WAIT=off answers first and chains right after),
 * a sweep links what nobody waited for, and the signed head is written at an interval and at shutdown.
 */
export const auditPlugin = fp(
  async (app: FastifyInstance) => {
    const chainer = app.baton.audit;
    app.addHook('onSend', async (request, reply, payload) => {
      if (READS.has(request.method) || reply.statusCode >= 400) return payload;
      if (!app.baton.config.audit.waitForChain) {
        // Chained right after the answer, by a run this request started or joined.
        chainer.flush().catch((err: unknown) => request.log.warn({ err }, 'audit chaining failed after a command; the sweep retries'));
        return payload;
      }
      try {
        await chainer.flush();
      } catch (err) {
        // The command has committed; its entries stay pending and the sweep links them later.
        request.log.warn({ err }, 'audit chaining failed after a command; the sweep retries');
      }
      return payload;
    });
    app.addHook('onReady', async () => {
      chainer.start();
      app.log.info({ keyId: chainer.signer.keyId }, 'audit signing key');
    });
    app.addHook('onClose', async () => {
      await chainer.stop();
    });
  },
  { name: 'baton-audit' },
);
