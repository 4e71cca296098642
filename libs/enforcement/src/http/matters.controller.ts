import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import type { CommandResult } from '@regledger/event-store';
import { type CommandMetadata } from '@regledger/shared';
import { Roles, commandMetadata, etag, expectedRevisionFrom, type EngineRequest } from '@regledger/http';
import { ENFORCEMENT_ACTOR_ROLES, ENFORCEMENT_PERIODS, ENFORCEMENT_READER_ROLES, matterNotFound, matterStreamIdOf, type MatterCommand } from '../domain/index.js';
import { matterStep, recordNonCompliance } from '../commands/matter-command.handler.js';
import { MatterStepRequestDto } from '../commands/matter-step.request.dto.js';
import { RecordNonComplianceRequestDto } from '../commands/record-non-compliance/record-non-compliance.request.dto.js';
import { RequestFollowUpInspectionRequestDto } from '../commands/request-follow-up-inspection/request-follow-up-inspection.request.dto.js';
import { ConfirmCorrectionRequestDto } from '../commands/confirm-correction/confirm-correction.request.dto.js';
import { CloseMatterRequestDto } from '../commands/close-matter/close-matter.request.dto.js';
import { FindMattersQuery, type MatterListPage } from '../queries/find-matters/find-matters.query.js';
import { FindMattersRequestDto } from '../queries/find-matters/find-matters.request.dto.js';
import { GetMatterQuery, type MatterPage } from '../queries/get-matter/get-matter.query.js';
import { IDEMPOTENCY_HEADER, IF_MATCH_HEADER, answer, todayOf } from './enforcement-http.js';

type StepType = Exclude<MatterCommand['type'], 'RecordNonCompliance' | 'RecordFollowUpResult' | 'RecordMatterDeadlineMissed'>;

/** A matter id this context could have issued; anything else is unknown (404). */
const matterIdOf = (id: string): string => {
  if (matterStreamIdOf(id) === null) throw matterNotFound(id);
  return id;
};

const dated = (on: string | undefined): { on?: string } => (on ? { on } : {});

@ApiTags('enforcement')
@Controller('matters')
export class MattersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  private async step(res: Response, req: EngineRequest, type: StepType, matterId: string, data: Record<string, unknown>): Promise<Record<string, unknown>> {
    const id = matterIdOf(matterId);
    const metadata: CommandMetadata = commandMetadata(req);
    const result: CommandResult = await this.commands.execute(matterStep(type, { matterId: id, ...data } as never, metadata, expectedRevisionFrom(req)));
    return answer(res, result, { matterId: id });
  }

  @Post()
  @HttpCode(201)
  @Roles(...ENFORCEMENT_ACTOR_ROLES)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperation({ summary: 'Record a non-compliance found by hand: opens a matter for the enterprise and subject, or joins the open one' })
  async record(@Body() body: RecordNonComplianceRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const result: CommandResult = await this.commands.execute(
      recordNonCompliance(
        {
          uscc: body.uscc,
          jurisdiction: body.jurisdiction,
          subject: body.subject.kind === 'product' && body.subject.product ? { kind: 'product', product: { name: body.subject.product.name, model: body.subject.product.model } } : { kind: 'enterprise' },
          trigger: { kind: 'manual', sourceEventId: null, sourceStreamId: null, reference: body.reference ?? null, occurredOn: body.occurredOn, description: body.description ?? null },
        },
        commandMetadata(req),
      ),
    );
    const matterId = (result.events[0]?.data as { matterId?: string } | undefined)?.matterId ?? null;
    if (matterId !== null) res.setHeader('Location', `/matters/${matterId}`);
    return answer(res, result, { matterId });
  }

  @Get()
  @Roles(...ENFORCEMENT_READER_ROLES)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Matters the reader may see (open by default): overdue first, then by next deadline' })
  find(@Query() q: FindMattersRequestDto, @Req() req: EngineRequest): Promise<MatterListPage> {
    return this.queries.execute(new FindMattersQuery({ status: q.status ?? 'open', uscc: q.uscc, overdue: q.overdue, limit: q.limit ?? 20, offset: q.offset ?? 0 }, req.actor, todayOf(req)));
  }

  @Get(':id')
  @Roles(...ENFORCEMENT_READER_ROLES)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'A matter with its steps, deadlines as of today and timeline' })
  async get(@Param('id') id: string, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<MatterPage> {
    const page: MatterPage = await this.queries.execute(new GetMatterQuery(matterIdOf(id), req.actor, todayOf(req)));
    res.setHeader('ETag', etag(BigInt(page.revision)));
    return page;
  }

  @Post(':id/stop-sale')
  @HttpCode(200)
  @Roles(...ENFORCEMENT_ACTOR_ROLES)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOperation({ summary: 'Order the stop of production and sale of the failed product (SAMR Order 18 art. 44)' })
  stopSale(@Param('id') id: string, @Body() body: MatterStepRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    return this.step(res, req, 'OrderStopSale', id, dated(body.on));
  }

  @Post(':id/correction')
  @HttpCode(200)
  @Roles(...ENFORCEMENT_ACTOR_ROLES)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOperation({ summary: `Order the correction: a product within ${ENFORCEMENT_PERIODS.correctionDays} days, follow-up due in ${ENFORCEMENT_PERIODS.followUpDays} (arts. 44–50)` })
  correction(@Param('id') id: string, @Body() body: MatterStepRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    return this.step(res, req, 'OrderCorrection', id, dated(body.on));
  }

  @Post(':id/follow-up')
  @HttpCode(200)
  @Roles(...ENFORCEMENT_ACTOR_ROLES)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOperation({ summary: 'Request a follow-up inspection (round 1, 2 or 3); the inspections context opens it' })
  followUp(@Param('id') id: string, @Body() body: RequestFollowUpInspectionRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    return this.step(res, req, 'RequestFollowUpInspection', id, { round: body.round, ...dated(body.on) });
  }

  @Post(':id/public-notice')
  @HttpCode(200)
  @Roles(...ENFORCEMENT_ACTOR_ROLES)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOperation({ summary: 'Issue a public notice after a failed first follow-up; the second is due 60–90 days on' })
  publicNotice(@Param('id') id: string, @Body() body: MatterStepRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    return this.step(res, req, 'IssuePublicNotice', id, dated(body.on));
  }

  @Post(':id/suspension')
  @HttpCode(200)
  @Roles(...ENFORCEMENT_ACTOR_ROLES)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOperation({ summary: 'Order suspension for rectification after a failed second follow-up' })
  suspension(@Param('id') id: string, @Body() body: MatterStepRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    return this.step(res, req, 'OrderSuspension', id, dated(body.on));
  }

  @Post(':id/revocation')
  @HttpCode(200)
  @Roles(...ENFORCEMENT_ACTOR_ROLES)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOperation({ summary: 'Revoke the licence after a failed third follow-up; closes the matter' })
  revocation(@Param('id') id: string, @Body() body: MatterStepRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    return this.step(res, req, 'RevokeLicence', id, dated(body.on));
  }

  @Post(':id/correction-confirmation')
  @HttpCode(200)
  @Roles(...ENFORCEMENT_ACTOR_ROLES)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOperation({ summary: 'Confirm a failure to disclose was corrected (Standardization Law art. 38); closes the matter' })
  confirm(@Param('id') id: string, @Body() body: ConfirmCorrectionRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    return this.step(res, req, 'ConfirmCorrection', id, { note: body.note ?? null, ...dated(body.on) });
  }

  @Post(':id/non-disclosure')
  @HttpCode(200)
  @Roles(...ENFORCEMENT_ACTOR_ROLES)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOperation({ summary: 'Publish a failure to disclose not corrected by its deadline (Standardization Law art. 38)' })
  nonDisclosure(@Param('id') id: string, @Body() body: MatterStepRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    return this.step(res, req, 'PublishNonDisclosure', id, dated(body.on));
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles(...ENFORCEMENT_ACTOR_ROLES)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOperation({ summary: 'Close a matter by hand: referred to a case, or dismissed' })
  close(@Param('id') id: string, @Body() body: CloseMatterRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    return this.step(res, req, 'CloseMatter', id, { outcome: body.outcome, reason: body.reason, ...dated(body.on) });
  }
}
