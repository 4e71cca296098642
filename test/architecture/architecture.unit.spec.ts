import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { checkArchitecture } from './architecture-rules.js';

const ROOT = join(import.meta.dirname, '..', '..');

describe('architecture', () => {
  it('given the engine, when its imports are checked, then no layer rule is broken', () => {
    expect(checkArchitecture(ROOT)).toEqual([]);
  });

  it('given a deliberately broken tree, when checked, then every broken rule is reported', () => {
    const violations = checkArchitecture(join(ROOT, 'test', 'fixtures', 'architecture-broken'));
    expect(violations).toEqual(
      expect.arrayContaining([
        { file: 'libs/declarations/src/domain/declaration.decider.ts', imported: '@nestjs/common', rule: 'domain-imports-framework' },
        { file: 'libs/declarations/src/domain/declaration.decider.ts', imported: 'kysely', rule: 'domain-imports-framework' },
        { file: 'libs/declarations/src/domain/declaration.decider.ts', imported: '@regledger/event-store', rule: 'domain-imports-framework' },
        { file: 'libs/declarations/src/projections/declarations.projection.ts', imported: '@regledger/enterprises/projections', rule: 'context-imports-context-internals' },
        { file: 'libs/declarations/src/projections/declarations.projection.ts', imported: '../../../enterprises/src/domain/enterprise.decider.js', rule: 'import-escapes-library' },
        { file: 'libs/event-store/src/leak.ts', imported: '@regledger/enterprises', rule: 'infrastructure-imports-context' },
      ]),
    );
    expect(violations).toHaveLength(6);
  });
});
