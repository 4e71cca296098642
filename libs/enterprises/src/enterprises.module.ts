import { Module } from '@nestjs/common';
import { RegisterEnterpriseHandler } from './commands/register-enterprise/register-enterprise.handler.js';
import { RenameEnterpriseHandler } from './commands/rename-enterprise/rename-enterprise.handler.js';
import { DeregisterEnterpriseHandler } from './commands/deregister-enterprise/deregister-enterprise.handler.js';
import { GetEnterpriseHandler } from './queries/get-enterprise/get-enterprise.handler.js';
import { FindEnterprisesHandler } from './queries/find-enterprises/find-enterprises.handler.js';
import { EnterprisesController } from './http/enterprises.controller.js';

@Module({
  controllers: [EnterprisesController],
  providers: [RegisterEnterpriseHandler, RenameEnterpriseHandler, DeregisterEnterpriseHandler, GetEnterpriseHandler, FindEnterprisesHandler],
})
export class EnterprisesModule {}
