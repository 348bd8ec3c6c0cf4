export * from './region-directory.js';
