import { CommandHandler } from '@nestjs/cqrs';
import { DeciderRuntime } from '@regledger/event-store';
import type { RegisterEnterprise } from '../../domain/enterprise.commands.js';
import { EnterpriseBusCommand, EnterpriseCommandHandler } from '../enterprise-command.handler.js';

export class RegisterEnterpriseCommand extends EnterpriseBusCommand<RegisterEnterprise> {}

@CommandHandler(RegisterEnterpriseCommand)
export class RegisterEnterpriseHandler extends EnterpriseCommandHandler<RegisterEnterpriseCommand> {
  constructor(runtime: DeciderRuntime) {
    super(runtime);
  }
}
