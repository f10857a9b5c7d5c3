import type { EnginePlugin } from '@baton/engine';
import { residentIdFieldType } from './resident-id-field-type.js';

/**
 * The plugin is what you hand to `createRegistry({ plugins: [residentIdPlugin] })`. `engine` is the range of
 * engine versions it was built for: the registry refuses it on an engine outside that range.
 */
export const residentIdPlugin: EnginePlugin = {
  name: 'acme/resident-id',
  engine: '^0.1.0',
  register(registry) {
    registry.registerFieldType(residentIdFieldType);
  },
};
