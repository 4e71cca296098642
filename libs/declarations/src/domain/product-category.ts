/**
 * Product categories of a declared product: the 15 key consumer product categories of the Guangdong plan
 * (domain.md §3), plus `other` for every product outside them.
 */

/** Every category code, the 15 key categories in the order of domain.md §3 and then `other`. */
export const PRODUCT_CATEGORIES = Object.freeze([
  'air_purifier',
  'rice_cooker',
  'smart_toilet_seat',
  'smartphone',
  'children_diaper',
  'toy',
  'infant_clothing',
  'kitchenware',
  'bedding',
  'furniture',
  'water_heater',
  'kitchen_appliance',
  'hair_dryer',
  'leather_luggage',
  'audio_equipment',
  'other',
] as const);

export type ProductCategory = (typeof PRODUCT_CATEGORIES)[number];

/** The 15 key consumer product categories of the Guangdong plan (domain.md §3). */
export const KEY_CATEGORIES: readonly Exclude<ProductCategory, 'other'>[] = Object.freeze(
  PRODUCT_CATEGORIES.filter((c): c is Exclude<ProductCategory, 'other'> => c !== 'other'),
);

/** The Chinese names of the categories as the Guangdong plan lists them (domain.md §3). */
export const CATEGORY_LABELS_ZH: Readonly<Record<ProductCategory, string>> = Object.freeze({
  air_purifier: '空气净化器',
  rice_cooker: '电饭锅',
  smart_toilet_seat: '智能马桶盖',
  smartphone: '智能手机',
  children_diaper: '儿童纸尿裤',
  toy: '玩具',
  infant_clothing: '婴幼儿服装',
  kitchenware: '厨具',
  bedding: '床上用品',
  furniture: '家具',
  water_heater: '热水器',
  kitchen_appliance: '厨房电器',
  hair_dryer: '电吹风',
  leather_luggage: '皮具箱包',
  audio_equipment: '音响设备',
  other: '其他',
});

/** A category code is one of the list above, spelt exactly (domain.md §3). */
export const isProductCategory = (value: unknown): value is ProductCategory =>
  typeof value === 'string' && (PRODUCT_CATEGORIES as readonly string[]).includes(value);

/** Whether a category is one of the 15 key consumer product categories (domain.md §3). */
export const isKeyCategory = (value: unknown): boolean => isProductCategory(value) && value !== 'other';
