export * from './backend.js';
export * from './manifest.js';
