import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { sql } from 'kysely';
import { NotFoundError, ValidationError, type FieldError } from '@regledger/shared';
import type { AnyDb } from '@regledger/database';
import { READ_DB } from '@regledger/engine';
import { ENTERPRISE_ERROR_CODES, checkUscc } from '../../domain/enterprise.rules.js';
import { ENTERPRISE_COLUMNS, toEnterpriseView, type EnterpriseRow, type EnterpriseView } from '../enterprise.view.js';
import { GetEnterpriseQuery } from './get-enterprise.query.js';

@QueryHandler(GetEnterpriseQuery)
export class GetEnterpriseHandler implements IQueryHandler<GetEnterpriseQuery, EnterpriseView> {
  constructor(@Inject(READ_DB) private readonly db: AnyDb) {}

  async execute({ uscc }: GetEnterpriseQuery): Promise<EnterpriseView> {
    const errors: FieldError[] = [];
    const code = checkUscc('uscc', uscc, errors);
    if (errors.length) throw new ValidationError(errors, ENTERPRISE_ERROR_CODES.VALIDATION_FAILED);
    const r = await sql<EnterpriseRow>`select ${sql.raw(ENTERPRISE_COLUMNS)} from enterprises where uscc = ${code}`.execute(this.db);
    if (!r.rows.length) throw new NotFoundError(ENTERPRISE_ERROR_CODES.NOT_FOUND, `no enterprise with USCC ${code}`, { uscc: code });
    return toEnterpriseView(r.rows[0]);
  }
}
