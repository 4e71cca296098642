import { CommandHandler } from '@nestjs/cqrs';
import { DeciderRuntime } from '@regledger/event-store';
import type { RenameEnterprise } from '../../domain/enterprise.commands.js';
import { EnterpriseBusCommand, EnterpriseCommandHandler } from '../enterprise-command.handler.js';

export class RenameEnterpriseCommand extends EnterpriseBusCommand<RenameEnterprise> {}

@CommandHandler(RenameEnterpriseCommand)
export class RenameEnterpriseHandler extends EnterpriseCommandHandler<RenameEnterpriseCommand> {
  constructor(runtime: DeciderRuntime) {
    super(runtime);
  }
}
