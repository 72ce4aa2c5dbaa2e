import { z } from 'zod';
import { AssetId } from './common.js';

/** An asset's record: the file lives at assets/<id><ext>; the original name is kept here. */
export const AssetRecord = z.object({
  id: AssetId,
  name: z.string().min(1),
  mime: z.string().min(1),
  size: z.number().int().nonnegative(),
  ext: z.string().regex(/^\.[a-z0-9]{1,5}$/),
});
export type AssetRecord = z.infer<typeof AssetRecord>;
