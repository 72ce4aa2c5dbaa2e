import type { Brand, Channel, GroupType, Post, StoreOwner } from '../model/index.js';

/** Head, waist and leg as plain text for one variant (variables resolved, emoji per group rules). */
export interface Sections {
  head: string;
  waist: string;
  leg: string;
}

/** The three parts of a post. */
export type SectionName = keyof Sections;

/**
 * Everything one variant (post × group type × store owner) is made from.
 * Built by src/compose/context.ts; read by caption templates, poster templates and storyboards.
 * Values are plain data (strings, numbers); images are referenced by asset id only.
 */
export interface VariantContext {
  brand: Brand;
  group: GroupType;
  /** The channels the group type posts to, in the group's order (unknown ids are skipped). */
  channels: Channel[];
  store: StoreOwner;
  post: Pick<Post, 'id' | 'title' | 'campaign' | 'product' | 'offer' | 'vipBenefit' | 'limit' | 'conversionUrl' | 'validFrom' | 'validUntil'>;
  sections: Sections;
  /** The post's opening line for this group type (post.hooks[group.id], emoji per the group's policy); '' when it has none. */
  hook: string;
  /** The tracking link for this post × group type × store (see src/compose/link.ts). */
  link: string;
  /** Convenience values templates use often; the section variables (`{{vars.x}}`) read these. */
  vars: {
    ownerName: string;
    /** The store's nickname, or its owner's name when it has none. */
    nickname: string;
    catchphrase: string;
    storeName: string;
    address: string;
    district: string;
    phone: string;
    offer: string;
    /** The tracking link (same as `link`). */
    link: string;
    /** post.validUntil as "M月D日". */
    validUntil: string;
    brandName: string;
    brandIpName: string;
    productName: string;
    /** post.product.price as "¥39.9". */
    price: string;
  };
}
