import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import type { CommandResult } from '@regledger/event-store';
import { Roles, commandMetadata, etag, expectedRevisionFrom, type EngineRequest } from '@regledger/http';
import { ENFORCEMENT_ACTOR_ROLES, ENFORCEMENT_PERIODS, ENFORCEMENT_READER_ROLES, caseNotFound, type CaseCommand } from '../domain/index.js';
import { caseCommand } from '../commands/case-command.handler.js';
import { CaseStepRequestDto } from '../commands/case-step.request.dto.js';
import { RegisterLeadRequestDto } from '../commands/register-lead/register-lead.request.dto.js';
import { ExtendLeadVerificationRequestDto } from '../commands/extend-lead-verification/extend-lead-verification.request.dto.js';
import { DeclineCaseRequestDto } from '../commands/decline-case/decline-case.request.dto.js';
import { PauseCaseRequestDto } from '../commands/pause-case/pause-case.request.dto.js';
import { ExtendDecisionDeadlineRequestDto } from '../commands/extend-decision-deadline/extend-decision-deadline.request.dto.js';
import { DecidePenaltyRequestDto } from '../commands/decide-penalty/decide-penalty.request.dto.js';
import { FindCasesQuery, type CaseListPage } from '../queries/find-cases/find-cases.query.js';
import { FindCasesRequestDto } from '../queries/find-cases/find-cases.request.dto.js';
import { GetCaseQuery, type CasePage } from '../queries/get-case/get-case.query.js';
import { IDEMPOTENCY_HEADER, IF_MATCH_HEADER, answer, todayOf } from './enforcement-http.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Case ids are UUIDs; anything else is an unknown case (404). */
const caseIdOf = (id: string): string => {
  if (!UUID.test(id)) throw caseNotFound(id);
  return id.toLowerCase();
};

const dated = (on: string | undefined): { on?: string } => (on ? { on } : {});

type StepType = Exclude<CaseCommand['type'], 'RegisterLead' | 'OpenCaseFromReport' | 'EndPenaltyPublication' | 'RecordPenaltyPublicationOverdue' | 'RecordCaseDeadlineMissed'>;

@ApiTags('enforcement')
@Controller('cases')
export class CasesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  private async step(res: Response, req: EngineRequest, type: StepType, id: string, data: Record<string, unknown>): Promise<Record<string, unknown>> {
    const caseId = caseIdOf(id);
    const result: CommandResult = await this.commands.execute(caseCommand(type, { caseId, ...data } as never, commandMetadata(req), expectedRevisionFrom(req)));
    return answer(res, result, { caseId });
  }

  @Post()
  @HttpCode(201)
  @Roles(...ENFORCEMENT_ACTOR_ROLES)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperation({ summary: `Register a lead; its verification is due ${ENFORCEMENT_PERIODS.leadVerificationWorkingDays} working days after discovery (art. 18)` })
  async register(@Body() body: RegisterLeadRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const caseId = body.caseId.toLowerCase();
    const result: CommandResult = await this.commands.execute(
      caseCommand(
        'RegisterLead',
        {
          caseId,
          uscc: body.uscc,
          jurisdiction: body.jurisdiction,
          matterId: body.matterId ?? null,
          productKey: body.productKey ?? null,
          source: { kind: body.source.kind, reference: body.source.reference ?? null },
          summary: body.summary,
          discoveredOn: body.discoveredOn,
        },
        commandMetadata(req),
      ),
    );
    res.setHeader('Location', `/cases/${caseId}`);
    return answer(res, result, { caseId });
  }

  @Get()
  @Roles(...ENFORCEMENT_READER_ROLES)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Cases the reader may see: overdue first, then by next deadline' })
  find(@Query() q: FindCasesRequestDto, @Req() req: EngineRequest): Promise<CaseListPage> {
    return this.queries.execute(new FindCasesQuery({ status: q.status ?? 'all', uscc: q.uscc, overdue: q.overdue, limit: q.limit ?? 20, offset: q.offset ?? 0 }, req.actor, todayOf(req)));
  }

  @Get(':id')
  @Roles(...ENFORCEMENT_READER_ROLES)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'A case with its deadlines as of today and its timeline' })
  async get(@Param('id') id: string, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<CasePage> {
    const page: CasePage = await this.queries.execute(new GetCaseQuery(caseIdOf(id), req.actor, todayOf(req)));
    res.setHeader('ETag', etag(BigInt(page.revision)));
    return page;
  }

  @Post(':id/verification-extension')
  @HttpCode(200)
  @Roles(...ENFORCEMENT_ACTOR_ROLES)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOperation({ summary: `Extend the lead's verification once by ${ENFORCEMENT_PERIODS.leadVerificationExtensionWorkingDays} working days (art. 18)` })
  extendVerification(@Param('id') id: string, @Body() body: ExtendLeadVerificationRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    return this.step(res, req, 'ExtendLeadVerification', id, { reason: body.reason, ...dated(body.on) });
  }

  @Post(':id/open')
  @HttpCode(200)
  @Roles(...ENFORCEMENT_ACTOR_ROLES)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOperation({ summary: `Open the case; the decision is due ${ENFORCEMENT_PERIODS.decisionDays} calendar days on (Administrative Penalty Law art. 60)` })
  open(@Param('id') id: string, @Body() body: CaseStepRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    return this.step(res, req, 'OpenCase', id, dated(body.on));
  }

  @Post(':id/decline')
  @HttpCode(200)
  @Roles(...ENFORCEMENT_ACTOR_ROLES)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOperation({ summary: 'Do not open a case on the lead; closes it' })
  decline(@Param('id') id: string, @Body() body: DeclineCaseRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    return this.step(res, req, 'DeclineCase', id, { reason: body.reason, ...dated(body.on) });
  }

  @Post(':id/pause')
  @HttpCode(200)
  @Roles(...ENFORCEMENT_ACTOR_ROLES)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOperation({ summary: 'Pause for testing, a hearing or a suspension: those days do not count (art. 60)' })
  pause(@Param('id') id: string, @Body() body: PauseCaseRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    return this.step(res, req, 'PauseCase', id, { kind: body.kind, ...(body.from ? { from: body.from } : {}) });
  }

  @Post(':id/resume')
  @HttpCode(200)
  @Roles(...ENFORCEMENT_ACTOR_ROLES)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOperation({ summary: 'Resume: the paused calendar days push the decision deadline (art. 60)' })
  resume(@Param('id') id: string, @Body() body: CaseStepRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    return this.step(res, req, 'ResumeCase', id, dated(body.on));
  }

  @Post(':id/decision-extension')
  @HttpCode(200)
  @Roles(...ENFORCEMENT_ACTOR_ROLES)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOperation({ summary: `Extend the decision deadline once by ${ENFORCEMENT_PERIODS.decisionExtensionDays} days with approval (art. 60)` })
  extendDecision(@Param('id') id: string, @Body() body: ExtendDecisionDeadlineRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    return this.step(res, req, 'ExtendDecisionDeadline', id, { approvalReference: body.approvalReference, ...dated(body.on) });
  }

  @Post(':id/decision')
  @HttpCode(200)
  @Roles(...ENFORCEMENT_ACTOR_ROLES)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOperation({ summary: `Decide the penalty; closes the case; publication due ${ENFORCEMENT_PERIODS.publicationWorkingDays} working days on unless a bare warning (SAMR Order 45)` })
  decide(@Param('id') id: string, @Body() body: DecidePenaltyRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    return this.step(res, req, 'DecidePenalty', id, {
      penalties: body.penalties.map((p) => ({ kind: p.kind, amountYuan: p.amountYuan ?? null })),
      sector: body.sector,
      legalBasis: body.legalBasis,
      ...dated(body.on),
    });
  }

  @Post(':id/publication')
  @HttpCode(200)
  @Roles(...ENFORCEMENT_ACTOR_ROLES)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOperation({ summary: 'Publish the penalty: shown 3 months (warnings, small fines) or 3 years (SAMR Order 45)' })
  publish(@Param('id') id: string, @Body() body: CaseStepRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    return this.step(res, req, 'PublishPenalty', id, dated(body.on));
  }
}
