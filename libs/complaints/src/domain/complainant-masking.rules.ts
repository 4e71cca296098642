import type { Complainant, RecordedComplainant } from './complaint.commands.js';

/** The complainant as a reader sees it: as recorded, or masked (`masked: true`) when identity is confidential to that reader (domain.md §6). */
export interface ComplainantView {
  name: string;
  idNumber?: string;
  phone?: string;
  email?: string;
  realName: boolean;
  masked: boolean;
  /** The person's key was erased (PIPL art. 47): the identity can no longer be read by anyone. */
  erased?: true;
  /** This store does not hold the person's key (a log moved without its keys). */
  unavailable?: true;
}

/** A complainant whose identity cannot be read: its key was erased, or is not held here. */
export interface WithheldComplainant {
  realName: boolean;
  withheld: 'erased' | 'unavailable';
}

/** The complainant once its sealed identity has been opened where it could be. */
export type ReadableComplainant = Complainant | WithheldComplainant;

/** What a view shows in place of the name of a withheld identity. */
export const WITHHELD_NAMES = Object.freeze({ erased: '[erased]', unavailable: '[unavailable]' } as const);

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The complainant of a recorded intake, after its sealed identity was opened where possible: v1 (in clear) as
 * recorded; v2 the opened identity, else withheld — erased when its key was erased, unavailable when the key is
 * not held or the identity was not opened (docs/complaints.md, "Personal data").
 */
export const complainantOfRecord = (c: RecordedComplainant): ReadableComplainant => {
  if (!('personalData' in c)) return c;
  const pd: unknown = c.personalData;
  if (isObject(pd) && pd.erased === true) return { realName: c.realName, withheld: 'erased' };
  if (isObject(pd) && typeof pd.name === 'string') {
    const identity = pd as Omit<Complainant, 'realName'>;
    return {
      name: identity.name,
      ...(identity.idNumber === undefined ? {} : { idNumber: identity.idNumber }),
      ...(identity.phone === undefined ? {} : { phone: identity.phone }),
      ...(identity.email === undefined ? {} : { email: identity.email }),
      realName: c.realName,
    };
  }
  return { realName: c.realName, withheld: 'unavailable' };
};

const isWithheld = (c: ReadableComplainant): c is WithheldComplainant => 'withheld' in c;

const stars = (n: number): string => '*'.repeat(Math.max(n, 1));

/** A name keeps its first character: 张三 → 张*, 欧阳娜娜 → 欧*** (domain.md §6, design choice). */
export const maskName = (name: string): string => {
  const chars = [...name];
  return chars.length <= 1 ? '*' : `${chars[0]}${stars(chars.length - 1)}`;
};

/** A phone number keeps its first 3 and last 4 digits: 13812345678 → 138****5678; a short one is hidden (domain.md §6, design choice). */
export const maskPhone = (phone: string): string => {
  const chars = [...phone];
  if (chars.length < 8) return stars(chars.length);
  return `${chars.slice(0, 3).join('')}${stars(chars.length - 7)}${chars.slice(-4).join('')}`;
};

/** An identity number keeps its first and last character: 440305199001011234 → 4****************4 (domain.md §6, design choice). */
export const maskIdNumber = (idNumber: string): string => {
  const chars = [...idNumber];
  if (chars.length < 3) return stars(chars.length);
  return `${chars[0]}${stars(chars.length - 2)}${chars[chars.length - 1]}`;
};

/** An e-mail keeps the first character of its local part and its domain: zhang.san@example.com → z***@example.com (domain.md §6, design choice). */
export const maskEmail = (email: string): string => {
  const at = email.lastIndexOf('@');
  if (at <= 0) return stars(3);
  return `${[...email.slice(0, at)][0]}***${email.slice(at)}`;
};

/** The complainant's identity and contact are confidential (domain.md §6): every field that identifies or reaches the person is masked. */
export const maskComplainant = (c: Complainant): ComplainantView => ({
  name: maskName(c.name),
  ...(c.idNumber === undefined ? {} : { idNumber: maskIdNumber(c.idNumber) }),
  ...(c.phone === undefined ? {} : { phone: maskPhone(c.phone) }),
  ...(c.email === undefined ? {} : { email: maskEmail(c.email) }),
  realName: c.realName,
  masked: true,
});

/** The complainant as recorded, for a reader entitled to the identity (domain.md §1). */
export const unmaskedComplainant = (c: Complainant): ComplainantView => ({ ...c, masked: false });

/** A withheld identity shows no identity at all, whoever reads it: only the marker and whether the name was real. */
export const withheldComplainant = (c: WithheldComplainant, mayRead: boolean): ComplainantView => ({
  name: WITHHELD_NAMES[c.withheld],
  realName: c.realName,
  masked: !mayRead,
  ...(c.withheld === 'erased' ? { erased: true as const } : { unavailable: true as const }),
});

/** The view a reader gets: as recorded when `mayRead`, else masked; a withheld identity as its marker. */
export const complainantFor = (c: ReadableComplainant, mayRead: boolean): ComplainantView =>
  isWithheld(c) ? withheldComplainant(c, mayRead) : mayRead ? unmaskedComplainant(c) : maskComplainant(c);
