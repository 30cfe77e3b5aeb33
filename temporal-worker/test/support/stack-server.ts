/**
 * The workflow test stack as a program, for suites outside temporal-worker that must not import it (the web app's
 * browser tests and benchmark): starts `startStack`, prints one line `MOS_STACK_READY {"apiUrl": …}` and runs until
 * SIGTERM / SIGINT or until its standard input closes (its parent died), then tears everything down.
 *
 *   MOS_STACK_WEB_ORIGIN=http://127.0.0.1:5173 node --import tsx temporal-worker/test/support/stack-server.ts
 */
import { startStack } from './stack';

const READY = 'MOS_STACK_READY';

const webOrigin = process.env.MOS_STACK_WEB_ORIGIN;
const stack = await startStack(webOrigin ? { webOrigin } : {});
let closing: Promise<void> | null = null;
const shutdown = () => {
  closing ??= stack.close().finally(() => process.exit(0));
  return closing;
};
process.once('SIGTERM', () => void shutdown());
process.once('SIGINT', () => void shutdown());
process.stdin.on('end', () => void shutdown());
process.stdin.resume();
process.stdout.write(`${READY} ${JSON.stringify({ apiUrl: stack.apiUrl })}\n`);
