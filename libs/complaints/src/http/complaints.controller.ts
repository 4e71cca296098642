import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import type { CommandResult, EventStore } from '@regledger/event-store';
import { EVENT_STORE } from '@regledger/engine';
import { chinaDate, type Role } from '@regledger/shared';
import { Public, Roles, commandMetadata, etag, expectedRevisionFrom, requestTime, type EngineRequest } from '@regledger/http';
import { assertComplaintIdShape, complaintIdFor } from '../complaint-id.js';
import type { ComplaintBusCommand } from '../commands/complaint-command.handler.js';
import { receiveComplaint } from '../commands/receive-complaint/receive-complaint.command.js';
import { ReceiveComplaintRequestDto } from '../commands/receive-complaint/receive-complaint.request.dto.js';
import { acceptComplaint } from '../commands/accept-complaint/accept-complaint.command.js';
import { AcceptComplaintRequestDto } from '../commands/accept-complaint/accept-complaint.request.dto.js';
import { rejectComplaint } from '../commands/reject-complaint/reject-complaint.command.js';
import { RejectComplaintRequestDto } from '../commands/reject-complaint/reject-complaint.request.dto.js';
import { assignHandler } from '../commands/assign-handler/assign-handler.command.js';
import { AssignHandlerRequestDto } from '../commands/assign-handler/assign-handler.request.dto.js';
import { recordMediation } from '../commands/record-mediation/record-mediation.command.js';
import { RecordMediationRequestDto } from '../commands/record-mediation/record-mediation.request.dto.js';
import { pauseForTesting } from '../commands/pause-for-testing/pause-for-testing.command.js';
import { PauseForTestingRequestDto } from '../commands/pause-for-testing/pause-for-testing.request.dto.js';
import { resumeAfterTesting } from '../commands/resume-after-testing/resume-after-testing.command.js';
import { ResumeAfterTestingRequestDto } from '../commands/resume-after-testing/resume-after-testing.request.dto.js';
import { escalateToInspection } from '../commands/escalate-to-inspection/escalate-to-inspection.command.js';
import { EscalateToInspectionRequestDto } from '../commands/escalate-to-inspection/escalate-to-inspection.request.dto.js';
import { closeComplaint } from '../commands/close-complaint/close-complaint.command.js';
import { CloseComplaintRequestDto } from '../commands/close-complaint/close-complaint.request.dto.js';
import { extendVerification } from '../commands/extend-verification/extend-verification.command.js';
import { ExtendVerificationRequestDto } from '../commands/extend-verification/extend-verification.request.dto.js';
import { decideOnCase } from '../commands/decide-on-case/decide-on-case.command.js';
import { DecideOnCaseRequestDto } from '../commands/decide-on-case/decide-on-case.request.dto.js';
import { notifyReporter } from '../commands/notify-reporter/notify-reporter.command.js';
import { NotifyReporterRequestDto } from '../commands/notify-reporter/notify-reporter.request.dto.js';
import { COMPLAINT_JURISDICTION_ROLES, COMPLAINT_PERIODS, COMPLAINT_READER_ROLES } from '../domain/index.js';
import { FindComplaintsQuery, type ComplaintListPage } from '../queries/find-complaints/find-complaints.query.js';
import { FindComplaintsRequestDto } from '../queries/find-complaints/find-complaints.request.dto.js';
import { GetComplaintQuery, type ComplaintPage } from '../queries/get-complaint/get-complaint.query.js';
import { ComplaintQueueQuery } from '../queries/complaint-queue/complaint-queue.query.js';
import { ComplaintQueueRequestDto } from '../queries/complaint-queue/complaint-queue.request.dto.js';
import { OverdueCountsQuery, type OverdueCounts } from '../queries/overdue-counts/overdue-counts.query.js';
import { ComplaintStatisticsQuery, type ComplaintStatistics } from '../queries/complaint-statistics/complaint-statistics.query.js';
import { ComplaintStatisticsRequestDto } from '../queries/complaint-statistics/complaint-statistics.request.dto.js';
import { ComplainantReadRecorder } from '../queries/complainant-reads/complainant-read.recorder.js';

/** Who handles complaints (domain.md §1): the jurisdiction roles and admin; the domain checks the jurisdiction. */
const HANDLERS: Role[] = [...COMPLAINT_JURISDICTION_ROLES, 'admin'];
/**
 * Who reads complaints (design choice, docs/complaints.md): the readers of a jurisdiction and an enterprise,
 * for complaints about itself; the complainant is masked unless the reader is a handler of the jurisdiction.
 */
const READERS: Role[] = [...COMPLAINT_READER_ROLES, 'enterprise'];
const IDEMPOTENCY_HEADER = { name: 'Idempotency-Key', required: false, description: 'A retry with the same key returns the first answer and records nothing new' };
const IF_MATCH_HEADER = { name: 'If-Match', required: false, description: 'The complaint version (ETag) the step is based on; a stale one answers 409' };

/** Today (China date) on the request's clock. */
const today = (req: EngineRequest): string => chinaDate(requestTime(req)) as string;

@ApiTags('complaints')
@Controller('complaints')
export class ComplaintsController {
  private readonly reads: ComplainantReadRecorder;

  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(EVENT_STORE) store: EventStore,
  ) {
    this.reads = new ComplainantReadRecorder(store);
  }

  /** Records the complainant identities the views show unmasked (domain.md §6), then lets them be served. */
  private async recordReads<V extends { complaintId: string; complainant: { masked: boolean } }>(req: EngineRequest, route: string, views: readonly V[]): Promise<void> {
    await this.reads.record(views, { actor: req.actor, route, readAt: requestTime(req), correlationId: req.correlationId });
  }

  private async run(res: Response, complaintId: string, message: ComplaintBusCommand): Promise<Record<string, unknown>> {
    const result: CommandResult = await this.commands.execute(message);
    const version = Number(result.revision) + 1;
    res.setHeader('ETag', etag(BigInt(version)));
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return {
      complaintId,
      version,
      replayed: result.replayed,
      streamId: result.streamId,
      events: result.events.map((e) => ({ id: e.id, type: e.type, revision: e.revision.toString(), globalPosition: e.globalPosition.toString() })),
    };
  }

  /** If-Match as a complaint version. */
  private expected(req: EngineRequest): number | undefined {
    const v = expectedRevisionFrom(req);
    return v === undefined ? undefined : Number(v);
  }

  @Post()
  @HttpCode(201)
  @Roles(...HANDLERS)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperation({ summary: `Receive a complaint or a report (intake); acceptance is due within ${COMPLAINT_PERIODS.acceptanceWorkingDays} working days` })
  async receive(@Body() body: ReceiveComplaintRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const metadata = commandMetadata(req);
    const complaintId = complaintIdFor({ actorId: metadata.actor.id, idempotencyKey: metadata.idempotencyKey });
    const out = await this.run(
      res,
      complaintId,
      receiveComplaint(
        {
          complaintId,
          kind: body.kind,
          channel: body.channel,
          uscc: body.uscc,
          ...(body.declarationId === undefined ? {} : { declarationId: body.declarationId }),
          ...(body.product === undefined ? {} : { product: { name: body.product.name, model: body.product.model } }),
          facts: body.facts,
          complainant: {
            name: body.complainant.name,
            realName: body.complainant.realName,
            ...(body.complainant.idNumber === undefined ? {} : { idNumber: body.complainant.idNumber }),
            ...(body.complainant.phone === undefined ? {} : { phone: body.complainant.phone }),
            ...(body.complainant.email === undefined ? {} : { email: body.complainant.email }),
          },
          ...(body.harmKnownOn === undefined ? {} : { harmKnownOn: body.harmKnownOn }),
          receivedOn: body.receivedOn,
          jurisdiction: body.jurisdiction,
        },
        metadata,
      ),
    );
    res.setHeader('Location', `/complaints/${complaintId}`);
    return out;
  }

  @Get('statistics')
  @Public()
  @ApiOperation({ summary: 'Counts of complaints and reports by kind and status (public; no complaint or complainant is shown)' })
  statistics(@Query() q: ComplaintStatisticsRequestDto): Promise<ComplaintStatistics> {
    return this.queries.execute(new ComplaintStatisticsQuery(q.jurisdiction ?? '000000'));
  }

  @Get('queue')
  @Roles(...HANDLERS)
  @ApiBearerAuth()
  @ApiOperation({ summary: "The handler's queue: open items of its jurisdiction, overdue first, then by next due date; each complainant shown unmasked is recorded (ComplainantIdentityRead)" })
  async queue(@Query() q: ComplaintQueueRequestDto, @Req() req: EngineRequest): Promise<ComplaintListPage> {
    const page = await this.queries.execute(new ComplaintQueueQuery(req.actor, today(req), { limit: q.limit ?? 20, offset: q.offset ?? 0, handlerId: q.handlerId }));
    await this.recordReads(req, 'GET /complaints/queue', page.items);
    return page;
  }

  @Get('overdue-counts')
  @Roles(...COMPLAINT_READER_ROLES)
  @ApiBearerAuth()
  @ApiOperation({ summary: "Overdue items per jurisdiction inside the actor's jurisdiction (analyst, admin: all), as of today (China date)" })
  overdueCounts(@Req() req: EngineRequest): Promise<OverdueCounts> {
    return this.queries.execute(new OverdueCountsQuery(req.actor, today(req)));
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'A complaint with its deadlines as of today and its timeline; the complainant masked unless the reader handles it, and an unmasked read recorded (ComplainantIdentityRead)' })
  async get(@Param('id') id: string, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<ComplaintPage> {
    const page = await this.queries.execute(new GetComplaintQuery(assertComplaintIdShape(id), req.actor, today(req)));
    await this.recordReads(req, 'GET /complaints/:id', [page]);
    res.setHeader('ETag', etag(BigInt(page.version)));
    return page;
  }

  @Get()
  @Roles(...READERS)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Complaints the reader may see, newest first, with filters; each complainant shown unmasked is recorded (ComplainantIdentityRead)' })
  async find(@Query() q: FindComplaintsRequestDto, @Req() req: EngineRequest): Promise<ComplaintListPage> {
    const page = await this.queries.execute(
      new FindComplaintsQuery(
        { status: q.status, kind: q.kind, uscc: q.uscc, handlerId: q.handlerId, overdue: q.overdue, limit: q.limit ?? 20, offset: q.offset ?? 0 },
        req.actor,
        today(req),
      ),
    );
    await this.recordReads(req, 'GET /complaints', page.items);
    return page;
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Roles(...HANDLERS)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOperation({ summary: `Accept (art. 14): a complaint goes to mediation (${COMPLAINT_PERIODS.mediationWorkingDays} working days), a report to verification (${COMPLAINT_PERIODS.verificationWorkingDays})` })
  accept(@Param('id') id: string, @Body() body: AcceptComplaintRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const complaintId = assertComplaintIdShape(id);
    return this.run(res, complaintId, acceptComplaint({ complaintId, ...(body.on ? { on: body.on } : {}) }, commandMetadata(req), this.expected(req)));
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles(...HANDLERS)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOperation({ summary: 'Do not accept (art. 14), with the reason' })
  reject(@Param('id') id: string, @Body() body: RejectComplaintRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const complaintId = assertComplaintIdShape(id);
    return this.run(res, complaintId, rejectComplaint({ complaintId, reason: body.reason, ...(body.on ? { on: body.on } : {}) }, commandMetadata(req), this.expected(req)));
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Roles(...HANDLERS)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOperation({ summary: 'Put a handler in charge' })
  assign(@Param('id') id: string, @Body() body: AssignHandlerRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const complaintId = assertComplaintIdShape(id);
    return this.run(res, complaintId, assignHandler({ complaintId, handlerId: body.handlerId, ...(body.on ? { on: body.on } : {}) }, commandMetadata(req), this.expected(req)));
  }

  @Post(':id/mediation')
  @HttpCode(200)
  @Roles(...HANDLERS)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOperation({ summary: 'Record the outcome of mediation (complaints only, arts. 20–21)' })
  mediation(@Param('id') id: string, @Body() body: RecordMediationRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const complaintId = assertComplaintIdShape(id);
    return this.run(
      res,
      complaintId,
      recordMediation({ complaintId, outcome: body.outcome, summary: body.summary, ...(body.on ? { on: body.on } : {}) }, commandMetadata(req), this.expected(req)),
    );
  }

  @Post(':id/testing-pause')
  @HttpCode(200)
  @Roles(...HANDLERS)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOperation({ summary: 'Testing under way: its days do not count towards the end of mediation (art. 20)' })
  pause(@Param('id') id: string, @Body() body: PauseForTestingRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const complaintId = assertComplaintIdShape(id);
    return this.run(res, complaintId, pauseForTesting({ complaintId, from: body.from, ...(body.to ? { to: body.to } : {}) }, commandMetadata(req), this.expected(req)));
  }

  @Post(':id/testing-resume')
  @HttpCode(200)
  @Roles(...HANDLERS)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOperation({ summary: 'Testing over: counting resumes on `on` and the end of mediation moves (art. 20)' })
  resume(@Param('id') id: string, @Body() body: ResumeAfterTestingRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const complaintId = assertComplaintIdShape(id);
    return this.run(res, complaintId, resumeAfterTesting({ complaintId, on: body.on }, commandMetadata(req), this.expected(req)));
  }

  @Post(':id/escalate')
  @HttpCode(200)
  @Roles(...HANDLERS)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOperation({ summary: 'Escalate to a targeted inspection (Guangdong plan item 11)' })
  escalate(@Param('id') id: string, @Body() body: EscalateToInspectionRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const complaintId = assertComplaintIdShape(id);
    return this.run(res, complaintId, escalateToInspection({ complaintId, reason: body.reason, ...(body.on ? { on: body.on } : {}) }, commandMetadata(req), this.expected(req)));
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles(...HANDLERS)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOperation({ summary: 'Close once acceptance is decided; a real-name reporter must have been told of the case decision' })
  close(@Param('id') id: string, @Body() body: CloseComplaintRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const complaintId = assertComplaintIdShape(id);
    return this.run(
      res,
      complaintId,
      closeComplaint({ complaintId, outcome: body.outcome, summary: body.summary, ...(body.on ? { on: body.on } : {}) }, commandMetadata(req), this.expected(req)),
    );
  }

  @Post(':id/verification-extension')
  @HttpCode(200)
  @Roles(...HANDLERS)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOperation({ summary: `Extend a report's verification once by ${COMPLAINT_PERIODS.verificationExtensionWorkingDays} working days, before it is due (art. 23)` })
  extend(@Param('id') id: string, @Body() body: ExtendVerificationRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const complaintId = assertComplaintIdShape(id);
    return this.run(res, complaintId, extendVerification({ complaintId, reason: body.reason, ...(body.on ? { on: body.on } : {}) }, commandMetadata(req), this.expected(req)));
  }

  @Post(':id/case-decision')
  @HttpCode(200)
  @Roles(...HANDLERS)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOperation({ summary: `Decide whether a case is opened on a report; a real-name reporter is due to be told within ${COMPLAINT_PERIODS.reporterNotificationWorkingDays} working days (art. 31)` })
  decide(@Param('id') id: string, @Body() body: DecideOnCaseRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const complaintId = assertComplaintIdShape(id);
    return this.run(
      res,
      complaintId,
      decideOnCase({ complaintId, openCase: body.openCase, reason: body.reason, ...(body.on ? { on: body.on } : {}) }, commandMetadata(req), this.expected(req)),
    );
  }

  @Post(':id/reporter-notification')
  @HttpCode(200)
  @Roles(...HANDLERS)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOperation({ summary: 'Record that the real-name reporter was told of the case decision (art. 31)' })
  notify(@Param('id') id: string, @Body() body: NotifyReporterRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const complaintId = assertComplaintIdShape(id);
    return this.run(res, complaintId, notifyReporter({ complaintId, on: body.on }, commandMetadata(req), this.expected(req)));
  }
}
