/** `argus-agent`: flags and environment → agent; exits 2 on bad flags, 3 when the server refuses it. */
import { pino } from 'pino';
import { startAgent } from './agent.js';
import { AgentConfigError, loadAgentConfig, USAGE } from './config.js';

async function main(): Promise<void> {
  let config: ReturnType<typeof loadAgentConfig>;
  try {
    config = loadAgentConfig(process.argv.slice(2), process.env);
  } catch (err) {
    if (err instanceof AgentConfigError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      const help = err instanceof AgentConfigError && err.problems[0] === 'help requested';
      process.stderr.write(help ? USAGE : `argus-agent: ${(err as Error).message}\n\n${USAGE}`);
      process.exit(help ? 0 : 2);
    }
    throw err;
  }
  const logger = pino({
    level: config.logLevel,
    base: { component: 'argus-agent' },
    redact: {
      paths: ['token', 'credential', '*.token', '*.credential', 'headers.authorization'],
      censor: '[redacted]',
    },
  });
  const agent = await startAgent(config, logger);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    agent.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  try {
    await agent.tunnel.done;
  } catch (err) {
    logger.fatal({ err: (err as Error).message }, 'agent stopped');
    process.stderr.write(`argus-agent: ${(err as Error).message}\n`);
    await agent.stop().catch(() => undefined);
    process.exit(3);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`argus-agent: ${(err as Error).message}\n`);
  process.exit(1);
});
