export * from './backend.js';
export * from './manifest.js';
export * from './operator/index.js';
export * from './services.js';
