import { Query } from '@nestjs/cqrs';
import type { EnterpriseView } from '../enterprise.view.js';

export class GetEnterpriseQuery extends Query<EnterpriseView> {
  constructor(readonly uscc: string) {
    super();
  }
}
