import { z } from 'zod';
import { AssetId, HexColor } from './common.js';

/** The brand's mascot or persona (the "brand IP" of the dual-IP strategy). */
export const BrandIp = z.object({
  name: z.string().min(1),
  image: AssetId.optional(),
  greeting: z.string().default(''),
});

/** The brand kit shared by every post and poster. */
export const Brand = z.object({
  name: z.string().min(1, 'the brand needs a name'),
  slogan: z.string().default(''),
  colors: z.object({
    primary: HexColor,
    secondary: HexColor,
    accent: HexColor,
    background: HexColor,
    text: HexColor,
  }),
  logo: AssetId.optional(),
  ip: BrandIp,
});
export type Brand = z.infer<typeof Brand>;
export type BrandIp = z.infer<typeof BrandIp>;
