/** The engine's semver; plugins declare the range they were built for (`EnginePlugin.engine`). */
export const ENGINE_VERSION = '0.1.0';
