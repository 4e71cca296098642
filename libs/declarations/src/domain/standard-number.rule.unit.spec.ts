import { describe, expect, it } from '@jest/globals';
import {
  STANDARD_KINDS,
  normaliseStandardNumber,
  parseStandardNumber,
  standardNatureMatchesMandatory,
  standardNumberFitsKind,
} from './standard-number.rule.js';
import type { ParsedStandardNumber } from './standard-number.rule.js';

const parsed = (raw: string): ParsedStandardNumber => {
  const p = parseStandardNumber(raw);
  if (p === null) throw new Error(`expected ${raw} to parse`);
  return p;
};

describe('standard numbers (domain.md §3)', () => {
  it('lists the five kinds', () => {
    expect(STANDARD_KINDS).toEqual(['national', 'industry', 'local', 'group', 'enterprise']);
  });

  describe('the real examples of domain.md', () => {
    it.each([
      ['GB 4706.1-2005', 'national', 'GB', 'mandatory', '4706.1', 2005],
      ['GB/T 18801-2022', 'national', 'GB/T', 'recommended', '18801', 2022],
      ['GB 6675.1-2014', 'national', 'GB', 'mandatory', '6675.1', 2014],
      ['GB 31701-2015', 'national', 'GB', 'mandatory', '31701', 2015],
      ['GB/T 4706.1-2024', 'national', 'GB/T', 'recommended', '4706.1', 2024],
      ['FZ/T 81014-2008', 'industry', 'FZ/T', 'recommended', '81014', 2008],
      ['FZ/T 73025-2013', 'industry', 'FZ/T', 'recommended', '73025', 2013],
      ['DB36/T 1659-2022', 'local', 'DB36/T', 'recommended', '1659', 2022],
      ['DB4201/T 678-2023', 'local', 'DB4201/T', 'recommended', '678', 2023],
      ['DB44/T 1234-2013', 'local', 'DB44/T', 'recommended', '1234', 2013],
      ['DB11/ 501-2017', 'local', 'DB11/', 'mandatory', '501', 2017],
      ['DB/T 1234-2013', 'industry', 'DB/T', 'recommended', '1234', 2013],
      ['T/XZYC 0055-2024', 'group', 'T/XZYC', 'voluntary', '0055', 2024],
      ['T/PCA 004-2023', 'group', 'T/PCA', 'voluntary', '004', 2023],
      ['Q/YQJY 003-2016', 'enterprise', 'Q/YQJY', 'voluntary', '003', 2016],
    ])('parses %s', (raw, kind, prefix, nature, number, year) => {
      expect(parseStandardNumber(raw)).toEqual({ normalised: raw, kind, prefix, nature, number, year });
      expect(normaliseStandardNumber(raw)).toBe(raw);
    });

    it('normalises the em dash of T/PCA 004—2023', () => {
      expect(normaliseStandardNumber('T/PCA 004—2023')).toBe('T/PCA 004-2023');
      expect(parsed('T/PCA 004—2023')).toMatchObject({ kind: 'group', prefix: 'T/PCA', number: '004', year: 2023 });
    });
  });

  describe('normaliseStandardNumber', () => {
    it.each(['GB/T 18801—2022', ' gb/t  18801-2022 ', 'GB/T18801-2022', 'GB/T 18801–2022', 'GB/T 18801－2022', 'GB / T 18801 - 2022', 'Gb/t\t18801-2022'])(
      'turns %j into GB/T 18801-2022',
      (raw) => {
        expect(normaliseStandardNumber(raw)).toBe('GB/T 18801-2022');
      },
    );

    it('turns full-width input into half-width', () => {
      expect(normaliseStandardNumber('ＧＢ／Ｔ　１８８０１－２０２２')).toBe('GB/T 18801-2022');
      expect(normaliseStandardNumber('ＤＢ４４／Ｔ１２３４—２０１３')).toBe('DB44/T 1234-2013');
      expect(normaliseStandardNumber('Ｔ／ＸＺＹＣ　００５５－２０２４')).toBe('T/XZYC 0055-2024');
    });

    it('puts one space between the prefix and the number', () => {
      expect(normaliseStandardNumber('GB4706.1-2005')).toBe('GB 4706.1-2005');
      expect(normaliseStandardNumber('FZ/T81014-2008')).toBe('FZ/T 81014-2008');
      expect(normaliseStandardNumber('DB44/T1234-2013')).toBe('DB44/T 1234-2013');
      expect(normaliseStandardNumber('DB11/501-2017')).toBe('DB11/ 501-2017');
      expect(normaliseStandardNumber('db11 /  501-2017')).toBe('DB11/ 501-2017');
      expect(normaliseStandardNumber('DB/T1234-2013')).toBe('DB/T 1234-2013');
      expect(normaliseStandardNumber('T/XZYC0055-2024')).toBe('T/XZYC 0055-2024');
      expect(normaliseStandardNumber('t / pca 004-2023')).toBe('T/PCA 004-2023');
      expect(normaliseStandardNumber('Q/YQJY003-2016')).toBe('Q/YQJY 003-2016');
      expect(normaliseStandardNumber('q/yqjy  003—2016')).toBe('Q/YQJY 003-2016');
    });

    it("keeps the number's parts apart", () => {
      expect(normaliseStandardNumber('GB 4706.1-2005')).toBe('GB 4706.1-2005');
      expect(normaliseStandardNumber('GB 4706. 1-2005')).toBe('GB 4706.1-2005');
      expect(parsed('GB4706.1-2005').number).toBe('4706.1');
      expect(parsed('GB 6675.1-2014').number).not.toBe('66751');
    });

    it('keeps the association code apart from the number when a space separates them', () => {
      expect(parsed('T/CAS1 115-2005')).toMatchObject({ prefix: 'T/CAS1', number: '115' });
    });

    it('only cleans what has no known shape', () => {
      expect(normaliseStandardNumber('  abc   def ')).toBe('ABC DEF');
      expect(normaliseStandardNumber('')).toBe('');
    });
  });

  describe('the DB trap', () => {
    it('reads DB/T and DB followed by a space as the earthquake industry', () => {
      expect(parsed('DB/T 1234-2013')).toMatchObject({ kind: 'industry', prefix: 'DB/T', nature: 'recommended' });
      expect(parsed('DB 1234-2013')).toMatchObject({ kind: 'industry', prefix: 'DB', nature: 'mandatory' });
    });

    it('reads DB with a division code and a slash as local', () => {
      expect(parsed('DB44/T 1234-2013')).toMatchObject({ kind: 'local', prefix: 'DB44/T', nature: 'recommended' });
      expect(parsed('DB11/ 501-2017')).toMatchObject({ kind: 'local', prefix: 'DB11/', nature: 'mandatory' });
      expect(parsed('DB4201/T 678-2023')).toMatchObject({ kind: 'local', prefix: 'DB4201/T' });
    });

    it('fits kinds accordingly', () => {
      expect(standardNumberFitsKind('DB/T 1234-2013', 'industry')).toBe(true);
      expect(standardNumberFitsKind('DB/T 1234-2013', 'local')).toBe(false);
      expect(standardNumberFitsKind('DB44/T 1234-2013', 'local')).toBe(true);
      expect(standardNumberFitsKind('DB44/T 1234-2013', 'industry')).toBe(false);
      expect(standardNumberFitsKind('DB11/ 501-2017', 'local')).toBe(true);
    });

    it('does not read DB glued to digits without a slash as anything', () => {
      expect(parseStandardNumber('DB441234-2013')).toBeNull();
      expect(parseStandardNumber('DB44 1234-2013')).toBeNull();
      expect(parseStandardNumber('DB441/T 1234-2013')).toBeNull();
      expect(parseStandardNumber('DB/Z 1234-2013')).toBeNull();
      expect(parseStandardNumber('DB44/Z 1234-2013')).toBeNull();
    });
  });

  describe('natures', () => {
    it.each([
      ['GB 31701-2015', 'mandatory'],
      ['GB/T 18801-2022', 'recommended'],
      ['GB/Z 1234-2020', 'guidance'],
      ['QB 1234-2010', 'mandatory'],
      ['QB/T 1234-2010', 'recommended'],
      ['SJ/Z 11234-2010', 'guidance'],
      ['QC/T 29106-2014', 'recommended'],
      ['TB/T 3139-2021', 'recommended'],
      ['DB11/ 501-2017', 'mandatory'],
      ['DB36/T 1659-2022', 'recommended'],
      ['T/XZYC 0055-2024', 'voluntary'],
      ['Q/YQJY 003-2016', 'voluntary'],
    ])('%s is %s', (raw, nature) => {
      expect(parsed(raw).nature).toBe(nature);
    });

    it('tells industry codes from group and enterprise prefixes', () => {
      expect(parsed('QC/T 29106-2014').kind).toBe('industry');
      expect(parsed('TB/T 3139-2021').kind).toBe('industry');
      expect(parsed('HG/T 2000-2010').kind).toBe('industry');
    });

    it('matches the mandatory flag with the nature', () => {
      expect(standardNatureMatchesMandatory(parsed('GB 4706.1-2005'), true)).toBe(true);
      expect(standardNatureMatchesMandatory(parsed('GB 4706.1-2005'), false)).toBe(false);
      expect(standardNatureMatchesMandatory(parsed('GB/T 4706.1-2024'), false)).toBe(true);
      expect(standardNatureMatchesMandatory(parsed('GB/T 4706.1-2024'), true)).toBe(false);
      expect(standardNatureMatchesMandatory(parsed('GB/Z 1234-2020'), true)).toBe(false);
      expect(standardNatureMatchesMandatory(parsed('DB11/ 501-2017'), true)).toBe(true);
      expect(standardNatureMatchesMandatory(parsed('T/PCA 004-2023'), true)).toBe(false);
      expect(standardNatureMatchesMandatory(parsed('Q/YQJY 003-2016'), false)).toBe(true);
    });
  });

  describe('enterprise codes are loose', () => {
    it.each([
      ['Q/320282ABC 001-2019', 'Q/320282ABC', '001'],
      ['Q/YQJY-01 003-2016', 'Q/YQJY-01', '003'],
      ['Q/HW.1 0002-2020', 'Q/HW.1', '0002'],
      ['Q/TDG 0001S-2019', 'Q/TDG', '0001S'],
    ])('parses %s', (raw, prefix, number) => {
      expect(parsed(raw)).toMatchObject({ kind: 'enterprise', prefix, number, normalised: raw });
    });
  });

  describe('invalid numbers', () => {
    it.each([
      '',
      '   ',
      'GB/T 18801',
      'GB/T 18801-22',
      'GB/T 18801-1949',
      'GB/T 18801-2101',
      'GB/X 18801-2022',
      'G/T 18801-2022',
      'GBT 18801-2022',
      'ABC/T 1234-2020',
      'T/ 0055-2024',
      'T/XZYC-2024',
      'Q/ 003-2016',
      'GB/T ABC-2022',
      'GB/T 18801-2022-01',
      '18801-2022',
      'not a standard',
    ])('rejects %j', (raw) => {
      expect(parseStandardNumber(raw)).toBeNull();
      for (const kind of STANDARD_KINDS) expect(standardNumberFitsKind(raw, kind)).toBe(false);
    });

    it('accepts the year bounds 1950 and 2100', () => {
      expect(parsed('GB 1234-1950').year).toBe(1950);
      expect(parsed('GB 1234-2100').year).toBe(2100);
    });

    it('tolerates input that is not a string', () => {
      expect(parseStandardNumber(42 as unknown as string)).toBeNull();
      expect(normaliseStandardNumber(undefined as unknown as string)).toBe('');
    });
  });
});
