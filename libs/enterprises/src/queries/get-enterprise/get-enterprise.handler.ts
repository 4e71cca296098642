import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { sql } from 'kysely';
import { NotFoundError, ValidationError } from '@regledger/shared';
import type { AnyDb } from '@regledger/database';
import { READ_DB } from '@regledger/engine';
import { isValidUscc, normaliseUscc } from '../../domain/uscc.rule.js';
import { ENTERPRISE_COLUMNS, toEnterpriseView, type EnterpriseRow, type EnterpriseView } from '../enterprise.view.js';
import { GetEnterpriseQuery } from './get-enterprise.query.js';

@QueryHandler(GetEnterpriseQuery)
export class GetEnterpriseHandler implements IQueryHandler<GetEnterpriseQuery, EnterpriseView> {
  constructor(@Inject(READ_DB) private readonly db: AnyDb) {}

  async execute({ uscc }: GetEnterpriseQuery): Promise<EnterpriseView> {
    const code = normaliseUscc(uscc);
    if (!isValidUscc(code)) {
      throw new ValidationError([{ field: 'uscc', rule: 'uscc_check_character', message: 'must be a valid 18-character unified social credit code (GB 32100-2015)' }]);
    }
    const r = await sql<EnterpriseRow>`select ${sql.raw(ENTERPRISE_COLUMNS)} from enterprises where uscc = ${code}`.execute(this.db);
    if (!r.rows.length) throw new NotFoundError('ENTERPRISE.NOT_FOUND', `no enterprise with USCC ${code}`, { uscc: code });
    return toEnterpriseView(r.rows[0]);
  }
}
