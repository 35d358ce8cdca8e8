export * from './errors.js';
export { createStore } from './memory-store.js';
export { deepEqual } from './meta.js';
export { fieldValue, parseFieldSelector, parseLabelSelector } from './selectors.js';
export * from './types.js';
