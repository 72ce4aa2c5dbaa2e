import { z } from 'zod';
import { POSTER_PIXELS, POSTER_SIZES } from './vocabulary.js';

/** Identifier of an entity: letters, digits, `-` and `_`, as used in file names and URLs. */
export const Id = z
  .string()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'use letters, digits, "-" or "_" (start with a letter or digit)');

/** A content-addressed asset id: the sha256 of the file, hex. */
export const AssetId = z.string().regex(/^[a-f0-9]{64}$/, 'must be an asset id (sha256 hex)');

/** An ISO-8601 timestamp or date string. */
export const IsoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO date such as 2026-02-01');

/** A CSS hex colour. */
export const HexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #C8102E');

/** An http(s) URL. */
export const HttpUrl = z
  .string()
  .url('must be a URL')
  .refine((s) => /^https?:\/\//i.test(s), 'must start with http:// or https://');

/** Image ratios used by posters and channels. */
export const PosterSize = z.enum(POSTER_SIZES);
export type PosterSize = z.infer<typeof PosterSize>;

/** Pixel dimensions of each poster size. */
export const POSTER_DIMENSIONS: Record<PosterSize, { readonly width: number; readonly height: number }> = POSTER_PIXELS;
