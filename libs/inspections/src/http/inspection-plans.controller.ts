import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { v5 as uuidv5, v7 as uuidv7 } from 'uuid';
import { Public, Roles, commandMetadata, commandResponse, etag, expectedRevisionFrom, type EngineRequest } from '@regledger/http';
import { PlanBusCommand } from '../commands/plan-command.handler.js';
import { CreateInspectionPlanRequestDto } from '../commands/create-inspection-plan/create-inspection-plan.request.dto.js';
import { CancelInspectionPlanRequestDto } from '../commands/cancel-inspection-plan/cancel-inspection-plan.request.dto.js';
import { DrawInspectionsCommand } from '../commands/draw-inspections/draw-inspections.handler.js';
import { DrawInspectionsRequestDto } from '../commands/draw-inspections/draw-inspections.request.dto.js';
import type { CreateInspectionPlanData } from '../domain/plan/plan.commands.js';
import { FindInspectionPlansQuery, type InspectionPlanPage } from '../queries/find-inspection-plans/find-inspection-plans.query.js';
import { FindInspectionPlansRequestDto } from '../queries/find-inspection-plans/find-inspection-plans.request.dto.js';
import { GetInspectionPlanQuery } from '../queries/get-inspection-plan/get-inspection-plan.query.js';
import type { InspectionPlanView } from '../queries/inspection-plan.view.js';
import { GetDrawQuery, type DrawView } from '../queries/get-draw/get-draw.query.js';
import { VerifyDrawQuery, type DrawVerificationAnswer } from '../queries/verify-draw/verify-draw.query.js';

const IDEMPOTENCY_HEADER = { name: 'Idempotency-Key', required: false, description: 'A retry with the same key returns the first answer and records nothing new' };

/** Namespace of the plan ids derived from an idempotency key. */
const RETRY_NAMESPACE = '0b6f3a52-8f1e-4d7c-9a43-5c2e7d1b9f60';

/** A new plan's id; under an idempotency key it is derived from the caller and the key, so a retry is the very same command. */
const planIdFor = (actorId: string, idempotencyKey?: string): string => `PLAN-${idempotencyKey ? uuidv5(`${actorId}:${idempotencyKey}`, RETRY_NAMESPACE) : uuidv7()}`;

@ApiTags('inspection-plans')
@Controller('inspection-plans')
export class InspectionPlansController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('supervisor')
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperation({ summary: 'Make a double-random inspection plan and commit to the secret of its draw' })
  async create(@Body() body: CreateInspectionPlanRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const metadata = commandMetadata(req);
    const planId = planIdFor(metadata.actor.id, metadata.idempotencyKey);
    const data = { planId, jurisdiction: body.jurisdiction, name: body.name, scope: body.scope, policy: body.policy, period: body.period, commitment: body.commitment } as CreateInspectionPlanData;
    const result = await this.commands.execute(new PlanBusCommand({ type: 'CreateInspectionPlan', data, metadata }));
    res.setHeader('Location', `/inspection-plans/${planId}`);
    return commandResponse(res, result, { planId });
  }

  @Get()
  @Public()
  @ApiOperation({ summary: 'Inspection plans with their commitments, newest first (public)' })
  find(@Query() q: FindInspectionPlansRequestDto): Promise<InspectionPlanPage> {
    return this.queries.execute(new FindInspectionPlansQuery({ jurisdiction: q.jurisdiction, status: q.status, limit: q.limit ?? 20, offset: q.offset ?? 0 }));
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'An inspection plan: scope, policy, period, commitment and status (public)' })
  async get(@Param('id') id: string, @Res({ passthrough: true }) res: Response): Promise<InspectionPlanView> {
    const view = await this.queries.execute(new GetInspectionPlanQuery(id));
    res.setHeader('ETag', etag(BigInt(view.revision)));
    return view;
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperation({ summary: 'Cancel a plan that has not been drawn' })
  async cancel(@Param('id') id: string, @Body() body: CancelInspectionPlanRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const metadata = commandMetadata(req, typeof body.reason === 'string' ? body.reason : undefined);
    const result = await this.commands.execute(new PlanBusCommand({ type: 'CancelInspectionPlan', data: { planId: id, reason: body.reason }, metadata }, expectedRevisionFrom(req)));
    return commandResponse(res, result, { planId: id });
  }

  @Post(':id/draw')
  @HttpCode(201)
  @Roles('supervisor')
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperation({ summary: 'Reveal the secret and draw: the pool is fixed at the head of the log, then targets and inspectors are drawn' })
  async draw(@Param('id') id: string, @Body() body: DrawInspectionsRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const result = await this.commands.execute(new DrawInspectionsCommand(id, body.secret, commandMetadata(req)));
    const drawn = result.events.find((e) => e.type === 'InspectionsDrawn')?.data as { result?: { poolHash: string; seed: string; assignments: unknown[] }; input?: { poolPosition: string } } | undefined;
    res.setHeader('Location', `/inspection-plans/${id}/draw`);
    return commandResponse(res, result, {
      planId: id,
      poolPosition: drawn?.input?.poolPosition ?? null,
      poolHash: drawn?.result?.poolHash ?? null,
      seed: drawn?.result?.seed ?? null,
      drawnTargets: drawn?.result?.assignments.length ?? null,
    });
  }

  @Get(':id/draw')
  @Public()
  @ApiOperation({ summary: 'The recorded draw: drawn targets for everyone; inspectors and the full input for officials with a token' })
  getDraw(@Param('id') id: string, @Req() req: EngineRequest): Promise<DrawView> {
    return this.queries.execute(new GetDrawQuery(req.actor, id));
  }

  @Get(':id/draw/verify')
  @Public()
  @ApiOperation({ summary: 'Rebuild the pool from the log at the recorded position and recompute the draw (public)' })
  verify(@Param('id') id: string): Promise<DrawVerificationAnswer> {
    return this.queries.execute(new VerifyDrawQuery(id));
  }
}
