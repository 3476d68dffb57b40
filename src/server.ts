import { DatabaseUnavailableError } from './db/client.ts';
import { ConfigError, parseEnv } from './env.ts';
import { closeGracefully, listen } from './http-server.ts';
import { createLogger } from './observability/logger.ts';
import { startPlatform } from './platform.ts';

/** Entry point of `npm start`: configuration, database, then HTTP; and the reverse on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const env = parseEnv(process.env);
  const log = createLogger(env.LOG_LEVEL);
  const platform = await startPlatform(env, log);
  const { server, port } = await listen(platform.app, env.PORT, env.HOST).catch(async (error) => {
    await platform.close();
    throw error;
  });
  log.info({ port, host: env.HOST, db: platform.database.engine, url: env.BASE_URL }, 'platform listening');
  const demo = platform.demoAccounts;
  if (demo && demo.created.length > 0) {
    // Shown once, on the start that created the accounts; it is stored nowhere in clear.
    const password = demo.generatedPassword ?? '(the value of DEMO_PASSWORD)';
    process.stdout.write(`\nDemo accounts: ${demo.created.join(', ')}\nTheir password: ${password}\n\n`);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: no new connections, finishing requests in flight');
    const outcome = await closeGracefully(server, 10_000);
    await platform.close();
    log.info({ outcome }, 'shutdown complete');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  // Problems a user can fix get one plain line, not a stack trace.
  if (error instanceof ConfigError || error instanceof DatabaseUnavailableError) {
    process.stderr.write(`compact-platform: ${error.message}\n`);
  } else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    process.stderr.write(
      `compact-platform: port ${process.env.PORT ?? 3000} is already in use; set PORT to a free one.\n`,
    );
  } else {
    process.stderr.write(`compact-platform: could not start: ${(error as Error).stack ?? String(error)}\n`);
  }
  process.exit(1);
});
