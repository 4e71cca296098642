/**
 * How a national data set spreads its enterprises over the 31 provincial-level divisions: shares of declaring
 * manufacturers, an approximation shaped after where light industry concentrates (Guangdong, Zhejiang, Jiangsu,
 * Shandong, Fujian first). Not official statistics; the generator only needs a realistic skew, and Guangdong's
 * share makes its pool 100,000 enterprises at the full scale of 500,000.
 */
/** The shares sum to 1. */
export const PROVINCE_SHARES: Readonly<Record<string, number>> = Object.freeze({
  '44': 0.2, // Guangdong
  '33': 0.15, // Zhejiang
  '32': 0.1, // Jiangsu
  '37': 0.09, // Shandong
  '35': 0.06, // Fujian
  '41': 0.05, // Henan
  '13': 0.04, // Hebei
  '34': 0.035, // Anhui
  '42': 0.035, // Hubei
  '43': 0.025, // Hunan
  '51': 0.03, // Sichuan
  '31': 0.025, // Shanghai
  '11': 0.015, // Beijing
  '12': 0.015, // Tianjin
  '36': 0.02, // Jiangxi
  '50': 0.015, // Chongqing
  '21': 0.015, // Liaoning
  '61': 0.012, // Shaanxi
  '45': 0.012, // Guangxi
  '14': 0.008, // Shanxi
  '53': 0.008, // Yunnan
  '52': 0.007, // Guizhou
  '22': 0.006, // Jilin
  '23': 0.006, // Heilongjiang
  '15': 0.005, // Inner Mongolia
  '62': 0.004, // Gansu
  '65': 0.004, // Xinjiang
  '46': 0.003, // Hainan
  '64': 0.002, // Ningxia
  '63': 0.002, // Qinghai
  '54': 0.001, // Tibet
});

/** Whole enterprises per province summing to `total` (largest remainder), for the provinces `known` has tables for. */
export function allocateEnterprises(total: number, known: (code: string) => boolean): Map<string, number> {
  const codes = Object.keys(PROVINCE_SHARES).filter(known);
  if (!codes.length) throw new Error('no province has a division table');
  const weight = codes.reduce((s, c) => s + PROVINCE_SHARES[c], 0);
  const exact = codes.map((c) => ({ c, x: (PROVINCE_SHARES[c] / weight) * total }));
  const out = new Map(exact.map(({ c, x }) => [c, Math.floor(x)]));
  let left = total - [...out.values()].reduce((s, n) => s + n, 0);
  for (const { c } of [...exact].sort((a, b) => b.x - Math.floor(b.x) - (a.x - Math.floor(a.x)) || a.c.localeCompare(b.c))) {
    if (left-- <= 0) break;
    out.set(c, out.get(c)! + 1);
  }
  return out;
}
