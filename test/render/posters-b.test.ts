import { describe } from 'vitest';
import { goldenSuite } from './goldenSuite.js';

describe('built-in posters (owner card, coupon)', () => goldenSuite(['poster-owner', 'poster-coupon']));
