export * from './audit.js';
export * from './errors.js';
export * from './health.js';
export * from './identity.js';
export * from './rbac.js';
export * from './validation.js';
export * from './ws.js';
