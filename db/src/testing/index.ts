export * from './neon-stand-in';
export * from './postgres';
export * from './tls-stand-in';
