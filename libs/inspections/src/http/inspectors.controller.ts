import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { Roles, commandMetadata, commandResponse, etag, expectedRevisionFrom, type EngineRequest } from '@regledger/http';
import { INSPECTOR_MANAGER_ROLES, INSPECTOR_READER_ROLES } from '../domain/inspector/inspector-access.policy.js';
import { InspectorBusCommand } from '../commands/inspector-command.handler.js';
import { RegisterInspectorRequestDto } from '../commands/register-inspector/register-inspector.request.dto.js';
import { UpdateInspectorQualificationsRequestDto } from '../commands/update-inspector-qualifications/update-inspector-qualifications.request.dto.js';
import { DeclareInspectorConflictRequestDto } from '../commands/declare-inspector-conflict/declare-inspector-conflict.request.dto.js';
import { DeactivateInspectorRequestDto } from '../commands/deactivate-inspector/deactivate-inspector.request.dto.js';
import { InspectionReasonRequestDto } from '../commands/inspection-reason.request.dto.js';
import { FindInspectorsQuery, type InspectorPage } from '../queries/find-inspectors/find-inspectors.query.js';
import { FindInspectorsRequestDto } from '../queries/find-inspectors/find-inspectors.request.dto.js';
import { GetInspectorQuery } from '../queries/get-inspector/get-inspector.query.js';
import type { InspectorView } from '../queries/inspector.view.js';

const IDEMPOTENCY_HEADER = { name: 'Idempotency-Key', required: false, description: 'A retry with the same key returns the first answer and records nothing new' };
const IF_MATCH_HEADER = { name: 'If-Match', required: false, description: 'The ETag (stream revision) the change is based on; a stale one answers 409' };

@ApiTags('inspectors')
@Controller('inspectors')
export class InspectorsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(...INSPECTOR_MANAGER_ROLES)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperation({ summary: 'Register an inspector in the inspector pool of a jurisdiction' })
  async register(@Body() body: RegisterInspectorRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const result = await this.commands.execute(
      new InspectorBusCommand({
        type: 'RegisterInspector',
        data: { inspectorId: body.inspectorId, name: body.name, jurisdiction: body.jurisdiction, qualifications: body.qualifications, conflicts: body.conflicts },
        metadata: commandMetadata(req),
      }),
    );
    res.setHeader('Location', `/inspectors/${body.inspectorId}`);
    return commandResponse(res, result, { inspectorId: body.inspectorId });
  }

  @Get()
  @Roles(...INSPECTOR_READER_ROLES)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'List the inspector pool of a jurisdiction (defaults to the caller\'s)' })
  find(@Query() q: FindInspectorsRequestDto, @Req() req: EngineRequest): Promise<InspectorPage> {
    return this.queries.execute(new FindInspectorsQuery(req.actor, { jurisdiction: q.jurisdiction, active: q.active, limit: q.limit ?? 20, offset: q.offset ?? 0 }));
  }

  @Get(':id')
  @Roles(...INSPECTOR_READER_ROLES)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'An inspector with qualifications and declared conflicts' })
  async get(@Param('id') id: string, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<InspectorView> {
    const view = await this.queries.execute(new GetInspectorQuery(req.actor, id));
    res.setHeader('ETag', etag(BigInt(view.revision)));
    return view;
  }

  @Put(':id/qualifications')
  @HttpCode(200)
  @Roles(...INSPECTOR_MANAGER_ROLES)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOperation({ summary: 'Replace the inspector\'s qualifications' })
  async qualifications(@Param('id') id: string, @Body() body: UpdateInspectorQualificationsRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const result = await this.commands.execute(
      new InspectorBusCommand({ type: 'UpdateInspectorQualifications', data: { inspectorId: id, qualifications: body.qualifications }, metadata: commandMetadata(req) }, expectedRevisionFrom(req)),
    );
    return commandResponse(res, result, { inspectorId: id });
  }

  @Post(':id/conflicts')
  @HttpCode(201)
  @Roles(...INSPECTOR_MANAGER_ROLES)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOperation({ summary: 'Declare the inspector\'s interest in an enterprise: it is never assigned to inspect it (Administrative Penalty Law art. 43)' })
  async declareConflict(@Param('id') id: string, @Body() body: DeclareInspectorConflictRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const result = await this.commands.execute(
      new InspectorBusCommand({ type: 'DeclareInspectorConflict', data: { inspectorId: id, uscc: body.uscc }, metadata: commandMetadata(req) }, expectedRevisionFrom(req)),
    );
    return commandResponse(res, result, { inspectorId: id });
  }

  @Delete(':id/conflicts/:uscc')
  @HttpCode(200)
  @Roles(...INSPECTOR_MANAGER_ROLES)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOperation({ summary: 'Withdraw a declared conflict of interest' })
  async withdrawConflict(
    @Param('id') id: string,
    @Param('uscc') uscc: string,
    @Body() body: InspectionReasonRequestDto,
    @Req() req: EngineRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Record<string, unknown>> {
    const result = await this.commands.execute(
      new InspectorBusCommand({ type: 'WithdrawInspectorConflict', data: { inspectorId: id, uscc }, metadata: commandMetadata(req, body?.reason) }, expectedRevisionFrom(req)),
    );
    return commandResponse(res, result, { inspectorId: id });
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @Roles(...INSPECTOR_MANAGER_ROLES)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOperation({ summary: 'Take the inspector out of future draws, with a reason' })
  async deactivate(@Param('id') id: string, @Body() body: DeactivateInspectorRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const result = await this.commands.execute(
      new InspectorBusCommand({ type: 'DeactivateInspector', data: { inspectorId: id, reason: body.reason }, metadata: commandMetadata(req, typeof body.reason === 'string' ? body.reason : undefined) }, expectedRevisionFrom(req)),
    );
    return commandResponse(res, result, { inspectorId: id });
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  @Roles(...INSPECTOR_MANAGER_ROLES)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOperation({ summary: 'Put a deactivated inspector back in the pool' })
  async reactivate(@Param('id') id: string, @Body() body: InspectionReasonRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const result = await this.commands.execute(
      new InspectorBusCommand({ type: 'ReactivateInspector', data: { inspectorId: id }, metadata: commandMetadata(req, body?.reason) }, expectedRevisionFrom(req)),
    );
    return commandResponse(res, result, { inspectorId: id });
  }
}
