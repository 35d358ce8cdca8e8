export * from './types.js';
export * from './errors.js';
export { createStore } from './memory-store.js';
export { parseLabelSelector, parseFieldSelector, fieldValue } from './selectors.js';
export { deepEqual } from './meta.js';
