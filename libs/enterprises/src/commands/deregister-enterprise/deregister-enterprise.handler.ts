import { CommandHandler } from '@nestjs/cqrs';
import { DeciderRuntime } from '@regledger/event-store';
import type { DeregisterEnterprise } from '../../domain/enterprise.commands.js';
import { EnterpriseBusCommand, EnterpriseCommandHandler } from '../enterprise-command.handler.js';

export class DeregisterEnterpriseCommand extends EnterpriseBusCommand<DeregisterEnterprise> {}

@CommandHandler(DeregisterEnterpriseCommand)
export class DeregisterEnterpriseHandler extends EnterpriseCommandHandler<DeregisterEnterpriseCommand> {
  constructor(runtime: DeciderRuntime) {
    super(runtime);
  }
}
