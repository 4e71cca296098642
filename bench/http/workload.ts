/**
 * What the HTTP load sends: valid declaration bodies, registry search paths, and the messages between the
 * scenario and the load process. No imports, so the load process starts quickly.
 */

/** One enterprise the load declares for, with its own bearer token. */
export interface LoadEnterprise {
  uscc: string;
  token: string;
}

interface StandardTemplate {
  kind: 'national' | 'industry' | 'group' | 'enterprise';
  number: string;
  title: string;
  mandatory: boolean;
  issuedOn: string;
  product: { name: string; category: string };
  /** Group and enterprise standards must disclose indicators, each with its test method. */
  indicators: boolean;
}

/** Five days before today in China (UTC+8): an enterprise standard issued then is declared in time (30 days). */
const recently = (): string => new Date(Date.now() + (8 * 3600 - 5 * 86_400) * 1000).toISOString().slice(0, 10);

/**
 * A mix of standard kinds, every declaration in time (not recorded as late: no product sold yet, the
 * enterprise standard issued days before), as most declarations are.
 */
export const STANDARDS: readonly StandardTemplate[] = [
  { kind: 'national', number: 'GB/T 18801-2022', title: '空气净化器', mandatory: false, issuedOn: '2022-12-30', product: { name: '空气净化器', category: 'air_purifier' }, indicators: false },
  { kind: 'national', number: 'GB 4706.15-2008', title: '家用和类似用途电器的安全 皮肤及毛发护理器具的特殊要求', mandatory: true, issuedOn: '2008-09-19', product: { name: '电吹风', category: 'hair_dryer' }, indicators: false },
  { kind: 'industry', number: 'QB/T 4099-2010', title: '电饭锅', mandatory: false, issuedOn: '2010-11-10', product: { name: '电饭锅', category: 'rice_cooker' }, indicators: true },
  { kind: 'group', number: 'T/CAQI 40-2017', title: '智能坐便器', mandatory: false, issuedOn: '2017-06-20', product: { name: '智能马桶盖', category: 'smart_toilet_seat' }, indicators: true },
  { kind: 'enterprise', number: 'Q/SLKJ 0001-2025', title: '蓝牙音箱企业标准', mandatory: false, issuedOn: recently(), product: { name: '蓝牙音箱', category: 'audio_equipment' }, indicators: true },
];

const INDICATORS = [
  { name: '额定功率', type: 'performance', value: '≤1200', unit: 'W', testMethod: 'GB 4706.1-2005 第10章' },
  { name: '待机功率', type: 'functional', value: '≤2.0', unit: 'W', testMethod: 'GB/T 18801-2022 附录F' },
];

/**
 * The `n`-th declaration of a load: standard `n` mod 5, a product model unique to the load (`tag`) and to
 * `n`, so no two requests are duplicates (same enterprise, standard number and product).
 */
export function declarationBody(uscc: string, n: number, tag: string): Record<string, unknown> {
  const s = STANDARDS[n % STANDARDS.length];
  return {
    uscc,
    content: {
      standard: { kind: s.kind, number: s.number, title: s.title, mandatory: s.mandatory, issuedOn: s.issuedOn },
      products: [{ name: s.product.name, model: `${tag}-${n}`, category: s.product.category }],
      indicators: s.indicators ? INDICATORS : [],
      fullTextDisclosed: s.kind !== 'enterprise',
      firstSaleOn: null,
      belowRecommended: { flagged: false, referenceStandard: null, explanation: null },
    },
  };
}

/** Ways of writing a standard number the registry must match: the dash, spacing and case variants and a bare number. */
const standardTerms = (number: string): string[] => {
  const [prefix, rest] = number.split(' ');
  return [number, number.replace('-', '—'), `${prefix.toLowerCase()}${rest}`, rest.split('-')[0]];
};

const PRODUCT_TERMS = [...new Set(STANDARDS.flatMap((s) => [s.product.name, s.product.name.slice(-2)]))];

/**
 * `count` registry searches, in turn by a part of an enterprise's name (one enterprise), a standard number
 * written in one of its variants, and a product name or part of one.
 */
export function searchPaths(enterpriseNames: readonly string[], count: number): string[] {
  const standards = STANDARDS.flatMap((s) => standardTerms(s.number));
  const paths: string[] = [];
  for (let k = 0; k < count; k++) {
    const i = Math.floor(k / 3);
    if (k % 3 === 0) {
      const name = enterpriseNames[(i * 37) % enterpriseNames.length].replace(/有限公司$/, '');
      paths.push(`/declarations?q=${encodeURIComponent(name)}`);
    } else if (k % 3 === 1) {
      paths.push(`/declarations?standard=${encodeURIComponent(standards[i % standards.length])}`);
    } else {
      paths.push(`/declarations?product=${encodeURIComponent(PRODUCT_TERMS[i % PRODUCT_TERMS.length])}`);
    }
  }
  return paths;
}

interface LoadShape {
  /** e.g. http://127.0.0.1:PORT */
  url: string;
  connections: number;
  durationSeconds: number;
}

/** One load, as the scenario sends it to the load process. */
export type LoadSpec =
  | (LoadShape & { kind: 'declare'; tag: string; enterprises: LoadEnterprise[] })
  | (LoadShape & { kind: 'get'; paths: string[]; headers: Record<string, string> });

/** What the load process answers. */
export interface LoadResult {
  /** Wall time of the load, ms. */
  durationMs: number;
  /** Completed responses, any status. */
  responses: number;
  ok: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  errors: number;
  timeouts: number;
  /** Per completed response, ms, in completion order. */
  latencies: number[];
  /** The first few responses that were not 2xx. */
  failures: { status: number; body: string }[];
}

export type WorkerMessage = { type: 'ready' } | { type: 'result'; result: LoadResult } | { type: 'error'; message: string };
