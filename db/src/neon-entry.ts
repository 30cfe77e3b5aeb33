export { createNeonDb, neonConfig } from './neon';
