export * from './spec.js';
export * from './encoder.js';
export * from './scenes.js';
export * from './audio.js';
export * from './body.js';
export * from './cards.js';
export * from './join.js';
export * from './full.js';
