import { describe } from 'vitest';
import { goldenSuite } from './goldenSuite.js';

describe('built-in posters (festive, magazine)', () => goldenSuite(['poster-festive', 'poster-magazine']));
