import type { CommandBus } from '@nestjs/cqrs';
import type { RecordedEvent } from '@regledger/event-store';
import { idempotencyKeyFor, sendReactions, systemMetadata, type Policy } from '@regledger/read-models';
import { isComplaintEvent } from '@regledger/complaints/contracts';
import { OpenCaseFromReportBusCommand } from '../commands/open-case-from-report/open-case-from-report.handler.js';

const POLICY = { name: 'enforcement.case-on-verified-report' } as const;

/**
 * A verified report with a decision to open a case (Interim Measures art. 31; Penalty Procedure Provisions
 * art. 18): on `CaseDecisionRecorded` with openCase, a `verified_report` non-compliance and a case opened in one
 * decision under an id derived from the complaint. Pure but for the clock `now`.
 */
export const caseOnVerifiedReportCommandsFor = (event: RecordedEvent, now?: Date): OpenCaseFromReportBusCommand[] => {
  if (!isComplaintEvent(event) || event.type !== 'CaseDecisionRecorded') return [];
  const d = event.data as { complaintId: string; openCase: boolean; reason: string; decidedOn: string };
  if (!d.openCase) return [];
  return [
    new OpenCaseFromReportBusCommand(d.complaintId, d.decidedOn, d.reason, { eventId: event.id, streamId: event.streamId }, (part) =>
      systemMetadata(POLICY.name, event, idempotencyKeyFor(POLICY, event, part), now),
    ),
  ];
};

/** On `CaseDecisionRecorded` with openCase: record the report on the matter and open the case; commands carry `clock`, the engine's clock. */
export const caseOnVerifiedReportPolicy = (commandBus: CommandBus, clock: () => Date): Policy => ({
  name: POLICY.name,
  handles: ['CaseDecisionRecorded'],
  async react(event: RecordedEvent): Promise<void> {
    await sendReactions(commandBus, caseOnVerifiedReportCommandsFor(event, clock()));
  },
});
