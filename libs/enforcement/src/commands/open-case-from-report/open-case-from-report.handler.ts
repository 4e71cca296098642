import { Inject } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandMetadata } from '@regledger/shared';
import type { CommandResult, EventStore } from '@regledger/event-store';
import { EVENT_STORE } from '@regledger/engine';
import { complaintStreamId, type ComplaintReceivedData } from '@regledger/complaints/contracts';
import { caseIdForReport, productKeyOf, type MatterSubjectInput } from '../../domain/index.js';
import { caseCommand } from '../case-command.handler.js';
import { recordNonCompliance } from '../matter-command.handler.js';

/** A report the complaints context verified, with a decision to open a case (`CaseDecisionRecorded` with openCase). */
export class OpenCaseFromReportBusCommand extends Command<CommandResult[]> {
  constructor(
    readonly complaintId: string,
    readonly decidedOn: string,
    readonly reason: string,
    /** The CaseDecisionRecorded event and its stream. */
    readonly source: { eventId: string; streamId: string },
    /** One metadata per command sent, each under its own idempotency key. */
    readonly metadataFor: (part: 'matter' | 'case') => CommandMetadata,
  ) {
    super();
  }
}

/**
 * Reads the report from its complaint stream at decision time (the enterprise, the authority and the product
 * it names) and records two facts: the non-compliance (`verified_report`) on the enterprise's matter for that
 * product, or for its declaration duties when no product is named, and the case, lead and opening in one
 * decision, under an id derived from the complaint (the verification was done in the complaints context).
 */
@CommandHandler(OpenCaseFromReportBusCommand)
export class OpenCaseFromReportHandler implements ICommandHandler<OpenCaseFromReportBusCommand, CommandResult[]> {
  constructor(
    private readonly commands: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute(message: OpenCaseFromReportBusCommand): Promise<CommandResult[]> {
    const events = await this.store.readStream(complaintStreamId(message.complaintId));
    const received = events.find((e) => e.type === 'ComplaintReceived')?.data as ComplaintReceivedData | undefined;
    if (received === undefined || received.kind !== 'report') return [];
    const subject: MatterSubjectInput = received.product === null ? { kind: 'enterprise' } : { kind: 'product', product: received.product, productKey: productKeyOf(received.product) };
    const matter: CommandResult = await this.commands.execute(
      recordNonCompliance(
        {
          uscc: received.uscc,
          jurisdiction: received.jurisdiction,
          subject,
          trigger: {
            kind: 'verified_report',
            sourceEventId: message.source.eventId,
            sourceStreamId: message.source.streamId,
            reference: message.complaintId,
            occurredOn: message.decidedOn,
            description: message.reason,
          },
        },
        message.metadataFor('matter'),
      ),
    );
    const opened = [...matter.events].reverse().find((e) => e.type === 'MatterOpened' || e.type === 'NonComplianceJoined');
    const matterId = (opened?.data as { matterId?: string } | undefined)?.matterId ?? null;
    const caseId = caseIdForReport(message.complaintId);
    const result: CommandResult = await this.commands.execute(
      caseCommand(
        'OpenCaseFromReport',
        {
          caseId,
          uscc: received.uscc,
          jurisdiction: received.jurisdiction,
          matterId,
          productKey: subject.kind === 'product' ? (subject.productKey ?? null) : null,
          source: { kind: 'report', reference: message.complaintId },
          summary: message.reason,
          discoveredOn: received.receivedOn,
          openedOn: message.decidedOn,
        },
        message.metadataFor('case'),
      ),
    );
    return [matter, result];
  }
}
