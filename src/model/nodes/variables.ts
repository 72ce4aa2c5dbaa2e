/**
 * The variables a post's head, waist and leg can contain (inserted as VariableNodes in the editor).
 * Shared contract: the serialized node is `{ "type": "variable", "version": 1, "name": <name> }`,
 * and compose turns it into `{{vars.<name>}}` (`link` into `{{link}}`). Browser-safe.
 */

/** Every variable name, in the order the editor's menu lists them. */
export const VARIABLE_NAMES = [
  'ownerName',
  'nickname',
  'catchphrase',
  'storeName',
  'address',
  'district',
  'phone',
  'offer',
  'link',
  'validUntil',
  'brandName',
  'brandIpName',
  'productName',
  'price',
] as const;

/** One variable's name. */
export type VariableName = (typeof VARIABLE_NAMES)[number];

/** How a variable is shown and where its value comes from. */
export interface VariableInfo {
  name: VariableName;
  zh: string;
  en: string;
  /** Where the value is taken from, for tooltips and docs. */
  source: string;
  /** True when the value differs per store owner (store-owner IP). */
  perStore: boolean;
}

/** The variable table: labels in zh-CN and English and the value's source. */
export const VARIABLES: Record<VariableName, VariableInfo> = {
  ownerName: { name: 'ownerName', zh: '店主姓名', en: 'Owner name', source: 'store.ownerName', perStore: true },
  nickname: { name: 'nickname', zh: '店主昵称', en: 'Owner nickname', source: 'store.nickname (or store.ownerName when empty)', perStore: true },
  catchphrase: { name: 'catchphrase', zh: '店主口头禅', en: 'Catchphrase', source: 'store.catchphrase', perStore: true },
  storeName: { name: 'storeName', zh: '门店名称', en: 'Store name', source: 'store.storeName', perStore: true },
  address: { name: 'address', zh: '门店地址', en: 'Store address', source: 'store.address', perStore: true },
  district: { name: 'district', zh: '所在片区', en: 'District', source: 'store.district', perStore: true },
  phone: { name: 'phone', zh: '门店电话', en: 'Store phone', source: 'store.phone', perStore: true },
  offer: { name: 'offer', zh: '优惠内容', en: 'Offer', source: 'post.offer', perStore: false },
  link: { name: 'link', zh: '下单链接', en: 'Order link', source: 'the tracking link (store cloud store or post conversion URL)', perStore: true },
  validUntil: { name: 'validUntil', zh: '截止日期', en: 'Valid until', source: 'post.validUntil as M月D日', perStore: false },
  brandName: { name: 'brandName', zh: '品牌名', en: 'Brand name', source: 'brand.name', perStore: false },
  brandIpName: { name: 'brandIpName', zh: '品牌IP', en: 'Brand IP', source: 'brand.ip.name', perStore: false },
  productName: { name: 'productName', zh: '产品名', en: 'Product name', source: 'post.product.name', perStore: false },
  price: { name: 'price', zh: '价格', en: 'Price', source: 'post.product.price as ¥39.9', perStore: false },
};

/** True when `name` is one of the variable names. */
export function isVariableName(name: unknown): name is VariableName {
  return typeof name === 'string' && (VARIABLE_NAMES as readonly string[]).includes(name);
}

/** The template expression a variable becomes in section text. */
export function variableExpression(name: VariableName): string {
  return name === 'link' ? '{{link}}' : `{{vars.${name}}}`;
}
