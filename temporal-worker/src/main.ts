import { parseWorkerEnv } from './env';

// The Temporal Worker (workflows and activities) is built by the workflows issue; until then this
// entry only validates its environment so deployment configuration can be checked early.
const env = parseWorkerEnv(process.env);
console.log(`[worker] configuration valid: task queue ${env.TEMPORAL_TASK_QUEUE} on ${env.TEMPORAL_ADDRESS}`);
