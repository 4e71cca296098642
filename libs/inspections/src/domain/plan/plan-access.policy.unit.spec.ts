import { describe, expect, it } from '@jest/globals';
import type { Actor, Role } from '@regledger/shared';
import { isDrawOfficial } from './plan-access.policy.js';

const actor = (role: Role, jurisdiction: string): Actor => ({ id: `user-${role}-${jurisdiction}`, role, jurisdiction });

describe('who sees the inspectors and the full input of a draw', () => {
  it('given a plan of Shenzhen (440300), supervisors and inspectors of Shenzhen or Guangdong see it', () => {
    for (const who of [actor('supervisor', '440300'), actor('supervisor', '440000'), actor('inspector', '440300')]) {
      expect({ who, official: isDrawOfficial(who, '440300') }).toEqual({ who, official: true });
    }
  });

  it('given a plan of Shenzhen, supervisors and inspectors of Guangzhou (440100) or of one Shenzhen district see the public view only', () => {
    for (const who of [actor('supervisor', '440100'), actor('inspector', '440100'), actor('supervisor', '440305')]) {
      expect({ who, official: isDrawOfficial(who, '440300') }).toEqual({ who, official: false });
    }
  });

  it('given any plan, analysts and admin of any jurisdiction see it; the public, enterprises, handlers and callers without a token do not', () => {
    expect([isDrawOfficial(actor('analyst', '440100'), '440300'), isDrawOfficial(actor('admin', '000000'), '440300')]).toEqual([true, true]);
    expect([
      isDrawOfficial(actor('public', '440300'), '440300'),
      isDrawOfficial(actor('enterprise', '440300'), '440300'),
      isDrawOfficial(actor('complaint_handler', '440300'), '440300'),
      isDrawOfficial(undefined, '440300'),
    ]).toEqual([false, false, false, false]);
  });
});
