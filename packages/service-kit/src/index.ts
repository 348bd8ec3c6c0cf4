export * from './config.js';
export * from './logging.js';
export * from './health.js';
export * from './prisma.js';
export * from './bootstrap.js';
