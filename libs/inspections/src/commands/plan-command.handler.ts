import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DeciderRuntime, type CommandResult } from '@regledger/event-store';
import { planDecider } from '../domain/plan/plan.decider.js';
import { planStreamId } from '../domain/plan/plan.events.js';
import type { CancelInspectionPlan, CreateInspectionPlan } from '../domain/plan/plan.commands.js';

/** Creating or cancelling a plan on the bus (the draw has its own handler, which fixes the pool first). */
export class PlanBusCommand extends Command<CommandResult> {
  constructor(
    readonly command: CreateInspectionPlan | CancelInspectionPlan,
    readonly expectedRevision?: bigint,
  ) {
    super();
  }
}

@CommandHandler(PlanBusCommand)
export class PlanCommandHandler implements ICommandHandler<PlanBusCommand, CommandResult> {
  constructor(private readonly runtime: DeciderRuntime) {}

  execute(message: PlanBusCommand): Promise<CommandResult> {
    return this.runtime.handle(planDecider, planStreamId(message.command.data.planId), message.command, { expectedRevision: message.expectedRevision });
  }
}
