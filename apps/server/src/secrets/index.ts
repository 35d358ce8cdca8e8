export { loadOrCreateKeyFile } from './load-key.js';
export { createSecretBox, keyIdFor, parseKeyring, type SecretBox, SecretBoxError } from './secret-box.js';
