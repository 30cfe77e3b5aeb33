export { createApp } from './app';
export type { AppRouter } from './routers/index';
