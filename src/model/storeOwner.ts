import { z } from 'zod';
import { AssetId, HttpUrl, Id } from './common.js';
import { unsafeTextReason } from './plain-text.js';

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

/** The store's names: shown on terminals, phones and in file names, one line each. */
export const STORE_NAME_FIELDS = ['storeName', 'ownerName', 'nickname', 'district', 'phone'] as const;
/** The store's other text: line breaks and tabs allowed, no other control characters. */
export const STORE_TEXT_FIELDS = ['catchphrase', 'address'] as const;

/**
 * A store as it comes in (import rows, stores.save, bundles): the model plus a refusal of control
 * and bidi characters in its text. Kept apart from StoreOwner so a workspace saved before this rule
 * still opens.
 */
export const StoreOwnerInput = StoreOwner.superRefine((store, ctx) => {
  for (const field of STORE_NAME_FIELDS) {
    const why = unsafeTextReason(store[field]);
    if (why) ctx.addIssue({ code: 'custom', path: [field], message: why });
  }
  for (const field of STORE_TEXT_FIELDS) {
    const why = unsafeTextReason(store[field], { multiline: true });
    if (why) ctx.addIssue({ code: 'custom', path: [field], message: why });
  }
});
