import { ApiError } from './api-error.js';
import '../definitions/definition-errors.js';

// The trigger baton_definitions_immutable (migration 0001) raises this when a command tries to change a
// published or retired version. Commands check first; this catches a race or a bug as a 409, not a 500.
const DEFINITION_IMMUTABLE = /^definition ([^/]+)\/(.+) version (\d+) is (\w+): it cannot be changed$/;

/**
 * A refusal raised by one of the database's own guards (a trigger), turned into the coded error the
 * client can act on; undefined for any other error.
 */
export function databaseRefusal(err: Error): ApiError | undefined {
  if ((err as { code?: unknown }).code !== 'P0001') return undefined;
  const match = DEFINITION_IMMUTABLE.exec(err.message);
  if (!match) return undefined;
  const [, kind, key, version, status] = match;
  return new ApiError('BATON_E_DEFINITION_IMMUTABLE', { kind, key, version: Number(version), status }, [], '/version');
}
