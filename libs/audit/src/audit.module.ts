import { Module } from '@nestjs/common';
import { AuditController } from './http/audit.controller.js';

/** The analyst's read-only routes over the log: replay, search, trace, verify. */
@Module({ controllers: [AuditController] })
export class AuditModule {}
