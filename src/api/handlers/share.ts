import { setShare, shareStatus } from '../../server/share.js';
import { ApiError } from '../errors.js';
import type { HandlersFor } from '../handler.js';
import type { shareMethods } from '../methods/share.js';

export const shareHandlers: HandlersFor<typeof shareMethods> = {
  'share.status': (_in, { ws }) => shareStatus(ws),
  'share.set': async (input, { ws }) => {
    try {
      return await setShare(ws, input);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new ApiError('conflict', (err as Error).message, 'port');
      throw err;
    }
  },
};
