// The rule definition's types are generated from engine/schemas/rule.schema.json (pnpm --filter @baton/engine gen:types).
export type { RuleAction, RuleDefinition } from '../definitions/generated/rule.js';
