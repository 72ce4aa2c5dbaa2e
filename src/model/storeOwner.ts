import { z } from 'zod';
import { AssetId, HttpUrl, Id } from './common.js';

/** A store and its owner's persona: the store-owner IP every variant speaks with. */
export const StoreOwner = z.object({
  id: Id,
  storeName: z.string().min(1, 'the store needs a name').max(80),
  ownerName: z.string().min(1, 'the owner needs a name').max(40),
  nickname: z.string().max(40).default(''),
  avatar: AssetId.optional(),
  catchphrase: z.string().max(120).default(''),
  address: z.string().max(200).default(''),
  district: z.string().max(60).default(''),
  phone: z.string().max(40).default(''),
  cloudStoreUrl: HttpUrl.optional(),
  groupTypes: z.array(Id).default([]),
  /** The store delivers to customers' doors: only then may a text promise 送货上门. */
  delivery: z.boolean().default(false),
  /** Where or how it delivers ("幸福里小区内免费送"), shown with the promise. */
  deliveryNote: z.string().max(60).default(''),
  active: z.boolean().default(true),
});
export type StoreOwner = z.infer<typeof StoreOwner>;
