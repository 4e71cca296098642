import type { Complainant } from './complaint.commands.js';

/** The complainant as a reader sees it: as recorded, or masked (`masked: true`) when identity is confidential to that reader (domain.md §6). */
export interface ComplainantView {
  name: string;
  idNumber?: string;
  phone?: string;
  email?: string;
  realName: boolean;
  masked: boolean;
}

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

/** The view a reader gets: as recorded when `mayRead`, else masked. */
export const complainantFor = (c: Complainant, mayRead: boolean): ComplainantView => (mayRead ? unmaskedComplainant(c) : maskComplainant(c));
