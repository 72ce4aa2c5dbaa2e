import { StudioError } from '../../model/index.js';
import type { HandlersFor } from '../handler.js';
import type { shareMethods } from '../methods/share.js';

export const shareHandlers: HandlersFor<typeof shareMethods> = {
  'share.status': (_in, { services }) => services.share.status(),
  'share.set': async (input, { services }) => {
    try {
      return await services.share.set(input);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new StudioError('conflict', (err as Error).message, 'port');
      throw err;
    }
  },
};
