export { type Config, ConfigError, configFrom, loadConfig } from './load-config.js';
