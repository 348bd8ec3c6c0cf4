export * from './config.js';
export * from './logging.js';
export * from './health.js';
export * from './prisma.js';
export * from './database.js';
export * from './bootstrap.js';
export * from './service.js';
export * from './public-route.js';
