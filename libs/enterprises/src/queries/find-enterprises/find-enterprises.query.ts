import { Query } from '@nestjs/cqrs';
import type { EnterpriseView } from '../enterprise.view.js';

export interface FindEnterprisesCriteria {
  /** A USCC (or its beginning), or part of any name the enterprise has had. */
  q?: string;
  /** A division code: `440000` finds every `44xxxx`. */
  jurisdiction?: string;
  status?: 'registered' | 'deregistered';
  limit: number;
  offset: number;
}

export interface EnterprisePage {
  items: EnterpriseView[];
  total: number;
  limit: number;
  offset: number;
}

export class FindEnterprisesQuery extends Query<EnterprisePage> {
  constructor(readonly criteria: FindEnterprisesCriteria) {
    super();
  }
}
