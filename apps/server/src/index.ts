export { type Config, ConfigError, configFrom, loadConfig } from './config/load-config.js';
export { type RunningServer, type StartOptions, startServer } from './lifecycle/start-server.js';
export { createLogger } from './logger/create-logger.js';
