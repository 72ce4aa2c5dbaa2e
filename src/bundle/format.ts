import { z } from 'zod';
import { AssetId, StudioData } from '../model/index.js';

/** The bundle format identifier and version (docs/bundle.md). */
export const BUNDLE_FORMAT = 'shequn-bundle';
export const BUNDLE_VERSION = 1;

/** One asset inlined as base64 (its id is the sha256 of the bytes and is checked on import). */
export const BundleAsset = z.object({
  id: AssetId,
  name: z.string().min(1),
  base64: z.string(),
});

/** A whole workspace as one JSON document: studio.json's data plus every asset. */
export const Bundle = z.object({
  format: z.literal(BUNDLE_FORMAT),
  bundleVersion: z.literal(BUNDLE_VERSION),
  createdAt: z.string(),
  data: StudioData,
  assets: z.array(BundleAsset),
});
export type Bundle = z.infer<typeof Bundle>;

/** JSON Schema of the bundle, generated from the zod model (written to docs/bundle.schema.json). */
export function bundleJsonSchema(): unknown {
  return z.toJSONSchema(Bundle, { io: 'input', unrepresentable: 'any' });
}
