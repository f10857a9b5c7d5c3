import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The engine worker's own policy: the engine compiles schemas and expressions to closures (no `new Function`,
 * proven by engine/test/csp), so the worker runs without 'unsafe-eval', with no DOM and, with
 * `default-src 'none'`, no network either. Browsers apply a dedicated worker's response policy, not the page's.
 */
export const ENGINE_WORKER_CSP = "default-src 'none'; script-src 'self'";

const WORKER_FILE = /^assets\/engine-worker-[^/]+\.js$/;

/** Where the designer's build lives: BATON_DESIGNER_DIR, else designer/dist of this checkout. */
export function designerDistDir(env: Record<string, string | undefined> = process.env): string {
  const configured = env.BATON_DESIGNER_DIR?.trim();
  if (configured) return path.resolve(configured);
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../designer/dist');
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export interface DesignerStaticOptions {
  /** The built designer (index.html + assets/); nothing is served when it holds no index.html. */
  root?: string;
}

/**
 * Serves the designer at `/` when it has been built: hashed assets with a year of caching, other files as
 * they are, and index.html for every other path outside /api (the app routes itself). Public routes: the
 * app is static, every API call it makes carries the user's token.
 */
export async function designerStatic(app: FastifyInstance, options: DesignerStaticOptions): Promise<void> {
  const root = path.resolve(options.root ?? designerDistDir());
  if (!isFile(path.join(root, 'index.html'))) {
    app.log.info({ root }, 'designer not built: / is not served (run pnpm build)');
    return;
  }
  await app.register(fastifyStatic, { root, serve: false });

  const handler = async (request: FastifyRequest<{ Params: { '*'?: string } }>, reply: FastifyReply) => {
    const wanted = (request.params['*'] ?? '').replace(/^\/+/, '');
    if (wanted === 'api' || wanted.startsWith('api/')) return reply.callNotFound();
    const file = path.resolve(root, wanted);
    const inside = file.startsWith(root + path.sep);
    if (wanted.startsWith('assets/')) {
      if (!inside || !isFile(file)) return reply.callNotFound();
      reply.header('cache-control', 'public, max-age=31536000, immutable');
      if (WORKER_FILE.test(wanted)) reply.header('content-security-policy', ENGINE_WORKER_CSP);
      return reply.sendFile(wanted, root, { cacheControl: false });
    }
    reply.header('cache-control', 'no-cache');
    if (wanted !== '' && inside && isFile(file)) return reply.sendFile(wanted, root, { cacheControl: false });
    return reply.sendFile('index.html', root, { cacheControl: false });
  };
  const route = { config: { public: true }, schema: { hide: true } };
  app.get('/', route, handler);
  app.get('/*', route, handler);
}
