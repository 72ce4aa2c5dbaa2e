import { DEMO_COLORS } from '../../src/demo/brand.js';

/** The demo brand's colours (拾果山房, from src/demo/brand.ts) plus two tints the artwork uses. */
export const PALETTE = {
  ...DEMO_COLORS,
  cream: '#F6DDB8',
  blush: '#F28B82',
} as const;
