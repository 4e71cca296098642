import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import type { CommandResult } from '@regledger/event-store';
import { PageRequestDto, Roles, commandMetadata, commandResponse, etag, expectedRevisionFrom, requestTime, type EngineRequest } from '@regledger/http';
import { targetedInspectionIdFor } from '../inspection-id.js';
import { openTargetedInspection } from '../commands/open-targeted-inspection/open-targeted-inspection.command.js';
import { OpenTargetedInspectionRequestDto } from '../commands/open-targeted-inspection/open-targeted-inspection.request.dto.js';
import { assignInspectors } from '../commands/assign-inspectors/assign-inspectors.command.js';
import { AssignInspectorsRequestDto } from '../commands/assign-inspectors/assign-inspectors.request.dto.js';
import { startInspection } from '../commands/start-inspection/start-inspection.command.js';
import { recordFindings } from '../commands/record-findings/record-findings.command.js';
import { RecordFindingsRequestDto } from '../commands/record-findings/record-findings.request.dto.js';
import { completeInspection } from '../commands/complete-inspection/complete-inspection.command.js';
import { CompleteInspectionRequestDto } from '../commands/complete-inspection/complete-inspection.request.dto.js';
import { publishInspectionResult } from '../commands/publish-inspection-result/publish-inspection-result.command.js';
import { InspectionReasonRequestDto } from '../commands/inspection-reason.request.dto.js';
import type { InspectionBusCommand } from '../commands/inspection-command.handler.js';
import { GetInspectionQuery } from '../queries/get-inspection/get-inspection.query.js';
import { FindInspectionsQuery, type InspectionListPage } from '../queries/find-inspections/find-inspections.query.js';
import { FindInspectionsRequestDto } from '../queries/find-inspections/find-inspections.request.dto.js';
import { FindPublicationOverdueQuery, type OverduePublicationsPage } from '../queries/find-publication-overdue/find-publication-overdue.query.js';
import type { InspectionView } from '../queries/inspection.view.js';

const SUPERVISION = ['supervisor', 'admin'] as const;
const IDEMPOTENCY_HEADER = { name: 'Idempotency-Key', required: false, description: 'A retry with the same key returns the first answer and records nothing new' };
const IF_MATCH_HEADER = { name: 'If-Match', required: false, description: 'The inspection revision (ETag) the change is based on; a stale one answers 409' };

@ApiTags('inspections')
@Controller('inspections')
export class InspectionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  private async run(res: Response, inspectionId: string, message: InspectionBusCommand): Promise<Record<string, unknown>> {
    const result: CommandResult = await this.commands.execute(message);
    return commandResponse(res, result, { inspectionId });
  }

  @Post('targeted')
  @HttpCode(201)
  @Roles(...SUPERVISION)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperation({ summary: 'Open a targeted inspection from a complaint, report, media lead or other source (outside the random quota)' })
  async openTargeted(@Body() body: OpenTargetedInspectionRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const metadata = commandMetadata(req, body.description ?? null);
    const inspectionId = targetedInspectionIdFor({ actorId: metadata.actor.id, idempotencyKey: metadata.idempotencyKey });
    const out = await this.run(
      res,
      inspectionId,
      openTargetedInspection(
        {
          inspectionId,
          uscc: body.uscc,
          source: body.source,
          reference: body.reference ?? null,
          product: body.product ?? null,
          description: body.description ?? null,
          inspectorIds: body.inspectorIds ?? [],
          authority: null,
        },
        metadata,
      ),
    );
    res.setHeader('Location', `/inspections/${inspectionId}`);
    return out;
  }

  @Get()
  @Roles('supervisor', 'inspector', 'analyst', 'admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: "Inspections: supervisors see their jurisdiction's, inspectors their own tasks, analysts and admin all" })
  find(@Query() q: FindInspectionsRequestDto, @Req() req: EngineRequest): Promise<InspectionListPage> {
    return this.queries.execute(
      new FindInspectionsQuery(
        { status: q.status, inspectorId: q.inspectorId, uscc: q.uscc, planId: q.planId, origin: q.origin, jurisdiction: q.jurisdiction, limit: q.limit ?? 20, offset: q.offset ?? 0 },
        req.actor,
      ),
    );
  }

  @Get('publication-overdue')
  @Roles('supervisor', 'analyst', 'admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Completed inspections whose result is unpublished past the 20-working-day deadline, with flags' })
  overdue(@Query() q: PageRequestDto, @Req() req: EngineRequest): Promise<OverduePublicationsPage> {
    return this.queries.execute(new FindPublicationOverdueQuery({ limit: q.limit ?? 20, offset: q.offset ?? 0 }, req.actor, new Date(requestTime(req))));
  }

  @Get(':id')
  @Roles('supervisor', 'inspector', 'analyst', 'admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'One inspection with its findings, outcome, judged declaration and publication state' })
  async get(@Param('id') id: string, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<InspectionView> {
    const view = await this.queries.execute(new GetInspectionQuery(id, req.actor));
    res.setHeader('ETag', etag(BigInt(view.revision)));
    return view;
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Roles(...SUPERVISION)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOperation({ summary: 'Assign or reassign the inspectors (two or more, none with a declared interest in the enterprise)' })
  assign(@Param('id') id: string, @Body() body: AssignInspectorsRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    return this.run(res, id, assignInspectors({ inspectionId: id, inspectorIds: body.inspectorIds }, commandMetadata(req, body.reason), expectedRevisionFrom(req)));
  }

  @Post(':id/start')
  @HttpCode(200)
  @Roles('inspector')
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOperation({ summary: 'An assigned inspector starts the inspection' })
  start(@Param('id') id: string, @Body() body: InspectionReasonRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    return this.run(res, id, startInspection({ inspectionId: id }, commandMetadata(req, body?.reason), expectedRevisionFrom(req)));
  }

  @Post(':id/findings')
  @HttpCode(200)
  @Roles('inspector')
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOperation({ summary: 'An assigned inspector records findings per declared indicator' })
  findings(@Param('id') id: string, @Body() body: RecordFindingsRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    return this.run(res, id, recordFindings({ inspectionId: id, findings: body.findings }, commandMetadata(req), expectedRevisionFrom(req)));
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Roles('inspector')
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOperation({ summary: "Complete with an outcome, judged against the declaration in force on the sample's production date" })
  complete(@Param('id') id: string, @Body() body: CompleteInspectionRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    return this.run(
      res,
      id,
      completeInspection(
        { inspectionId: id, outcome: body.outcome, productionDate: body.productionDate ?? null, product: body.product ?? null, declarationId: body.declarationId ?? null, note: body.note ?? null },
        commandMetadata(req),
        expectedRevisionFrom(req),
      ),
    );
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Roles(...SUPERVISION)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOperation({ summary: 'Publish the result (due within 20 working days of completion; a later publication is recorded as late)' })
  publish(@Param('id') id: string, @Body() body: InspectionReasonRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    return this.run(res, id, publishInspectionResult({ inspectionId: id }, commandMetadata(req, body?.reason), expectedRevisionFrom(req)));
  }
}
