export * from './e-signature-errors.js';
export * from './e-signature-node-type.js';
export * from './e-signature-plugin.js';
