export { PlatformError, ConfigError, DecodeError, ValidationError, DependencyError, AuthorizationError, isRetriable } from './platform-error.js';
export type { PlatformErrorOptions } from './platform-error.js';
