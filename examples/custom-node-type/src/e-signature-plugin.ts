import type { EnginePlugin } from '@baton/engine';
import { eSignatureNodeType } from './e-signature-node-type.js';

/** Hand this to `createRegistry({ plugins: [eSignaturePlugin] })`; built for engine 0.1.x. */
export const eSignaturePlugin: EnginePlugin = {
  name: 'acme/e-signature',
  engine: '^0.1.0',
  register(registry) {
    registry.registerNodeType(eSignatureNodeType);
  },
};
