export * from './experiment-fixtures';
export * from './images';
export * from './neon-stand-in';
export * from './postgres';
export * from './signals-fixtures';
export * from './tls-stand-in';
export * from './v1-examples';
