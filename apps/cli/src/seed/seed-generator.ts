import { CHINA_UTC_OFFSET_MS, addDays, mulberry32 } from '@regledger/shared';
import { usccCheckCharacter, USCC_ALPHABET } from '@regledger/enterprises';
import type { DeregisterEnterpriseData, RegisterEnterpriseData, RenameEnterpriseData } from '@regledger/enterprises';
import { DEFAULT_DECLARATION_POLICY, KEY_CATEGORIES, lateReasons } from '@regledger/declarations';
import type { DeclarationContent, DeclarationPolicy, DeclaredProduct, Indicator, ProductCategory, StandardKind } from '@regledger/declarations';
import { SEED_PROVINCES } from './seed-divisions.js';
import type { SeedCity, SeedDistrict, SeedProvince } from './seed-divisions.js';

/**
 * A deterministic plan of commands for a realistic data set: enterprises across a province's cities and districts,
 * their declarations of real standards over the two years before `now`, reviews, renames with the re-declarations
 * they require, and a few deregistrations. Pure: the same options give the same plan, step for step.
 */

// ---------------------------------------------------------------------------------------------------------------
// Randomness and time
// ---------------------------------------------------------------------------------------------------------------

export { mulberry32 };

export class SeedRandom {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  float(): number {
    return this.next();
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, w]) => sum + w, 0);
    let x = this.next() * total;
    for (const [item, w] of items) {
      x -= w;
      if (x < 0) return item;
    }
    return items[items.length - 1][0];
  }

  /** A standard normal draw (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }

  /** A number in [min, max] written with `digits` decimals. */
  fixed(min: number, max: number, digits: number): string {
    const v = min + this.next() * (max - min);
    return digits === 0 ? String(Math.round(v)) : v.toFixed(digits);
  }
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The China-time calendar date of an instant. */
export const chinaDateOf = (ms: number): string => new Date(ms + CHINA_UTC_OFFSET_MS).toISOString().slice(0, 10);
/** The instant a China calendar day starts. */
const chinaDayStart = (date: string): number => Date.parse(`${date}T00:00:00Z`) - CHINA_UTC_OFFSET_MS;
const yearOf = (date: string): string => date.slice(0, 4);

/** An instant in China office hours (08:30–17:30, weekdays; a few things happen at weekends), never earlier than `ms`. */
const officeTime = (ms: number, r: SeedRandom): number => {
  let day = chinaDayStart(chinaDateOf(ms));
  const offset = 8 * HOUR + 30 * MINUTE + r.int(0, 9 * 60 - 1) * MINUTE + r.int(0, 59) * 1000;
  const weekendOk = r.chance(0.06);
  for (;;) {
    const weekday = new Date(day + CHINA_UTC_OFFSET_MS).getUTCDay();
    if ((weekday === 6 || weekday === 0) && !weekendOk) day += DAY;
    else if (day + offset < ms) day += DAY;
    else return day + offset;
  }
};

// ---------------------------------------------------------------------------------------------------------------
// Administrative divisions (GB/T 2260)
// ---------------------------------------------------------------------------------------------------------------

export { SEED_PROVINCES } from './seed-divisions.js';
export type { SeedCity, SeedDistrict, SeedProvince } from './seed-divisions.js';

// ---------------------------------------------------------------------------------------------------------------
// Standards (domain.md §3)
// ---------------------------------------------------------------------------------------------------------------

export interface CatalogueStandard {
  number: string;
  title: string;
  /** YYYY-MM-DD. */
  issuedOn: string;
  /** YYYY-MM-DD: the first day enterprises execute it, when later than its issue. */
  usableFrom?: string;
  /** YYYY-MM-DD: from this day its successor replaces it. */
  replacedOn?: string;
  successor?: string;
}

const std = (number: string, title: string, issuedOn: string, extra: Partial<CatalogueStandard> = {}): CatalogueStandard => ({ number, title, issuedOn, ...extra });

/**
 * National, industry and local numbers are real standards with their titles. Group standards other than
 * T/XZYC 0055-2024 and T/PCA 004-2023 are shaped like real ones (association code, number, year) but illustrative,
 * and so are the titles given to DB36/T 1659-2022, DB4201/T 678-2023, T/XZYC 0055-2024 and T/PCA 004-2023.
 * GB 4706.1-2005 is replaced by GB/T 4706.1-2024 from 2026-08-01 (domain.md §3).
 */
export const SEED_STANDARDS: readonly CatalogueStandard[] = [
  std('GB 4706.1-2005', '家用和类似用途电器的安全 第1部分：通用要求', '2005-08-26', { replacedOn: '2026-08-01', successor: 'GB/T 4706.1-2024' }),
  std('GB/T 4706.1-2024', '家用和类似用途电器的安全 第1部分：通用要求', '2024-07-24', { usableFrom: '2026-08-01' }),
  std('GB 4343.1-2018', '家用电器、电动工具和类似器具的电磁兼容要求 第1部分：发射', '2018-05-14'),
  std('GB/T 18801-2022', '空气净化器', '2022-10-12'),
  std('GB 4706.45-2008', '家用和类似用途电器的安全 空气净化器的特殊要求', '2008-12-30'),
  std('GB 21551.3-2010', '家用和类似用途电器的抗菌、除菌、净化功能 空气净化器的特殊要求', '2010-09-26'),
  std('T/CHEAA 0016-2022', '家用和类似用途空气净化器 除菌性能评价', '2022-06-20'),
  std('GB 4706.19-2008', '家用和类似用途电器的安全 液体加热器的特殊要求', '2008-12-30'),
  std('GB 12021.6-2017', '自动电饭锅能效限定值及能效等级', '2017-09-07'),
  std('T/CHEAA 0021-2023', '电饭锅 米饭口感评价方法', '2023-04-18'),
  std('GB/T 23131-2019', '家用和类似用途电坐便器便座', '2019-03-25'),
  std('GB/T 34549-2017', '卫生洁具 智能坐便器', '2017-10-14'),
  std('GB 4706.53-2008', '家用和类似用途电器的安全 坐便器的特殊要求', '2008-12-30'),
  std('GB 38448-2019', '智能坐便器能效水效限定值及等级', '2019-12-31'),
  std('T/CHEAA 0012-2021', '智能坐便器 清洗舒适性评价', '2021-08-10'),
  std('GB 4943.1-2022', '音视频、信息技术和通信技术设备 第1部分：安全要求', '2022-07-11'),
  std('GB 31241-2022', '便携式电子产品用锂离子电池和电池组 安全技术规范', '2022-12-29'),
  std('GB/T 18287-2013', '移动电话用锂离子蓄电池及蓄电池组总规范', '2013-12-31'),
  std('T/CESA 1183-2022', '移动智能终端 快充性能技术要求', '2022-03-15'),
  std('GB/T 28004.1-2021', '纸尿裤 第1部分：婴儿纸尿裤', '2021-08-20'),
  std('GB 15979-2002', '一次性使用卫生用品卫生标准', '2002-03-05'),
  std('T/CNHPIA 0008-2023', '婴儿纸尿裤 柔软度评价', '2023-05-30'),
  std('GB 6675.1-2014', '玩具安全 第1部分：基本规范', '2014-05-06'),
  std('GB 6675.2-2014', '玩具安全 第2部分：机械与物理性能', '2014-05-06'),
  std('GB 6675.3-2014', '玩具安全 第3部分：易燃性能', '2014-05-06'),
  std('GB 6675.4-2014', '玩具安全 第4部分：特定元素的迁移', '2014-05-06'),
  std('GB 19865-2005', '电玩具的安全', '2005-09-09'),
  std('GB/T 26701-2011', '模型产品通用技术要求', '2011-07-29'),
  std('T/CTJPA 0006-2022', '益智类积木玩具', '2022-11-08'),
  std('GB 31701-2015', '婴幼儿及儿童纺织产品安全技术规范', '2015-05-26'),
  std('FZ/T 81014-2008', '婴幼儿服装', '2008-04-23'),
  std('FZ/T 73025-2013', '婴幼儿针织服饰', '2013-10-17'),
  std('GB 18401-2010', '国家纺织产品基本安全技术规范', '2011-01-14'),
  std('T/CNTAC 0045-2022', '婴幼儿A类纺织服装 舒适性评价', '2022-09-26'),
  std('GB 4806.9-2016', '食品安全国家标准 食品接触用金属材料及制品', '2016-10-19'),
  std('GB 4806.1-2016', '食品安全国家标准 食品接触材料及制品通用安全要求', '2016-10-19'),
  std('QB/T 2174-2006', '不锈钢厨具', '2006-08-19'),
  std('T/CAS 512-2021', '不粘锅具 耐用性评价', '2021-12-20'),
  std('GB/T 22844-2009', '配套床上用品', '2009-03-19'),
  std('GB/T 22797-2009', '床单', '2009-03-19'),
  std('GB/T 22796-2021', '被、被套', '2021-05-21'),
  std('GB/T 24252-2019', '蚕丝被', '2019-08-30'),
  std('GB/T 17685-2016', '羽绒羽毛', '2016-02-24'),
  std('T/CNTAC 0061-2023', '蚕丝被 舒适性评价', '2023-03-28'),
  std('GB 28007-2011', '儿童家具通用技术条件', '2011-10-31'),
  std('GB 18584-2001', '室内装饰装修材料 木家具中有害物质限量', '2001-12-10'),
  std('GB/T 3324-2017', '木家具通用技术条件', '2017-12-29'),
  std('GB/T 3325-2017', '金属家具通用技术条件', '2017-12-29'),
  std('QB/T 2530-2011', '木制柜', '2011-12-20'),
  std('QB/T 2280-2016', '办公家具 办公椅', '2016-10-22'),
  std('QB/T 1952.1-2012', '软体家具 沙发', '2012-12-28'),
  std('GB 17927.1-2011', '软体家具 床垫和沙发 抗引燃特性的评定 第1部分：阴燃的香烟', '2011-12-30'),
  std('T/CNFA 0018-2022', '实木家具 绿色评价', '2022-07-12'),
  std('GB 4706.12-2006', '家用和类似用途电器的安全 储水式热水器的特殊要求', '2006-03-06'),
  std('GB 4706.11-2008', '家用和类似用途电器的安全 快热式热水器的特殊要求', '2008-12-30'),
  std('GB 21519-2008', '储水式电热水器能效限定值及能效等级', '2008-03-24'),
  std('GB/T 20289-2006', '储水式电热水器', '2006-04-18'),
  std('GB 6932-2015', '家用燃气快速热水器', '2015-05-15'),
  std('GB 20665-2015', '家用燃气快速热水器和燃气采暖热水炉能效限定值及能效等级', '2015-05-15'),
  std('GB 29541-2013', '热泵热水机（器）能效限定值及能效等级', '2013-06-09'),
  std('GB/T 23137-2020', '家用和类似用途热泵热水器', '2020-11-19'),
  std('T/CHEAA 0024-2024', '零冷水燃气热水器 舒适性评价', '2024-01-16'),
  std('GB 4706.28-2008', '家用和类似用途电器的安全 吸油烟机的特殊要求', '2008-12-30'),
  std('GB/T 17713-2022', '吸油烟机及其他烹饪烟气吸排装置', '2022-04-15'),
  std('GB 29539-2013', '吸油烟机能效限定值及能效等级', '2013-06-09'),
  std('GB 4706.29-2008', '家用和类似用途电器的安全 便携式电磁灶的特殊要求', '2008-12-30'),
  std('GB 21456-2014', '家用电磁灶能效限定值及能效等级', '2014-12-05'),
  std('GB 4706.21-2008', '家用和类似用途电器的安全 微波炉，包括组合型微波炉的特殊要求', '2008-12-30'),
  std('GB 24849-2017', '家用和类似用途微波炉能效限定值及能效等级', '2017-09-07'),
  std('GB 4706.30-2008', '家用和类似用途电器的安全 厨房机械的特殊要求', '2008-12-30'),
  std('GB 4706.14-2008', '家用和类似用途电器的安全 烤架、面包片烘烤器及类似用途便携式烹饪器具的特殊要求', '2008-12-30'),
  std('T/CHEAA 0019-2023', '空气炸锅 烹饪性能评价', '2023-02-21'),
  std('GB 4706.15-2008', '家用和类似用途电器的安全 皮肤及毛发护理器具的特殊要求', '2008-12-30'),
  std('T/CHEAA 0027-2024', '高速电吹风 护发性能评价', '2024-06-11'),
  std('QB/T 1333-2018', '背提包', '2018-04-30'),
  std('QB/T 2155-2018', '旅行箱包', '2018-04-30'),
  std('QB/T 1619-2018', '票夹', '2018-04-30'),
  std('GB 20400-2006', '皮革和毛皮 有害物质限量', '2006-07-18'),
  std('T/CLIA 0011-2023', '真皮箱包 耐用性评价', '2023-08-22'),
  std('GB/T 12060.5-2011', '声系统设备 第5部分：扬声器主要性能测试方法', '2011-12-30'),
  std('GB/T 12060.3-2011', '声系统设备 第3部分：声频放大器测量方法', '2011-12-30'),
  std('GB 13837-2012', '声音和电视广播接收机及有关设备 无线电骚扰特性 限值和测量方法', '2012-12-31'),
  std('T/CESA 1159-2021', '真无线蓝牙耳机 音质评价', '2021-07-20'),
  std('GB 7000.1-2015', '灯具 第1部分：一般要求与试验', '2015-12-31'),
  std('GB/T 35590-2017', '信息技术 便携式数字设备用移动电源通用规范', '2017-12-29'),
  std('GB 4806.7-2016', '食品安全国家标准 食品接触用塑料材料及制品', '2016-10-19'),
  std('GB 17761-2018', '电动自行车安全技术规范', '2018-05-15'),
  std('DB36/T 1659-2022', '竹制砧板', '2022-08-18'),
  std('DB4201/T 678-2023', '电动自行车用充电器', '2023-06-15'),
  std('DB11/ 501-2017', '大气污染物综合排放标准', '2017-01-10'),
  std('T/XZYC 0055-2024', '竹木餐具', '2024-03-20'),
  std('T/PCA 004-2023', '塑料保鲜盒', '2023-09-05'),
];

const STANDARD_BY_NUMBER: ReadonlyMap<string, CatalogueStandard> = new Map(SEED_STANDARDS.map((s) => [s.number, s]));

/** The kind a number's shape says (domain.md §3): `Q/` enterprise, `T/` group, `GB` national, `DB` + division code local. */
export const seedStandardKind = (number: string): StandardKind =>
  number.startsWith('Q/') ? 'enterprise' : number.startsWith('T/') ? 'group' : /^GB[ /]/.test(number) ? 'national' : /^DB\d/.test(number) ? 'local' : 'industry';

/** Mandatory exactly when the prefix carries no `/T` or `/Z`: `GB`, `DB44/`, `QB`; group and enterprise standards never are. */
export const seedStandardMandatory = (number: string): boolean => {
  const kind = seedStandardKind(number);
  if (kind === 'group' || kind === 'enterprise') return false;
  const prefix = number.split(' ')[0];
  return !prefix.endsWith('/T') && !prefix.endsWith('/Z');
};

// ---------------------------------------------------------------------------------------------------------------
// Products, their standards and their indicators
// ---------------------------------------------------------------------------------------------------------------

type PickOne = <T>(items: readonly T[]) => T;

export interface ProductTemplate {
  name: string;
  model(brand: string, n: (min: number, max: number) => number, pick: PickOne): string;
}

export interface IndicatorTemplate {
  name: string;
  type: Indicator['type'];
  value(r: SeedRandom): string;
  unit: string | null;
  testMethod: string;
}

/** Products made to the same standards and described by the same indicators. */
export interface ProductFamily {
  /** Title of the enterprise and group standards written for the family. */
  title: string;
  products: readonly ProductTemplate[];
  /** Numbers of catalogue standards the family is made to. */
  standards: readonly string[];
  indicators: readonly IndicatorTemplate[];
  /** The recommended standard indicators are compared with (Measures art. 14). */
  reference?: string;
}

const prod = (name: string, model: ProductTemplate['model']): ProductTemplate => ({ name, model });
const ind = (name: string, type: Indicator['type'], value: IndicatorTemplate['value'], unit: string | null, testMethod: string): IndicatorTemplate => ({
  name,
  type,
  value,
  unit,
  testMethod,
});
const ge = (min: number, max: number, digits = 0) => (r: SeedRandom) => `≥${r.fixed(min, max, digits)}`;
const le = (min: number, max: number, digits = 0) => (r: SeedRandom) => `≤${r.fixed(min, max, digits)}`;
const one = (...values: string[]) => (r: SeedRandom) => r.pick(values);

const APPLIANCE = ['GB 4706.1-2005', 'GB/T 4706.1-2024', 'GB 4343.1-2018'];
const NOISE = 'GB/T 4214.1-2017';
const INPUT_POWER = 'GB 4706.1-2005 第10章';
const BY_MANUAL = '按使用说明书操作验证';
const FORMALDEHYDE_TEXTILE = ind('甲醛含量', 'performance', one('≤20', '≤75'), 'mg/kg', 'GB/T 2912.1-2009');
const PH_TEXTILE = ind('pH值', 'performance', one('4.0~7.5', '4.0~8.5'), null, 'GB/T 7573-2009');

export const PRODUCT_FAMILIES: Readonly<Record<ProductCategory, readonly ProductFamily[]>> = Object.freeze({
  air_purifier: [
    {
      title: '空气净化器',
      products: [
        prod('空气净化器', (b, n, pick) => `KJ${pick([300, 350, 400, 450, 500, 550, 600, 700, 800])}F-${b}${n(1, 9)}${pick(['', 'A', 'S', 'Pro'])}`),
        prod('除甲醛空气净化器', (b, n, pick) => `KJ${pick([400, 500, 600])}G-${b}${n(10, 99)}`),
      ],
      standards: ['GB/T 18801-2022', 'GB 4706.45-2008', 'GB 21551.3-2010', 'T/CHEAA 0016-2022', ...APPLIANCE],
      indicators: [
        ind('颗粒物洁净空气量（CADR）', 'performance', ge(300, 800), 'm³/h', 'GB/T 18801-2022 附录B'),
        ind('甲醛洁净空气量', 'performance', ge(100, 400), 'm³/h', 'GB/T 18801-2022 附录C'),
        ind('颗粒物累积净化量（CCM）', 'performance', one('P3', 'P4'), null, 'GB/T 18801-2022 附录D'),
        ind('甲醛累积净化量', 'performance', one('F3', 'F4'), null, 'GB/T 18801-2022 附录D'),
        ind('颗粒物净化能效', 'performance', ge(5, 12, 1), 'm³/(W·h)', 'GB/T 18801-2022 附录E'),
        ind('最大档噪声', 'performance', le(52, 68), 'dB(A)', NOISE),
        ind('臭氧浓度增加量', 'performance', le(0.02, 0.05, 2), 'mg/m³', 'GB 21551.3-2010 附录A'),
        ind('APP远程控制', 'functional', one('支持'), null, BY_MANUAL),
      ],
      reference: 'GB/T 18801-2022',
    },
    {
      title: '车载空气净化器',
      products: [prod('车载空气净化器', (b, n) => `CZ-${b}${n(10, 99)}`)],
      standards: ['GB/T 18801-2022', 'GB 4343.1-2018'],
      indicators: [
        ind('颗粒物洁净空气量（CADR）', 'performance', ge(30, 90), 'm³/h', 'GB/T 18801-2022 附录B'),
        ind('最大档噪声', 'performance', le(45, 55), 'dB(A)', NOISE),
        ind('额定电压', 'performance', one('12V DC', '5V USB'), null, '电压表测量'),
      ],
      reference: 'GB/T 18801-2022',
    },
  ],
  rice_cooker: [
    {
      title: '电饭锅',
      products: [
        prod('电饭煲', (b, n, pick) => `${b}-FB${pick([30, 40, 50])}${pick(['E', 'S', 'M'])}${n(100, 999)}`),
        prod('IH电饭煲', (b, n, pick) => `${b}-IH${pick([30, 40, 50])}${n(10, 99)}`),
        prod('电压力煲', (b, n, pick) => `YL${pick([50, 60])}-${b}${n(100, 999)}`),
        prod('迷你电饭煲', (b, n) => `${b}-FB16M${n(10, 99)}`),
      ],
      standards: ['GB 4706.19-2008', 'GB 12021.6-2017', 'T/CHEAA 0021-2023', ...APPLIANCE],
      indicators: [
        ind('热效率', 'performance', ge(82, 90), '%', 'GB 12021.6-2017 附录A'),
        ind('保温能耗', 'performance', le(20, 40), 'W·h', 'GB 12021.6-2017 附录A'),
        ind('额定容量', 'performance', one('3.0', '4.0', '5.0'), 'L', '量具测量'),
        ind('额定功率', 'performance', one('700', '860', '1000', '1200'), 'W', INPUT_POWER),
        ind('内胆不粘涂层耐磨性', 'performance', ge(5000, 20000), '次', 'GB/T 32095.2-2015'),
        ind('预约定时', 'functional', one('24小时预约'), null, BY_MANUAL),
      ],
    },
  ],
  smart_toilet_seat: [
    {
      title: '智能坐便器',
      products: [
        prod('智能马桶盖', (b, n, pick) => `${b}-ZN${n(10, 99)}${pick(['A', 'B', 'S'])}`),
        prod('即热式智能便座', (b, n) => `${b}-JR${n(100, 999)}`),
        prod('一体式智能坐便器', (b, n, pick) => `${b}-YT${n(10, 99)}${pick(['', 'Pro', 'Max'])}`),
      ],
      standards: ['GB/T 23131-2019', 'GB/T 34549-2017', 'GB 4706.53-2008', 'GB 38448-2019', 'T/CHEAA 0012-2021', ...APPLIANCE],
      indicators: [
        ind('清洗水量', 'performance', one('0.5~1.0', '0.6~1.2'), 'L/min', 'GB/T 23131-2019'),
        ind('座圈温度', 'performance', one('35~39', '36~40'), '℃', 'GB/T 23131-2019'),
        ind('能效等级', 'performance', one('1级', '2级'), null, 'GB 38448-2019'),
        ind('平均用水量', 'performance', le(4, 5, 1), 'L', 'GB 38448-2019'),
        ind('待机功率', 'performance', le(0.5, 1.5, 1), 'W', 'GB 38448-2019'),
        ind('喷头自洁', 'functional', one('支持'), null, BY_MANUAL),
      ],
      reference: 'GB/T 23131-2019',
    },
  ],
  smartphone: [
    {
      title: '智能手机',
      products: [
        prod('智能手机', (b, n, pick) => `${b}${n(2301, 2612)}${pick(['A', 'C', 'T', 'E'])}`),
        prod('5G智能手机', (b, n, pick) => `${b}-5G${n(10, 99)}${pick(['', ' Pro', ' Plus'])}`),
        prod('老年智能手机', (b, n) => `${b}-L${n(100, 999)}`),
      ],
      standards: ['GB 4943.1-2022', 'GB 31241-2022', 'GB/T 18287-2013', 'T/CESA 1183-2022'],
      indicators: [
        ind('电池额定容量', 'performance', ge(4000, 6000), 'mAh', 'GB/T 18287-2013'),
        ind('比吸收率（SAR）', 'performance', le(0.6, 1.8, 2), 'W/kg', 'GB 21288-2022'),
        ind('防尘防水等级', 'performance', one('IP54', 'IP67', 'IP68'), null, 'GB/T 4208-2017'),
        ind('有线充电功率', 'performance', one('18', '33', '67', '120'), 'W', 'YD/T 1591-2009'),
        ind('跌落', 'performance', one('1.0m六面各一次无功能异常', '1.2m六面各一次无功能异常'), null, 'GB/T 2423.7-2018'),
        ind('双卡双待', 'functional', one('支持'), null, BY_MANUAL),
      ],
      reference: 'GB/T 18287-2013',
    },
  ],
  children_diaper: [
    {
      title: '婴儿纸尿裤',
      products: [
        prod('婴儿纸尿裤', (_b, _n, pick) => `${pick(['NB', 'S', 'M', 'L', 'XL'])}码 ${pick([84, 72, 64, 58, 54, 44])}片`),
        prod('婴儿拉拉裤', (_b, _n, pick) => `${pick(['L', 'XL', 'XXL', 'XXXL'])}码 ${pick([48, 42, 36, 32])}片`),
        prod('超薄透气纸尿裤', (_b, _n, pick) => `${pick(['S', 'M', 'L'])}码 ${pick([80, 66, 60])}片`),
      ],
      standards: ['GB/T 28004.1-2021', 'GB 15979-2002', 'T/CNHPIA 0008-2023'],
      indicators: [
        ind('滑渗量', 'performance', le(10, 20), 'mL', 'GB/T 28004.1-2021'),
        ind('回渗量', 'performance', le(1, 5, 1), 'g', 'GB/T 28004.1-2021'),
        ind('渗漏量', 'performance', le(0.1, 0.5, 1), 'g', 'GB/T 28004.1-2021'),
        ind('pH值', 'performance', one('4.0~8.0'), null, 'GB/T 28004.1-2021'),
        ind('细菌菌落总数', 'performance', le(100, 200), 'CFU/g', 'GB 15979-2002 附录B'),
      ],
      reference: 'GB/T 28004.1-2021',
    },
  ],
  toy: [
    {
      title: '遥控玩具车',
      products: [prod('遥控越野车', (b, n, pick) => `${b}-RC${pick(['1:12', '1:16', '1:18'])}-${n(100, 999)}`), prod('遥控特技车', (b, n) => `${b}-TJ${n(100, 999)}`)],
      standards: ['GB 6675.1-2014', 'GB 6675.2-2014', 'GB 19865-2005', 'GB/T 26701-2011'],
      indicators: [
        ind('可迁移元素 铅', 'performance', one('≤90'), 'mg/kg', 'GB 6675.4-2014'),
        ind('遥控距离', 'performance', ge(30, 80), 'm', '空旷场地实测'),
        ind('续航时间', 'performance', ge(20, 60), 'min', '满电状态连续运行计时'),
        ind('小零件', 'performance', one('含小零件，标注警示（适用3岁以上）'), null, 'GB 6675.2-2014 附录A'),
      ],
      reference: 'GB/T 26701-2011',
    },
    {
      title: '益智积木玩具',
      products: [
        prod('拼插积木', (b, n) => `${b}${n(1000, 9999)}`),
        prod('益智拼图', (_b, n, pick) => `PT-${pick([100, 200, 500, 1000])}-${n(10, 99)}`),
        prod('过家家厨房玩具', (b, n) => `${b}-GJJ${n(10, 99)}`),
      ],
      standards: ['GB 6675.1-2014', 'GB 6675.2-2014', 'GB 6675.4-2014', 'T/CTJPA 0006-2022'],
      indicators: [
        ind('可迁移元素 铅', 'performance', one('≤90'), 'mg/kg', 'GB 6675.4-2014'),
        ind('邻苯二甲酸酯增塑剂总量', 'performance', one('≤0.1'), '%', 'GB/T 22048-2022'),
        ind('小零件', 'performance', one('不含小零件（适用3岁以下）', '含小零件，标注警示（适用3岁以上）'), null, 'GB 6675.2-2014 附录A'),
        ind('拼插力', 'performance', one('10~40'), 'N', '推拉力计测量'),
      ],
    },
    {
      title: '毛绒玩具',
      products: [prod('毛绒玩具', (b, n, pick) => `${b}-MR${n(100, 999)} ${pick([25, 35, 45, 60])}cm`)],
      standards: ['GB 6675.1-2014', 'GB 6675.2-2014', 'GB 6675.3-2014'],
      indicators: [
        ind('燃烧速率', 'performance', le(10, 30), 'mm/s', 'GB 6675.3-2014'),
        ind('小零件', 'performance', one('不含小零件（适用3岁以下）'), null, 'GB 6675.2-2014 附录A'),
        ind('接缝强力', 'performance', ge(70, 90), 'N', 'GB 6675.2-2014'),
      ],
    },
  ],
  infant_clothing: [
    {
      title: '婴幼儿服装',
      products: [
        prod('婴儿纯棉连体衣', (b, n, pick) => `${b}${n(23, 26)}${pick(['S', 'A', 'W'])}${n(100, 999)}`),
        prod('婴幼儿针织爬服', (_b, n, pick) => `PF${n(23, 26)}${pick(['S', 'A', 'W'])}${n(100, 999)}`),
        prod('婴儿睡袋', (b, n, pick) => `SD-${b}${n(10, 99)} ${pick(['80', '90', '100'])}cm`),
        prod('新生儿和尚服套装', (_b, n) => `HS${n(1000, 9999)}`),
      ],
      standards: ['GB 31701-2015', 'FZ/T 81014-2008', 'FZ/T 73025-2013', 'GB 18401-2010', 'T/CNTAC 0045-2022'],
      indicators: [
        FORMALDEHYDE_TEXTILE,
        PH_TEXTILE,
        ind('耐水色牢度', 'performance', one('≥3-4', '≥4'), '级', 'GB/T 5713-2013'),
        ind('耐唾液色牢度', 'performance', one('≥4'), '级', 'GB/T 18886-2019'),
        ind('纤维含量', 'performance', one('棉100%', '棉95% 氨纶5%'), null, 'GB/T 2910（所有部分）'),
        ind('绳带', 'functional', one('头颈部无绳带'), null, 'GB 31701-2015'),
      ],
      reference: 'FZ/T 81014-2008',
    },
  ],
  kitchenware: [
    {
      title: '不锈钢锅具',
      products: [
        prod('不锈钢炒锅', (b, n, pick) => `CG${pick([28, 30, 32, 34])}-${b}${n(1, 99)}`),
        prod('不锈钢汤锅', (b, n, pick) => `TG${pick([20, 22, 24, 26])}-${b}${n(1, 99)}`),
        prod('不粘煎锅', (b, n, pick) => `JG${pick([24, 26, 28])}-${b}${n(1, 99)}`),
        prod('不锈钢蒸锅', (_b, n, pick) => `ZG${pick([26, 28, 30, 32])}-${n(1, 99)}`),
      ],
      standards: ['GB 4806.9-2016', 'GB 4806.1-2016', 'QB/T 2174-2006', 'T/CAS 512-2021'],
      indicators: [
        ind('铅迁移量', 'performance', one('≤0.05'), 'mg/kg', 'GB 31604.49-2016'),
        ind('铬迁移量', 'performance', one('≤2.0'), 'mg/kg', 'GB 31604.49-2016'),
        ind('锅体厚度', 'performance', ge(0.6, 1.5, 1), 'mm', '千分尺测量'),
        ind('不粘性', 'performance', one('I级', 'II级'), null, 'GB/T 32095.1-2015'),
        ind('复合底结合强度', 'performance', one('无分层、脱落'), null, 'QB/T 2174-2006'),
        ind('适用炉具', 'functional', one('燃气灶、电磁炉通用'), null, BY_MANUAL),
      ],
      reference: 'QB/T 2174-2006',
    },
    {
      title: '厨用刀具',
      products: [prod('不锈钢厨用刀具', (_b, n, pick) => `${pick(['CD', 'QD', 'ZD'])}-${n(100, 999)}`), prod('不锈钢厨房剪刀', (b, n) => `JD-${b}${n(10, 99)}`)],
      standards: ['GB 4806.9-2016', 'GB 4806.1-2016'],
      indicators: [
        ind('铬迁移量', 'performance', one('≤2.0'), 'mg/kg', 'GB 31604.49-2016'),
        ind('刃口硬度', 'performance', one('52~56', '54~58'), 'HRC', 'GB/T 230.1-2018'),
        ind('锋利度', 'performance', ge(50, 120), 'mm', '本标准附录A'),
      ],
    },
  ],
  bedding: [
    {
      title: '配套床上用品',
      products: [prod('四件套', (b, n, pick) => `${b}-${n(100, 999)} ${pick(['1.5m', '1.8m', '2.0m'])}`), prod('夏凉被', (b, n) => `XLB-${b}${n(100, 999)}`)],
      standards: ['GB/T 22844-2009', 'GB/T 22797-2009', 'GB 18401-2010'],
      indicators: [
        FORMALDEHYDE_TEXTILE,
        PH_TEXTILE,
        ind('断裂强力', 'performance', ge(200, 400), 'N', 'GB/T 3923.1-2013'),
        ind('水洗尺寸变化率', 'performance', one('-3.0~+2.0'), '%', 'GB/T 8630-2013'),
      ],
      reference: 'GB/T 22844-2009',
    },
    {
      title: '蚕丝被',
      products: [prod('桑蚕丝被', (_b, n, pick) => `SCB-${n(100, 999)} ${pick(['200×230cm', '220×240cm'])}`)],
      standards: ['GB/T 24252-2019', 'GB/T 22796-2021', 'GB 18401-2010', 'T/CNTAC 0061-2023'],
      indicators: [
        ind('蚕丝含量', 'performance', one('100%桑蚕丝', '≥50%桑蚕丝'), null, 'GB/T 24252-2019'),
        ind('充填物质量', 'performance', one('1000', '1500', '2000'), 'g', '称量'),
        FORMALDEHYDE_TEXTILE,
        PH_TEXTILE,
      ],
      reference: 'GB/T 24252-2019',
    },
    {
      title: '羽绒被',
      products: [prod('白鹅绒被', (_b, n, pick) => `YRB-${n(100, 999)} ${pick(['200×230cm', '220×240cm'])}`)],
      standards: ['GB/T 22796-2021', 'GB/T 17685-2016', 'GB 18401-2010'],
      indicators: [
        ind('含绒量', 'performance', ge(70, 95), '%', 'GB/T 10288-2016'),
        ind('充绒量', 'performance', one('1000', '1500', '2000'), 'g', '称量'),
        ind('蓬松度', 'performance', ge(150, 180), 'cm', 'GB/T 10288-2016'),
        FORMALDEHYDE_TEXTILE,
      ],
      reference: 'GB/T 22796-2021',
    },
  ],
  furniture: [
    {
      title: '木家具',
      products: [prod('实木餐桌', (_b, _n, pick) => `CZ-${pick([1200, 1400, 1600, 1800])}${pick(['', 'A', 'B'])}`), prod('板式衣柜', (_b, n, pick) => `YG-${n(100, 999)}${pick(['', '-4门', '-3门'])}`)],
      standards: ['GB 18584-2001', 'GB/T 3324-2017', 'QB/T 2530-2011', 'T/CNFA 0018-2022'],
      indicators: [
        ind('甲醛释放量', 'performance', le(0.05, 0.124, 3), 'mg/m³', 'GB/T 17657-2022'),
        ind('含水率', 'performance', one('8~12', '8~14'), '%', 'GB/T 3324-2017'),
        ind('漆膜附着力', 'performance', one('≤2', '≤3'), '级', 'GB/T 4893.4-2013'),
        ind('桌面垂直静载荷', 'performance', one('1000N 10次无损坏'), null, 'GB/T 10357.1-2013'),
      ],
      reference: 'GB/T 3324-2017',
    },
    {
      title: '儿童家具',
      products: [prod('儿童床', (_b, n, pick) => `ETC-${n(100, 999)} ${pick(['1.2m', '1.5m'])}`), prod('儿童学习桌', (b, n) => `XXZ-${b}${n(10, 99)}`)],
      standards: ['GB 28007-2011', 'GB 18584-2001', 'GB/T 3324-2017'],
      indicators: [
        ind('可迁移元素 铅', 'performance', one('≤90'), 'mg/kg', 'GB 28007-2011'),
        ind('甲醛释放量', 'performance', le(0.05, 0.124, 3), 'mg/m³', 'GB/T 17657-2022'),
        ind('外角半径', 'performance', one('≥10'), 'mm', 'GB 28007-2011'),
      ],
      reference: 'GB/T 3324-2017',
    },
    {
      title: '办公椅',
      products: [prod('人体工学办公椅', (b, n) => `${b}-BGY${n(100, 999)}`)],
      standards: ['QB/T 2280-2016', 'GB/T 3325-2017'],
      indicators: [
        ind('座面耐久性', 'performance', one('120000次无损坏'), null, 'QB/T 2280-2016'),
        ind('稳定性', 'performance', one('不倾翻'), null, 'QB/T 2280-2016'),
        ind('涂层附着力', 'performance', one('≤1', '≤2'), '级', 'GB/T 9286-2021'),
      ],
      reference: 'QB/T 2280-2016',
    },
    {
      title: '布艺沙发',
      products: [prod('布艺沙发', (_b, n, pick) => `SF-${n(100, 999)} ${pick(['三人位', '转角', '双人位'])}`)],
      standards: ['QB/T 1952.1-2012', 'GB 17927.1-2011'],
      indicators: [
        ind('抗引燃特性', 'performance', one('无阴燃、无有焰燃烧'), null, 'GB 17927.1-2011'),
        ind('座面耐久性', 'performance', one('60000次无损坏'), null, 'QB/T 1952.1-2012'),
        ind('甲醛释放量', 'performance', le(0.05, 0.124, 3), 'mg/m³', 'GB/T 17657-2022'),
      ],
      reference: 'QB/T 1952.1-2012',
    },
  ],
  water_heater: [
    {
      title: '储水式电热水器',
      products: [prod('储水式电热水器', (b, n, pick) => `DSZF-${pick([50, 60, 80])}-${b}${n(1, 9)}`)],
      standards: ['GB 4706.12-2006', 'GB 21519-2008', 'GB/T 20289-2006', ...APPLIANCE],
      indicators: [
        ind('24h固有能耗系数', 'performance', le(0.6, 0.8, 2), null, 'GB 21519-2008'),
        ind('热水输出率', 'performance', ge(55, 70), '%', 'GB 21519-2008'),
        ind('额定容量', 'performance', one('50', '60', '80'), 'L', 'GB/T 20289-2006'),
        ind('防干烧保护', 'functional', one('具备'), null, 'GB 4706.12-2006'),
      ],
      reference: 'GB/T 20289-2006',
    },
    {
      title: '家用燃气快速热水器',
      products: [prod('燃气快速热水器', (b, n, pick) => `JSQ${pick([25, 30, 32])}-${pick([13, 16])}${b}${n(1, 9)}`)],
      standards: ['GB 6932-2015', 'GB 20665-2015', 'T/CHEAA 0024-2024'],
      indicators: [
        ind('热效率', 'performance', ge(89, 98), '%', 'GB 6932-2015'),
        ind('烟气中一氧化碳含量', 'performance', le(0.02, 0.06, 2), '%', 'GB 6932-2015'),
        ind('额定产热水能力', 'performance', one('13', '16'), 'L/min', 'GB 6932-2015'),
        ind('零冷水', 'functional', one('支持'), null, BY_MANUAL),
      ],
    },
    {
      title: '即热式电热水器',
      products: [prod('即热式电热水器', (b, n, pick) => `DSK-${pick([55, 65, 85])}-${b}${n(1, 9)}`)],
      standards: ['GB 4706.11-2008', ...APPLIANCE],
      indicators: [
        ind('额定功率', 'performance', one('5500', '6500', '8500'), 'W', INPUT_POWER),
        ind('出水温度范围', 'performance', one('30~55'), '℃', '温度计测量'),
        ind('防干烧保护', 'functional', one('具备'), null, 'GB 4706.11-2008'),
      ],
    },
    {
      title: '空气源热泵热水器',
      products: [prod('空气能热水器', (b, n, pick) => `KF${pick([70, 80])}/${pick([150, 200, 300])}-${b}${n(1, 9)}`)],
      standards: ['GB 29541-2013', 'GB/T 23137-2020', ...APPLIANCE],
      indicators: [
        ind('性能系数（COP）', 'performance', ge(4.0, 4.6, 1), null, 'GB/T 23137-2020'),
        ind('额定容量', 'performance', one('150', '200', '300'), 'L', 'GB/T 23137-2020'),
        ind('噪声', 'performance', le(45, 55), 'dB(A)', NOISE),
      ],
      reference: 'GB/T 23137-2020',
    },
  ],
  kitchen_appliance: [
    {
      title: '吸油烟机',
      products: [prod('吸油烟机', (b, n, pick) => `CXW-${pick([200, 218, 228, 268, 298])}-${b}${n(1, 99)}`)],
      standards: ['GB 4706.28-2008', 'GB/T 17713-2022', 'GB 29539-2013', ...APPLIANCE],
      indicators: [
        ind('风量', 'performance', ge(17, 25, 1), 'm³/min', 'GB/T 17713-2022'),
        ind('常态气味降低度', 'performance', ge(90, 98), '%', 'GB/T 17713-2022'),
        ind('噪声', 'performance', le(52, 58), 'dB(A)', 'GB/T 17713-2022'),
        ind('能效等级', 'performance', one('1级', '2级'), null, 'GB 29539-2013'),
      ],
      reference: 'GB/T 17713-2022',
    },
    {
      title: '电磁灶',
      products: [prod('电磁炉', (b, n, pick) => `C${pick([21, 22])}-${b}${n(100, 999)}`)],
      standards: ['GB 4706.29-2008', 'GB 21456-2014', ...APPLIANCE],
      indicators: [
        ind('热效率', 'performance', ge(86, 91), '%', 'GB 21456-2014'),
        ind('额定功率', 'performance', one('2100', '2200'), 'W', INPUT_POWER),
        ind('待机功率', 'performance', le(1, 2, 1), 'W', 'GB 21456-2014'),
      ],
    },
    {
      title: '微波炉',
      products: [prod('微波炉', (_b, n, pick) => `M${n(1, 3)}-L${n(200, 259)}${pick(['B', 'C', 'E'])}`)],
      standards: ['GB 4706.21-2008', 'GB 24849-2017', ...APPLIANCE],
      indicators: [
        ind('效率', 'performance', ge(58, 64), '%', 'GB 24849-2017'),
        ind('微波输出功率', 'performance', one('700', '800', '900'), 'W', 'GB/T 18800-2017'),
      ],
    },
    {
      title: '食物料理机',
      products: [prod('破壁料理机', (b, n) => `BL-${b}${n(10, 99)}`)],
      standards: ['GB 4706.30-2008', ...APPLIANCE],
      indicators: [
        ind('最高转速', 'performance', ge(20000, 35000), 'r/min', '转速表测量'),
        ind('额定容量', 'performance', one('1.2', '1.5', '1.75'), 'L', '量具测量'),
        ind('噪声', 'performance', le(85, 95), 'dB(A)', NOISE),
      ],
    },
    {
      title: '空气炸锅',
      products: [prod('空气炸锅', (b, n, pick) => `KZ${pick([35, 45, 55, 60])}-${b}${n(1, 9)}`)],
      standards: ['GB 4706.14-2008', 'T/CHEAA 0019-2023', ...APPLIANCE],
      indicators: [
        ind('额定容量', 'performance', one('3.5', '4.5', '5.5', '6.0'), 'L', '量具测量'),
        ind('额定功率', 'performance', one('1350', '1450', '1500'), 'W', INPUT_POWER),
        ind('温度调节范围', 'performance', one('80~200', '40~200'), '℃', '温度计测量'),
      ],
    },
  ],
  hair_dryer: [
    {
      title: '电吹风',
      products: [
        prod('电吹风', (b, n, pick) => `${b}-${pick(['RCY', 'HD', 'DF'])}${n(100, 999)}`),
        prod('高速电吹风', (b, n) => `${b}-GS${n(10, 99)}`),
        prod('负离子电吹风', (b, n) => `FLZ-${b}${n(100, 999)}`),
        prod('折叠电吹风', (_b, n) => `ZD-${n(100, 999)}`),
      ],
      standards: ['GB 4706.15-2008', 'T/CHEAA 0027-2024', ...APPLIANCE],
      indicators: [
        ind('额定功率', 'performance', one('1200', '1600', '1800', '2000', '2200'), 'W', INPUT_POWER),
        ind('出风口温度', 'performance', le(60, 90), '℃', 'GB 4706.15-2008'),
        ind('出风口风速', 'performance', ge(15, 25), 'm/s', '风速仪测量'),
        ind('负离子浓度', 'performance', ge(1, 20), '×10⁶个/cm³', '离子浓度计测量'),
        ind('噪声', 'performance', le(72, 85), 'dB(A)', NOISE),
        ind('恒温护发', 'functional', one('支持'), null, BY_MANUAL),
      ],
    },
  ],
  leather_luggage: [
    {
      title: '拉杆箱',
      products: [prod('拉杆箱', (b, n, pick) => `${b}-${n(1000, 9999)} ${pick([20, 24, 26, 28])}英寸`)],
      standards: ['QB/T 2155-2018', 'T/CLIA 0011-2023'],
      indicators: [
        ind('行走试验', 'performance', ge(16, 32), 'km', 'QB/T 2155-2018'),
        ind('拉杆耐疲劳', 'performance', ge(5000, 8000), '次', 'QB/T 2155-2018'),
        ind('五金件耐腐蚀', 'performance', one('≥3', '≥4'), '级', 'QB/T 3826-1999'),
      ],
      reference: 'QB/T 2155-2018',
    },
    {
      title: '背提包',
      products: [prod('真皮手提包', (b, n) => `${b}${n(10000, 99999)}`), prod('双肩背包', (b, n) => `BB-${b}${n(100, 999)}`), prod('商务公文包', (_b, n) => `GWB-${n(100, 999)}`)],
      standards: ['QB/T 1333-2018', 'GB 20400-2006'],
      indicators: [
        ind('游离甲醛', 'performance', le(20, 75), 'mg/kg', 'GB/T 19941.1-2019'),
        ind('可分解致癌芳香胺染料', 'performance', one('≤30'), 'mg/kg', 'GB/T 19942-2019'),
        ind('背带强度', 'performance', ge(150, 300), 'N', 'QB/T 1333-2018'),
      ],
      reference: 'QB/T 1333-2018',
    },
    {
      title: '票夹',
      products: [prod('男士真皮钱包', (_b, n) => `QB-${n(1000, 9999)}`), prod('女士长款钱包', (b, n) => `${b}-CK${n(100, 999)}`)],
      standards: ['QB/T 1619-2018', 'GB 20400-2006'],
      indicators: [
        ind('游离甲醛', 'performance', le(20, 75), 'mg/kg', 'GB/T 19941.1-2019'),
        ind('可分解致癌芳香胺染料', 'performance', one('≤30'), 'mg/kg', 'GB/T 19942-2019'),
      ],
      reference: 'QB/T 1619-2018',
    },
  ],
  audio_equipment: [
    {
      title: '有源音箱',
      products: [
        prod('蓝牙音箱', (b, n) => `BT-${b}${n(10, 99)}`),
        prod('回音壁音响', (_b, n) => `SB-${n(100, 999)}`),
        prod('专业舞台音箱', (b, n, pick) => `${pick(['PA', 'LA'])}-${pick([10, 12, 15])}${b}${n(1, 9)}`),
      ],
      standards: ['GB 4943.1-2022', 'GB/T 12060.5-2011', 'GB 13837-2012'],
      indicators: [
        ind('额定输出功率', 'performance', ge(5, 200), 'W', 'GB/T 12060.3-2011'),
        ind('频率响应', 'performance', one('60Hz~20kHz', '45Hz~20kHz', '80Hz~18kHz'), null, 'GB/T 12060.5-2011'),
        ind('总谐波失真', 'performance', le(0.1, 1, 1), '%', 'GB/T 12060.3-2011'),
        ind('特性灵敏度级', 'performance', ge(82, 92), 'dB', 'GB/T 12060.5-2011'),
      ],
    },
    {
      title: '真无线蓝牙耳机',
      products: [prod('真无线蓝牙耳机', (b, n, pick) => `TWS-${b}${n(1, 9)}${pick(['', ' Pro', ' Lite'])}`)],
      standards: ['GB 4943.1-2022', 'GB 31241-2022', 'T/CESA 1159-2021'],
      indicators: [
        ind('频率响应', 'performance', one('20Hz~20kHz'), null, 'GB/T 12060.5-2011'),
        ind('续航时间', 'performance', ge(5, 9), 'h', '满电状态连续播放计时'),
        ind('主动降噪深度', 'performance', ge(25, 40), 'dB', '本标准附录A'),
        ind('蓝牙版本', 'functional', one('5.0', '5.3'), null, BY_MANUAL),
      ],
    },
    {
      title: '家庭影院功放',
      products: [prod('家庭影院功放', (_b, n) => `AV-${n(100, 999)}`)],
      standards: ['GB 4943.1-2022', 'GB 13837-2012', 'GB/T 12060.3-2011'],
      indicators: [
        ind('额定输出功率', 'performance', ge(80, 200), 'W', 'GB/T 12060.3-2011'),
        ind('信噪比', 'performance', ge(80, 100), 'dB', 'GB/T 12060.3-2011'),
        ind('总谐波失真', 'performance', le(0.05, 0.5, 2), '%', 'GB/T 12060.3-2011'),
      ],
    },
  ],
  other: [
    {
      title: 'LED灯具',
      products: [prod('LED筒灯', (_b, n, pick) => `TD-${pick([3, 5, 7, 9, 12])}W-${n(1, 9)}`), prod('LED吸顶灯', (b, n, pick) => `XD-${b}${pick([24, 36, 48])}W`)],
      standards: ['GB 7000.1-2015'],
      indicators: [
        ind('光效', 'performance', ge(80, 120), 'lm/W', 'GB/T 24908-2014'),
        ind('显色指数（Ra）', 'performance', one('≥80', '≥90'), null, 'GB/T 24908-2014'),
      ],
    },
    {
      title: '移动电源',
      products: [prod('移动电源', (b, n, pick) => `PB${pick([10000, 20000])}-${b}${n(1, 9)}`)],
      standards: ['GB/T 35590-2017', 'GB 31241-2022'],
      indicators: [
        ind('额定容量', 'performance', one('10000', '20000'), 'mAh', 'GB/T 35590-2017'),
        ind('转换效率', 'performance', ge(85, 92), '%', 'GB/T 35590-2017'),
      ],
      reference: 'GB/T 35590-2017',
    },
    {
      title: '塑料保鲜盒',
      products: [prod('塑料保鲜盒', (_b, n) => `BXH-${n(100, 999)}`)],
      standards: ['GB 4806.7-2016', 'T/PCA 004-2023'],
      indicators: [
        ind('总迁移量', 'performance', one('≤10'), 'mg/dm²', 'GB 31604.8-2021'),
        ind('高锰酸钾消耗量', 'performance', one('≤10'), 'mg/kg', 'GB 31604.2-2016'),
        ind('耐热温度', 'performance', one('120', '140'), '℃', '本标准附录A'),
      ],
    },
    {
      title: '电动自行车',
      products: [prod('电动自行车', (_b, n) => `TDT${n(1000, 9999)}Z`)],
      standards: ['GB 17761-2018', 'DB4201/T 678-2023'],
      indicators: [
        ind('最高设计车速', 'performance', one('≤25'), 'km/h', 'GB 17761-2018'),
        ind('整车质量（含蓄电池）', 'performance', le(45, 55), 'kg', 'GB 17761-2018'),
        ind('制动距离（干态）', 'performance', one('≤7'), 'm', 'GB 17761-2018'),
      ],
    },
    {
      title: '竹木厨房用品',
      products: [prod('竹制砧板', (_b, n, pick) => `ZB-${pick([30, 36, 40])}-${n(1, 99)}`), prod('竹木筷子', (_b, n) => `KZ-${n(100, 999)}`)],
      standards: ['DB36/T 1659-2022', 'T/XZYC 0055-2024', 'GB 4806.1-2016'],
      indicators: [
        ind('含水率', 'performance', le(10, 14), '%', 'GB/T 1931-2009'),
        ind('霉菌', 'performance', one('无霉变'), null, '目测'),
        ind('二氧化硫残留量', 'performance', one('≤600'), 'mg/kg', 'GB 5009.34-2022'),
      ],
    },
    {
      title: '工业废气净化设备',
      products: [prod('活性炭吸附装置', (_b, n) => `HXT-${n(10, 99)}000`), prod('催化燃烧废气处理设备', (_b, n) => `RCO-${n(5, 50)}K`)],
      standards: ['DB11/ 501-2017'],
      indicators: [
        ind('非甲烷总烃排放浓度', 'performance', le(10, 20), 'mg/m³', 'HJ 38-2017'),
        ind('处理风量', 'performance', one('10000', '20000', '30000'), 'm³/h', 'GB/T 1236-2017'),
      ],
    },
  ],
});

// ---------------------------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------------------------

/** Trade-name syllables with their pinyin initial. */
const TRADE_SYLLABLES: readonly (readonly [string, string])[] = [
  ['美', 'M'], ['华', 'H'], ['康', 'K'], ['达', 'D'], ['鑫', 'X'], ['源', 'Y'], ['瑞', 'R'], ['邦', 'B'], ['信', 'X'], ['恒', 'H'],
  ['宏', 'H'], ['嘉', 'J'], ['锦', 'J'], ['盛', 'S'], ['泰', 'T'], ['丰', 'F'], ['利', 'L'], ['德', 'D'], ['和', 'H'], ['安', 'A'],
  ['诺', 'N'], ['科', 'K'], ['智', 'Z'], ['创', 'C'], ['优', 'Y'], ['佳', 'J'], ['联', 'L'], ['汇', 'H'], ['凯', 'K'], ['宇', 'Y'],
  ['星', 'X'], ['晨', 'C'], ['雅', 'Y'], ['欧', 'O'], ['威', 'W'], ['尚', 'S'], ['晟', 'S'], ['昊', 'H'], ['腾', 'T'], ['骏', 'J'],
  ['铭', 'M'], ['卓', 'Z'], ['润', 'R'], ['博', 'B'], ['正', 'Z'], ['福', 'F'], ['永', 'Y'], ['顺', 'S'], ['金', 'J'], ['东', 'D'],
];

/** Trade names too close to well-known brands are not generated. */
const AVOIDED_TRADE_NAMES: ReadonlySet<string> = new Set(['康佳', '科达', '华星', '正泰', '德力', '安利', '恒安', '华润', '永和', '金和', '美安', '创和', '格力']);

const COMPANY_FORMS: readonly (readonly [string, number])[] = [
  ['有限公司', 85],
  ['股份有限公司', 10],
  ['有限责任公司', 5],
];

/** The word after the trade name, its pinyin initials, and the GB/T 4754 industry the enterprise registers under. */
const CATEGORY_TRADES: Readonly<Record<ProductCategory, readonly (readonly [string, string, string])[]>> = Object.freeze({
  air_purifier: [['环境科技', 'HJ', '家用电力器具制造'], ['电器', 'DQ', '家用电力器具制造']],
  rice_cooker: [['电器', 'DQ', '家用电力器具制造'], ['生活电器', 'SH', '家用厨房电器具制造']],
  smart_toilet_seat: [['智能卫浴', 'ZW', '家用电力器具制造'], ['卫浴', 'WY', '卫生陶瓷制品制造']],
  smartphone: [['通讯', 'TX', '通信终端设备制造'], ['电子', 'DZ', '通信终端设备制造']],
  children_diaper: [['卫生用品', 'WS', '纸制品制造'], ['纸业', 'ZY', '纸制品制造']],
  toy: [['玩具', 'WJ', '玩具制造'], ['文化用品', 'WH', '玩具制造']],
  infant_clothing: [['服饰', 'FS', '针织或钩针编织服装制造'], ['童装', 'TZ', '机织服装制造']],
  kitchenware: [['厨具', 'CJ', '金属制厨房用器具制造'], ['五金制品', 'WJ', '金属制厨房用器具制造']],
  bedding: [['家纺', 'JF', '床上用品制造'], ['纺织', 'FZ', '床上用品制造']],
  furniture: [['家具', 'JJ', '木质家具制造'], ['家居', 'JJ', '木质家具制造']],
  water_heater: [['热水器', 'RS', '家用电力器具制造'], ['热能科技', 'RN', '燃气及类似能源家用器具制造']],
  kitchen_appliance: [['厨房电器', 'CD', '家用厨房电器具制造'], ['电器', 'DQ', '家用厨房电器具制造']],
  hair_dryer: [['电器', 'DQ', '家用美容、保健护理电器具制造'], ['个人护理电器', 'HL', '家用美容、保健护理电器具制造']],
  leather_luggage: [['皮具', 'PJ', '皮箱、包（袋）制造'], ['箱包', 'XB', '皮箱、包（袋）制造']],
  audio_equipment: [['音响', 'YX', '音响设备制造'], ['电声', 'DS', '音响设备制造']],
  other: [['实业', 'SY', '塑料制品业'], ['科技', 'KJ', '照明器具制造'], ['竹木制品', 'ZM', '竹、藤家具制造']],
});

/** Relative number of enterprises per main category. */
const CATEGORY_WEIGHTS: readonly (readonly [ProductCategory, number])[] = [
  ['air_purifier', 5], ['rice_cooker', 6], ['smart_toilet_seat', 4], ['smartphone', 5], ['children_diaper', 4], ['toy', 8],
  ['infant_clothing', 8], ['kitchenware', 7], ['bedding', 6], ['furniture', 9], ['water_heater', 5], ['kitchen_appliance', 8],
  ['hair_dryer', 4], ['leather_luggage', 6], ['audio_equipment', 5], ['other', 10],
];

/** Categories an enterprise of a main category also makes now and then. */
const RELATED_CATEGORIES: Readonly<Record<ProductCategory, readonly ProductCategory[]>> = Object.freeze({
  air_purifier: ['kitchen_appliance', 'hair_dryer'],
  rice_cooker: ['kitchen_appliance', 'kitchenware'],
  smart_toilet_seat: ['water_heater'],
  smartphone: ['audio_equipment'],
  children_diaper: ['infant_clothing', 'toy'],
  toy: ['children_diaper', 'infant_clothing'],
  infant_clothing: ['bedding', 'toy'],
  kitchenware: ['kitchen_appliance', 'rice_cooker'],
  bedding: ['infant_clothing', 'furniture'],
  furniture: ['bedding'],
  water_heater: ['kitchen_appliance', 'smart_toilet_seat'],
  kitchen_appliance: ['rice_cooker', 'kitchenware'],
  hair_dryer: ['air_purifier'],
  leather_luggage: ['other'],
  audio_equipment: ['smartphone'],
  other: ['kitchenware'],
});

const ROADS: readonly string[] = ['工业大道', '科技路', '兴业路', '创业路', '环镇路', '新城大道', '长江路', '珠江路', '建设路', '高新路', '园区路', '富民路', '振兴路', '港口路', '东环路', '西环路', '发展大道', '智造路'];
const ADDRESS_SUFFIXES: readonly string[] = ['', '', '之一', 'A栋', '1号厂房', '2号厂房三楼', 'B座501室', '综合楼4楼'];
const DEREGISTRATION_REASONS: readonly string[] = ['股东会决议解散', '经营期限届满，股东会决议解散', '公司因合并而解散', '被依法吊销营业执照后申请注销'];
/** Why an indicator is lower than the recommended standard's (Measures art. 14). */
const LOWER_REASONS: readonly string[] = ['该型号为入门级产品，面向小面积使用场景', '产品为便携小容量型号，结构受限', '产品为出口转内销型号，按原设计指标执行'];
/** Why an indicator of the recommended standard is not specified at all (Measures art. 14). */
const MISSING_REASONS: readonly string[] = ['该项目与产品预期用途无关', '产品不具备该项功能', '该项目由产品配套部件单独声明'];

// ---------------------------------------------------------------------------------------------------------------
// The plan
// ---------------------------------------------------------------------------------------------------------------

export interface SeedOptions {
  seed: number;
  /** Two-digit province code with a division table: see SEED_PROVINCES. */
  province: string;
  enterprises: number;
  /** ISO 8601 instant: the plan covers the two years before it. */
  now: string;
  /** The policy the deciders will apply (DEFAULT_DECLARATION_POLICY when absent). */
  policy?: DeclarationPolicy;
  /** Mean declarations per enterprise (log-normal, 1 to 25); about 4.8 when absent. */
  declarationsPerEnterprise?: number;
}

export const DEFAULT_SEED_OPTIONS: Readonly<Omit<SeedOptions, 'policy'>> = Object.freeze({ seed: 42, province: '44', enterprises: 200, now: '2026-11-01T00:00:00Z' });

/** How far back the plan reaches. */
export const SEED_SPAN_DAYS = 730;

interface StepOf<T extends string, D> {
  /** When the command is decided (metadata.now), ISO 8601. */
  at: string;
  type: T;
  /** The enterprise the step concerns. */
  uscc: string;
  data: D;
  /** Event types the deciders answer with. */
  expectedEvents: string[];
}

export type SeedStep =
  | StepOf<'RegisterEnterprise', RegisterEnterpriseData>
  | StepOf<'RenameEnterprise', RenameEnterpriseData>
  | StepOf<'DeregisterEnterprise', DeregisterEnterpriseData>
  | StepOf<'DeclareStandard', { declarationId: string; uscc: string; content: DeclarationContent }>
  | StepOf<'ReviseDeclaration', { declarationId: string; uscc: string; content: DeclarationContent; effectiveFrom: string }>
  | StepOf<'ConfirmDeclaration', { declarationId: string; uscc: string }>
  | StepOf<'AbolishDeclaration', { declarationId: string; uscc: string; effectiveDate: string }>
  /** Sent as the rename policy would: its data comes from the EnterpriseRenamed event just written. */
  | StepOf<'RequireRedeclaration', { uscc: string }>
  | StepOf<'RedeclareStandard', { declarationId: string; uscc: string }>
  /** Sent as the overdue schedule would, once the re-declaration deadline has passed. */
  | StepOf<'RecordRedeclarationOverdue', { declarationId: string; uscc: string }>;

export type SeedStepType = SeedStep['type'];

export interface SeedPlan {
  seed: number;
  province: string;
  provinceName: string;
  /** ISO 8601: the start of the covered period. */
  from: string;
  now: string;
  policy: DeclarationPolicy;
  enterprises: number;
  declarations: number;
  steps: SeedStep[];
  stepsByType: Record<string, number>;
  expectedEvents: number;
  expectedEventsByType: Record<string, number>;
}

interface Enterprise {
  index: number;
  uscc: string;
  name: string;
  province: SeedProvince;
  city: SeedCity;
  district: SeedDistrict;
  trade: string;
  tradeInitials: string;
  word: string;
  form: string;
  address: string;
  industry: string;
  /** Brand letters in product models. */
  brand: string;
  /** Enterprise code in `Q/<code> nnn-yyyy`. */
  qCode: string;
  main: ProductCategory;
  registeredAt: number;
  declarations: Declaration[];
  usedProducts: Set<string>;
  nextSerial: number;
  rename: Rename | null;
  deregisterAt: number | null;
}

interface Declaration {
  id: string;
  enterprise: Enterprise;
  category: ProductCategory;
  family: ProductFamily;
  kind: StandardKind;
  declaredAt: number;
  late: boolean;
  belowRecommended: boolean;
  reviseAt: number | null;
  confirmAt: number | null;
  abolishAt: number | null;
}

interface Rename {
  at: number;
  renamedOn: string;
  newName: string;
  pending: Declaration[];
  redeclareAt: Map<Declaration, number>;
  overdueAt: number | null;
}

type Planned = { at: number; order: number; kind: SeedStepType; declaration?: Declaration };

const STEP_ORDER: Readonly<Record<SeedStepType, number>> = {
  RegisterEnterprise: 0,
  DeclareStandard: 1,
  ReviseDeclaration: 2,
  ConfirmDeclaration: 3,
  AbolishDeclaration: 4,
  RenameEnterprise: 5,
  RequireRedeclaration: 6,
  RecordRedeclarationOverdue: 7,
  RedeclareStandard: 8,
  DeregisterEnterprise: 9,
};

const KIND_WEIGHTS: Readonly<Record<StandardKind, number>> = { enterprise: 40, national: 35, group: 10, industry: 10, local: 5 };

/** Positions 9–17 of a USCC: a new-style `MA…` code or a pre-2015 organisation code with its GB 11714 check. */
const organisationCode = (r: SeedRandom): string => {
  if (r.chance(0.65)) {
    let code = `MA${r.pick(['4', '5', '9'])}`;
    while (code.length < 9) code += USCC_ALPHABET[r.int(0, USCC_ALPHABET.length - 1)];
    return code;
  }
  const digits = [r.int(1, 9), ...Array.from({ length: 7 }, () => r.int(0, 9))];
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  const c = 11 - (digits.reduce((sum, dgt, k) => sum + dgt * weights[k], 0) % 11);
  return `${digits.join('')}${c === 10 ? 'X' : c === 11 ? '0' : String(c)}`;
};

/** A valid USCC (GB 32100-2015): `9` registered with market regulation, `1` an enterprise, the division code, the organisation code, the check. */
export const seedUscc = (divisionCode: string, r: SeedRandom): string => {
  const first17 = `91${divisionCode}${organisationCode(r)}`;
  return `${first17}${usccCheckCharacter(first17)}`;
};

/** A UUID v7 layout built from the instant and the generator, so ids are time-ordered and reproducible. */
const uuidV7At = (ms: number, r: SeedRandom): string => {
  const hex = (n: number, len: number): string => n.toString(16).padStart(len, '0');
  const random = (len: number): string => Array.from({ length: len }, () => hex(r.int(0, 15), 1)).join('');
  const t = hex(ms, 12);
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${random(3)}-${hex(8 + r.int(0, 3), 1)}${random(3)}-${random(12)}`;
};

const usableOn = (s: CatalogueStandard, date: string): boolean =>
  s.issuedOn <= date && (s.usableFrom === undefined || s.usableFrom <= date) && (s.replacedOn === undefined || date < s.replacedOn);

const familyStandards = (family: ProductFamily, date: string): CatalogueStandard[] =>
  family.standards.map((n) => STANDARD_BY_NUMBER.get(n)).filter((s): s is CatalogueStandard => s !== undefined && usableOn(s, date));

const tally = (values: readonly string[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
};

/** Validates the options; throws a RangeError naming the first wrong one. */
export const checkSeedOptions = (options: SeedOptions): void => {
  if (!Number.isInteger(options.seed) || options.seed < 0 || options.seed > 0xffffffff) throw new RangeError('seed must be a whole number from 0 to 4294967295');
  if (!SEED_PROVINCES[options.province]) throw new RangeError(`no division table for province ${options.province}; known: ${Object.keys(SEED_PROVINCES).join(', ')}`);
  if (!Number.isInteger(options.enterprises) || options.enterprises < 1 || options.enterprises > 1_000_000) throw new RangeError('enterprises must be a whole number from 1 to 1000000');
  const ms = Date.parse(options.now);
  if (Number.isNaN(ms) || !/^\d{4}-\d{2}-\d{2}T/.test(options.now)) throw new RangeError('now must be an ISO 8601 instant, e.g. 2026-11-01T00:00:00Z');
  if (ms < Date.parse('2005-01-01T00:00:00Z') || ms > Date.parse('2100-01-01T00:00:00Z')) throw new RangeError('now must lie between 2005 and 2100');
};

/** The whole plan: same options, same plan. */
export function generateSeedPlan(options: SeedOptions): SeedPlan {
  checkSeedOptions(options);
  const policy = options.policy ?? DEFAULT_DECLARATION_POLICY;
  const province = SEED_PROVINCES[options.province];
  const r = new SeedRandom((options.seed ^ Number(options.province) * 0x9e3779b1) >>> 0);
  const nowMs = Date.parse(options.now);
  const fromMs = nowMs - SEED_SPAN_DAYS * DAY;
  /** Nothing is planned later than this, so office-hour shifts stay before `now`. */
  const lastMs = nowMs - 4 * DAY;

  // -- enterprises --
  const usccs = new Set<string>();
  const names = new Set<string>();
  const keyOrder = r.shuffle(KEY_CATEGORIES);
  const enterprises: Enterprise[] = [];
  for (let index = 0; index < options.enterprises; index++) {
    const main: ProductCategory = index < keyOrder.length ? keyOrder[index] : r.weighted(CATEGORY_WEIGHTS);
    const { city, district } = placeFor(province, main, r);
    let uscc = seedUscc(district.code, r);
    while (usccs.has(uscc)) uscc = seedUscc(district.code, r);
    usccs.add(uscc);
    const [word, wordInitials, industry] = r.pick(CATEGORY_TRADES[main]);
    const form = r.weighted(COMPANY_FORMS);
    const withDistrict = district.name !== '' && r.chance(0.25);
    let trade = tradeName(r);
    let name = companyName(city, withDistrict ? district : null, trade.name, word, form);
    while (names.has(name)) {
      trade = tradeName(r);
      name = companyName(city, withDistrict ? district : null, trade.name, word, form);
    }
    names.add(name);
    const town = district.towns.length && r.chance(0.75) ? r.pick(district.towns) : '';
    // A municipality's one city bears the municipality's name: the address writes it once.
    const address = `${province.name}${city.name === province.name ? '' : city.name}${district.name}${town}${r.pick(ROADS)}${r.int(1, 388)}号${r.pick(ADDRESS_SUFFIXES)}`;
    const registeredAt = officeTime(fromMs + Math.pow(r.float(), 1.25) * 0.85 * SEED_SPAN_DAYS * DAY, r);
    enterprises.push({
      index,
      uscc,
      name,
      province,
      city,
      district,
      trade: trade.name,
      tradeInitials: trade.initials,
      word,
      form,
      address,
      industry,
      brand: trade.initials,
      qCode: r.chance(0.15) ? `${city.initials}${trade.initials}` : `${trade.initials}${wordInitials}`,
      main,
      registeredAt,
      declarations: [],
      usedProducts: new Set(),
      nextSerial: 1,
      rename: null,
      deregisterAt: null,
    });
  }

  // -- declarations: when, which category, family and kind of standard --
  /** Log-normal location of declarations per enterprise: 1.3 (mean about 4.8) unless a mean is asked for. */
  const declarationsMu = options.declarationsPerEnterprise === undefined ? 1.3 : Math.log(options.declarationsPerEnterprise) - 0.75 ** 2 / 2;
  const declarations: Declaration[] = [];
  for (const e of enterprises) {
    const count = Math.max(1, Math.min(25, Math.round(Math.exp(declarationsMu + 0.75 * r.normal()))));
    const first = Math.min(officeTime(e.registeredAt + 2 * HOUR + r.float() * 20 * DAY, r), lastMs);
    const times = [first];
    for (let k = 1; k < count; k++) times.push(Math.min(officeTime(first + r.float() * (lastMs - first), r), lastMs));
    times.sort((a, b) => a - b);
    for (const [k, at] of times.entries()) {
      const category: ProductCategory = k === 0 ? e.main : r.weighted([[e.main, 85], [r.pick(RELATED_CATEGORIES[e.main]), 10], ['other', 5]]);
      const family = r.pick(PRODUCT_FAMILIES[category]);
      const date = chinaDateOf(at);
      const kinds = new Set<StandardKind>(['enterprise', ...familyStandards(family, date).map((s) => seedStandardKind(s.number))]);
      const kind = r.weighted([...kinds].map((kd) => [kd, KIND_WEIGHTS[kd]] as const));
      const d: Declaration = {
        id: `${e.uscc}-${uuidV7At(at, r)}`,
        enterprise: e,
        category,
        family,
        kind,
        declaredAt: at,
        late: false,
        belowRecommended: false,
        reviseAt: null,
        confirmAt: null,
        abolishAt: null,
      };
      e.declarations.push(d);
      declarations.push(d);
    }
  }

  // -- what happens to them: lateness, shortfalls, revisions, confirmations, abolitions --
  const total = declarations.length;
  for (const d of r.shuffle(declarations).slice(0, Math.max(1, Math.round(total * 0.12)))) d.late = true;
  const canFlag = declarations.filter((d) => (d.kind === 'enterprise' || d.kind === 'group') && d.family.reference !== undefined);
  for (const d of r.shuffle(canFlag).slice(0, Math.min(canFlag.length, Math.max(1, Math.round(total * 0.04))))) d.belowRecommended = true;
  const olderThan = (days: number) => declarations.filter((d) => d.declaredAt <= lastMs - days * DAY);
  const laterThan = (after: number, minDays: number): number | null => {
    const earliest = after + minDays * DAY;
    if (earliest >= lastMs) return null;
    const at = officeTime(earliest + r.float() * (lastMs - earliest), r);
    return at < nowMs - DAY ? at : null;
  };
  const revised = new Set(r.shuffle(olderThan(60)).slice(0, Math.round(total * 0.15)));
  const confirmed = new Set(r.shuffle(olderThan(90)).slice(0, Math.round(total * 0.1)));
  const abolished = new Set(r.shuffle(olderThan(30)).slice(0, Math.max(1, Math.round(total * 0.05))));
  for (const d of declarations) {
    let cursor = d.declaredAt;
    if (revised.has(d)) {
      d.reviseAt = laterThan(cursor, 45);
      cursor = d.reviseAt ?? cursor;
    }
    if (confirmed.has(d)) {
      d.confirmAt = laterThan(cursor, 30);
      cursor = d.confirmAt ?? cursor;
    }
    if (abolished.has(d)) d.abolishAt = laterThan(cursor, 20);
  }

  // -- renames, each followed by the re-declaration requirement and, mostly, the re-declarations --
  const renameCount = options.enterprises >= 10 ? Math.max(1, Math.round(options.enterprises * 0.03)) : Math.round(options.enterprises * 0.03);
  let renamed = 0;
  for (const e of r.shuffle(enterprises)) {
    if (renamed >= renameCount) break;
    const firstAt = e.declarations[0].declaredAt;
    const earliest = firstAt + 10 * DAY;
    const latest = nowMs - 50 * DAY;
    if (earliest >= latest) continue;
    const at = officeTime(earliest + r.float() * (latest - earliest), r);
    const pending = e.declarations.filter((d) => d.declaredAt < at && !(d.abolishAt !== null && d.abolishAt < at));
    if (!pending.length) continue;
    const renamedOn = addDays(chinaDateOf(at), -r.int(0, 5));
    const deadline = addDays(renamedOn, policy.redeclareWithinDays);
    const deadlineEnds = chinaDayStart(addDays(deadline, 1));
    let mode = renamed === 0 ? 'in_time' : r.weighted([['in_time', 70], ['late', 15], ['never', 15]] as const);
    if (mode === 'in_time' && deadlineEnds - at < 2 * HOUR) mode = 'late';
    const overdueAt = deadlineEnds + 5 * MINUTE < nowMs - HOUR ? deadlineEnds + 5 * MINUTE : null;
    const redeclareAt = new Map<Declaration, number>();
    if (mode === 'in_time') {
      for (const d of pending) {
        const planned = officeTime(at + HOUR + r.float() * Math.max(0, deadlineEnds - at - 3 * DAY), r);
        redeclareAt.set(d, planned < deadlineEnds && planned > at ? planned : at + 30 * MINUTE);
      }
    } else if (mode === 'late' && overdueAt !== null) {
      for (const d of pending) {
        const planned = officeTime(overdueAt + 2 * DAY + r.float() * 18 * DAY, r);
        if (planned < lastMs) redeclareAt.set(d, planned);
      }
    }
    const windowEnd = mode === 'never' || redeclareAt.size < pending.length ? Number.POSITIVE_INFINITY : Math.max(...redeclareAt.values());
    for (const d of pending) {
      if (d.reviseAt !== null && d.reviseAt >= at && d.reviseAt <= windowEnd) d.reviseAt = null;
      if (d.confirmAt !== null && d.confirmAt >= at && d.confirmAt <= windowEnd) d.confirmAt = null;
      if (d.abolishAt !== null && d.abolishAt >= at && d.abolishAt <= windowEnd) d.abolishAt = null;
    }
    const newName = renamedName(e, names, r);
    names.add(newName);
    e.rename = { at, renamedOn, newName, pending, redeclareAt, overdueAt: mode === 'in_time' ? null : overdueAt };
    renamed += 1;
  }

  // -- at least one abolition, outside any re-declaration window --
  if (!declarations.some((d) => d.abolishAt !== null)) {
    for (const d of r.shuffle(declarations)) {
      if (d.enterprise.rename || d.reviseAt !== null || d.confirmAt !== null) continue;
      d.abolishAt = laterThan(d.declaredAt, 20);
      if (d.abolishAt !== null) break;
    }
  }

  // -- one or two enterprises leave the register after their last act --
  const deregisterCount = options.enterprises >= 100 ? 2 : options.enterprises >= 10 ? 1 : 0;
  let deregistered = 0;
  for (const e of r.shuffle(enterprises)) {
    if (deregistered >= deregisterCount) break;
    if (e.rename) continue;
    const last = Math.max(e.registeredAt, ...e.declarations.flatMap((d) => [d.declaredAt, d.reviseAt ?? 0, d.confirmAt ?? 0, d.abolishAt ?? 0]));
    const earliest = last + 3 * DAY;
    const latest = Math.min(last + 90 * DAY, lastMs);
    if (earliest >= latest) continue;
    e.deregisterAt = officeTime(earliest + r.float() * (latest - earliest), r);
    deregistered += 1;
  }

  // -- the steps, enterprise by enterprise in time order, then merged --
  const steps: { at: number; index: number; seq: number; step: SeedStep }[] = [];
  for (const e of enterprises) {
    for (const [seq, step] of enterpriseSteps(e, policy, r).entries()) steps.push({ at: Date.parse(step.at), index: e.index, seq, step });
  }
  steps.sort((a, b) => a.at - b.at || a.index - b.index || a.seq - b.seq);
  const ordered = steps.map((s) => s.step);
  const expected = ordered.flatMap((s) => s.expectedEvents);
  return {
    seed: options.seed,
    province: province.code,
    provinceName: province.name,
    from: new Date(fromMs).toISOString(),
    now: new Date(nowMs).toISOString(),
    policy,
    enterprises: enterprises.length,
    declarations: declarations.length,
    steps: ordered,
    stepsByType: tally(ordered.map((s) => s.type)),
    expectedEvents: expected.length,
    expectedEventsByType: tally(expected),
  };
}

/** A division for an enterprise of the category: where its makers cluster, or anywhere weighted by city size. */
function placeFor(province: SeedProvince, category: ProductCategory, r: SeedRandom): { city: SeedCity; district: SeedDistrict } {
  const hotspots = province.hotspots[category];
  if (hotspots?.length && r.chance(0.65)) {
    const code = r.pick(hotspots);
    for (const city of province.cities) {
      if (city.code === code) return { city, district: r.pick(city.districts) };
      const district = city.districts.find((d) => d.code === code);
      if (district) return { city, district };
    }
  }
  const city = r.weighted(province.cities.map((c) => [c, c.weight] as const));
  return { city, district: r.pick(city.districts) };
}

function tradeName(r: SeedRandom): { name: string; initials: string } {
  for (;;) {
    const a = r.pick(TRADE_SYLLABLES);
    const b = r.pick(TRADE_SYLLABLES);
    const name = `${a[0]}${b[0]}`;
    if (a[0] !== b[0] && !AVOIDED_TRADE_NAMES.has(name)) return { name, initials: `${a[1]}${b[1]}` };
  }
}

const companyName = (city: SeedCity, district: SeedDistrict | null, trade: string, word: string, form: string): string =>
  `${city.name}${district?.name ?? ''}${trade}${word}${form}`;

/** A new name: another trade name, a change of company form, or a broader line of business. */
function renamedName(e: Enterprise, taken: ReadonlySet<string>, r: SeedRandom): string {
  for (;;) {
    const how = r.weighted([['trade', 50], ['form', 30], ['word', 20]] as const);
    let name: string;
    if (how === 'form' && e.form === '有限公司') name = companyName(e.city, null, e.trade, e.word, '股份有限公司');
    else if (how === 'word') name = companyName(e.city, null, e.trade, r.pick(['科技', '智能科技', '实业', '集团']), e.form);
    else name = companyName(e.city, null, tradeName(r).name, e.word, e.form);
    if (name !== e.name && !taken.has(name)) return name;
  }
}

/** The enterprise's steps with their data, built in time order so each one sees what came before. */
function enterpriseSteps(e: Enterprise, policy: DeclarationPolicy, r: SeedRandom): SeedStep[] {
  const planned: Planned[] = [{ at: e.registeredAt, order: STEP_ORDER.RegisterEnterprise, kind: 'RegisterEnterprise' }];
  for (const d of e.declarations) {
    planned.push({ at: d.declaredAt, order: STEP_ORDER.DeclareStandard, kind: 'DeclareStandard', declaration: d });
    if (d.reviseAt !== null) planned.push({ at: d.reviseAt, order: STEP_ORDER.ReviseDeclaration, kind: 'ReviseDeclaration', declaration: d });
    if (d.confirmAt !== null) planned.push({ at: d.confirmAt, order: STEP_ORDER.ConfirmDeclaration, kind: 'ConfirmDeclaration', declaration: d });
    if (d.abolishAt !== null) planned.push({ at: d.abolishAt, order: STEP_ORDER.AbolishDeclaration, kind: 'AbolishDeclaration', declaration: d });
  }
  if (e.rename) {
    const rn = e.rename;
    planned.push({ at: rn.at, order: STEP_ORDER.RenameEnterprise, kind: 'RenameEnterprise' });
    planned.push({ at: rn.at + 3000, order: STEP_ORDER.RequireRedeclaration, kind: 'RequireRedeclaration' });
    for (const d of rn.pending) {
      const at = rn.redeclareAt.get(d);
      if (at !== undefined) planned.push({ at, order: STEP_ORDER.RedeclareStandard, kind: 'RedeclareStandard', declaration: d });
      if (rn.overdueAt !== null) planned.push({ at: rn.overdueAt, order: STEP_ORDER.RecordRedeclarationOverdue, kind: 'RecordRedeclarationOverdue', declaration: d });
    }
  }
  if (e.deregisterAt !== null) planned.push({ at: e.deregisterAt, order: STEP_ORDER.DeregisterEnterprise, kind: 'DeregisterEnterprise' });
  planned.sort((a, b) => a.at - b.at || a.order - b.order);
  // Strictly increasing instants, a few minutes apart where two fall together.
  for (let k = 1; k < planned.length; k++) {
    if (planned[k].at <= planned[k - 1].at) planned[k].at = planned[k - 1].at + r.int(60, 600) * 1000;
  }

  const current = new Map<Declaration, { content: DeclarationContent; effectiveFrom: string }>();
  const steps: SeedStep[] = [];
  for (const p of planned) {
    const at = new Date(p.at).toISOString();
    const today = chinaDateOf(p.at);
    const d = p.declaration as Declaration;
    switch (p.kind) {
      case 'RegisterEnterprise':
        steps.push({
          at,
          type: 'RegisterEnterprise',
          uscc: e.uscc,
          data: { uscc: e.uscc, name: e.name, jurisdiction: e.district.code, address: e.address, industry: e.industry },
          expectedEvents: ['EnterpriseRegistered'],
        });
        break;
      case 'DeclareStandard': {
        const content = declarationContent(d, today, policy, r);
        current.set(d, { content, effectiveFrom: today });
        const late = lateReasons(content, today, policy).length > 0;
        steps.push({
          at,
          type: 'DeclareStandard',
          uscc: e.uscc,
          data: { declarationId: d.id, uscc: e.uscc, content },
          expectedEvents: late ? ['StandardDeclared', 'DeclarationMarkedLate'] : ['StandardDeclared'],
        });
        break;
      }
      case 'ReviseDeclaration': {
        const before = current.get(d)!;
        const content = revisedContent(d, before.content, today, r);
        const effectiveFrom = r.chance(0.7) ? today : addDays(today, r.int(1, 14));
        current.set(d, { content, effectiveFrom: effectiveFrom < before.effectiveFrom ? before.effectiveFrom : effectiveFrom });
        const late = lateReasons(content, today, policy).length > 0;
        steps.push({
          at,
          type: 'ReviseDeclaration',
          uscc: e.uscc,
          data: { declarationId: d.id, uscc: e.uscc, content, effectiveFrom: current.get(d)!.effectiveFrom },
          expectedEvents: late ? ['DeclarationRevised', 'DeclarationMarkedLate'] : ['DeclarationRevised'],
        });
        break;
      }
      case 'ConfirmDeclaration':
        steps.push({ at, type: 'ConfirmDeclaration', uscc: e.uscc, data: { declarationId: d.id, uscc: e.uscc }, expectedEvents: ['DeclarationConfirmed'] });
        break;
      case 'AbolishDeclaration': {
        const effectiveFrom = current.get(d)!.effectiveFrom;
        steps.push({
          at,
          type: 'AbolishDeclaration',
          uscc: e.uscc,
          data: { declarationId: d.id, uscc: e.uscc, effectiveDate: effectiveFrom > today ? effectiveFrom : today },
          expectedEvents: ['DeclarationAbolished'],
        });
        break;
      }
      case 'RenameEnterprise': {
        const rn = e.rename as Rename;
        steps.push({
          at,
          type: 'RenameEnterprise',
          uscc: e.uscc,
          data: { uscc: e.uscc, newName: rn.newName, effectiveDate: rn.renamedOn },
          expectedEvents: ['EnterpriseRenamed'],
        });
        break;
      }
      case 'RequireRedeclaration':
        steps.push({ at, type: 'RequireRedeclaration', uscc: e.uscc, data: { uscc: e.uscc }, expectedEvents: ['RedeclarationRequired'] });
        break;
      case 'RedeclareStandard':
        steps.push({ at, type: 'RedeclareStandard', uscc: e.uscc, data: { declarationId: d.id, uscc: e.uscc }, expectedEvents: ['DeclarationRedeclared'] });
        break;
      case 'RecordRedeclarationOverdue':
        steps.push({ at, type: 'RecordRedeclarationOverdue', uscc: e.uscc, data: { declarationId: d.id, uscc: e.uscc }, expectedEvents: ['RedeclarationOverdue'] });
        break;
      case 'DeregisterEnterprise':
        steps.push({
          at,
          type: 'DeregisterEnterprise',
          uscc: e.uscc,
          data: { uscc: e.uscc, effectiveDate: today, reason: r.pick(DEREGISTRATION_REASONS) },
          expectedEvents: ['EnterpriseDeregistered'],
        });
        break;
    }
  }
  return steps;
}

/** Products of the family, each name and model new to the enterprise, so no two declarations cover the same product. */
function products(d: Declaration, count: number, r: SeedRandom): DeclaredProduct[] {
  const e = d.enterprise;
  const out: DeclaredProduct[] = [];
  for (let k = 0; k < count; k++) {
    const template = r.pick(d.family.products);
    let model = template.model(e.brand, (min, max) => r.int(min, max), (items) => r.pick(items));
    let key = `${template.name}\u0000${model}`;
    for (let attempt = 2; e.usedProducts.has(key); attempt++) {
      model = `${template.model(e.brand, (min, max) => r.int(min, max), (items) => r.pick(items))}${attempt > 5 ? `-${attempt}` : ''}`;
      key = `${template.name}\u0000${model}`;
    }
    e.usedProducts.add(key);
    out.push({ name: template.name, model, category: d.category });
  }
  return out;
}

/** Enterprise and group standards disclose indicators (Standardization Law art. 27); a quarter of the others do too. */
function indicators(family: ProductFamily, kind: StandardKind, r: SeedRandom, always = false): Indicator[] {
  const required = kind === 'enterprise' || kind === 'group';
  if (!required && !always && !r.chance(0.25)) return [];
  const templates = r.shuffle(family.indicators);
  const count = required ? Math.min(templates.length, r.int(3, 6)) : Math.min(templates.length, r.int(2, 3));
  return templates.slice(0, count).map((t) => ({
    name: t.name,
    type: t.type,
    value: t.value(r),
    unit: t.unit,
    testMethod: kind === 'enterprise' && r.chance(0.15) ? `本标准附录${r.pick(['A', 'B', 'C'])}` : t.testMethod,
  }));
}

function belowRecommended(d: Declaration, inds: readonly Indicator[], date: string, r: SeedRandom): DeclarationContent['belowRecommended'] {
  const reference = d.family.reference ? STANDARD_BY_NUMBER.get(d.family.reference) : undefined;
  if (!d.belowRecommended || reference === undefined || !usableOn(reference, date)) return { flagged: false, referenceStandard: null, explanation: null };
  const lower = inds.filter((i) => i.type === 'performance');
  const absent = d.family.indicators.filter((t) => !inds.some((i) => i.name === t.name));
  const explanation =
    lower.length && (!absent.length || r.chance(0.5))
      ? `本标准规定的${r.pick(lower).name}指标低于${reference.number}的要求，${r.pick(LOWER_REASONS)}。`
      : `本标准未规定${(absent.length ? r.pick(absent) : r.pick(d.family.indicators)).name}指标（${reference.number}对此有规定），${r.pick(MISSING_REASONS)}。`;
  return { flagged: true, referenceStandard: reference.number, explanation };
}

const productCount = (r: SeedRandom): number => r.weighted([[1, 55], [2, 25], [3, 12], [4, 5], [5, 3]]);

/** The first version: a real standard of the family (or the enterprise's own), products, indicators, and the dates that make it late or not. */
function declarationContent(d: Declaration, date: string, policy: DeclarationPolicy, r: SeedRandom): DeclarationContent {
  const e = d.enterprise;
  const lateAfterIssue = d.late && d.kind === 'enterprise' && r.chance(0.6);
  const lateAfterSale = d.late && !lateAfterIssue;
  let standard: DeclarationContent['standard'];
  if (d.kind === 'enterprise' || !familyStandards(d.family, date).length) {
    const issuedOn = lateAfterIssue ? addDays(date, -(policy.declareWithinDaysOfIssue + r.int(5, 300))) : addDays(date, -r.int(0, Math.min(25, policy.declareWithinDaysOfIssue)));
    const serial = String(e.nextSerial++).padStart(3, '0');
    standard = { kind: 'enterprise', number: `Q/${e.qCode} ${serial}-${yearOf(issuedOn)}`, title: d.family.title, mandatory: false, issuedOn };
  } else {
    const candidates = familyStandards(d.family, date).filter((s) => seedStandardKind(s.number) === d.kind);
    const s = candidates.length ? r.pick(candidates) : r.pick(familyStandards(d.family, date));
    standard = { kind: seedStandardKind(s.number), number: s.number, title: s.title, mandatory: seedStandardMandatory(s.number), issuedOn: s.issuedOn };
  }
  const inds = indicators(d.family, standard.kind, r);
  const firstSaleOn = lateAfterSale
    ? addDays(date, -r.int(3, 180))
    : r.weighted([[null, 50], [date, 15], [addDays(date, r.int(1, 60)), 35]] as const);
  return {
    standard,
    products: products(d, productCount(r), r),
    indicators: inds,
    fullTextDisclosed: r.chance(d.kind === 'enterprise' ? 0.65 : d.kind === 'group' ? 0.3 : 0.1),
    firstSaleOn,
    belowRecommended: belowRecommended(d, inds, date, r),
  };
}

/** A new version: the enterprise's standard reissued, a national one replaced by its successor, or products added. */
function revisedContent(d: Declaration, before: DeclarationContent, date: string, r: SeedRandom): DeclarationContent {
  let standard = before.standard;
  if (standard.kind === 'enterprise') {
    const issuedOn = addDays(date, -r.int(0, 20));
    const [prefix, serialYear] = standard.number.split(' ');
    standard = { ...standard, number: `${prefix} ${serialYear.split('-')[0]}-${yearOf(issuedOn)}`, issuedOn };
  } else {
    const known = STANDARD_BY_NUMBER.get(standard.number);
    const successor = known?.successor ? STANDARD_BY_NUMBER.get(known.successor) : undefined;
    const alternatives = familyStandards(d.family, date).filter((s) => seedStandardKind(s.number) === standard.kind && s.number !== standard.number);
    const next = successor && usableOn(successor, date) ? successor : alternatives.length && r.chance(0.4) ? r.pick(alternatives) : undefined;
    if (next) standard = { kind: seedStandardKind(next.number), number: next.number, title: next.title, mandatory: seedStandardMandatory(next.number), issuedOn: next.issuedOn };
  }
  const added = r.chance(0.5) ? products(d, 1, r) : [];
  const inds = indicators(d.family, standard.kind, r, before.indicators.length > 0);
  return {
    standard,
    products: [...before.products, ...added],
    indicators: inds,
    fullTextDisclosed: before.fullTextDisclosed || (standard.kind === 'enterprise' && r.chance(0.3)),
    firstSaleOn: null,
    belowRecommended: before.belowRecommended.flagged && r.chance(0.5) ? before.belowRecommended : { flagged: false, referenceStandard: null, explanation: null },
  };
}
