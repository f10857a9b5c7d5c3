export * from './resident-id.js';
export * from './resident-id-field-type.js';
export * from './resident-id-plugin.js';
