export const ENGINE_VERSION = '0.1.0';

export * from './i18n/localized-text.js';
export * from './errors/issue.js';
export * from './errors/error-catalogue.js';
export * from './directory/directory.js';
export * from './effects/effect.js';
export * from './effects/domain-event.js';
export * from './calendar/work-calendar.js';
export * from './expressions/expression-types.js';
export * from './expressions/compile-expression.js';
export * from './forms/field-type.js';
export * from './flows/node-type.js';
export * from './rules/trigger-type.js';
export * from './registry/registry.js';
