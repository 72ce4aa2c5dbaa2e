import { z } from 'zod';
import { AssetId, AssetRecord } from '../../model/index.js';
import { defineMethods } from '../define.js';

/** Largest upload accepted through the api (base64 of a 15 MB image). */
export const MAX_UPLOAD_BYTES = 15 * 1024 * 1024;

/** An image as the UI shows it: its type and the bytes in base64 (works over IPC and HTTP alike). */
export const ImageData = z.object({ mime: z.string(), base64: z.string(), width: z.number().int().optional(), height: z.number().int().optional() });

/** Images in and out of the workspace for the UI: upload an asset, read an asset or a rendered file. */
export const assetMethods = defineMethods({
  'assets.upload': {
    description: 'Store an image (avatar, logo, product photo) in the workspace asset store; returns its record (id = sha256).',
    input: z
      .object({
        name: z.string().min(1).max(200),
        base64: z.string().min(1).max(Math.ceil((MAX_UPLOAD_BYTES * 4) / 3) + 4, 'the image is larger than 15 MB; make it smaller and try again'),
      })
      .strict(),
    output: AssetRecord,
    mutates: true,
  },
  'assets.read': {
    description: 'An asset as base64, optionally scaled down to `width` pixels (for thumbnails in the UI).',
    input: z.object({ id: AssetId, width: z.number().int().min(16).max(2048).optional() }).strict(),
    output: ImageData,
  },
  'files.image': {
    description: 'An image the studio wrote under renders/ or packs/ (proof sheets, previews), as base64, optionally scaled to `width`.',
    input: z.object({ path: z.string().min(1).max(1000), width: z.number().int().min(16).max(4096).optional() }).strict(),
    output: ImageData,
  },
});
