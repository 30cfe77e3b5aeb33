#!/usr/bin/env node
// `ch`: runs the TypeScript CLI (src/cli.ts) through tsx's loader, so the CLI needs no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli.ts');
process.exitCode = await runCli(process.argv.slice(2));
