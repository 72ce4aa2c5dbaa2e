import type { Brand, Channel, GroupType, Post, StoreOwner } from '../model/index.js';

/** Head, waist and leg as plain text for one variant (variables resolved, emoji per group rules). */
export interface Sections {
  head: string;
  waist: string;
  leg: string;
}

/**
 * Everything one variant (post × group type × store owner) is made from.
 * Built by src/compose/context.ts; read by caption templates, poster templates and storyboards.
 * Values are plain data (strings, numbers); images are referenced by asset id only.
 */
export interface VariantContext {
  brand: Brand;
  group: GroupType;
  channels: Channel[];
  store: StoreOwner;
  post: Pick<Post, 'id' | 'title' | 'campaign' | 'product' | 'offer' | 'conversionUrl' | 'validFrom' | 'validUntil'>;
  sections: Sections;
  /** The tracking link for this post × group type × store (see src/compose/link.ts). */
  link: string;
  /** Convenience values templates use often. */
  vars: {
    ownerName: string;
    nickname: string;
    catchphrase: string;
    storeName: string;
    address: string;
    offer: string;
    validUntil: string;
    brandName: string;
    price: string;
  };
}
