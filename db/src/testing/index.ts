export * from './neon-stand-in';
export * from './postgres';
