import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { Public, Roles, commandMetadata, commandResponse, etag, expectedRevisionFrom, type EngineRequest } from '@regledger/http';
import { RegisterEnterpriseCommand } from '../commands/register-enterprise/register-enterprise.handler.js';
import { RegisterEnterpriseRequestDto } from '../commands/register-enterprise/register-enterprise.request.dto.js';
import { RenameEnterpriseCommand } from '../commands/rename-enterprise/rename-enterprise.handler.js';
import { RenameEnterpriseRequestDto } from '../commands/rename-enterprise/rename-enterprise.request.dto.js';
import { DeregisterEnterpriseCommand } from '../commands/deregister-enterprise/deregister-enterprise.handler.js';
import { DeregisterEnterpriseRequestDto } from '../commands/deregister-enterprise/deregister-enterprise.request.dto.js';
import { GetEnterpriseQuery } from '../queries/get-enterprise/get-enterprise.query.js';
import { FindEnterprisesQuery, type EnterprisePage } from '../queries/find-enterprises/find-enterprises.query.js';
import { FindEnterprisesRequestDto } from '../queries/find-enterprises/find-enterprises.request.dto.js';
import type { EnterpriseView } from '../queries/enterprise.view.js';

const IDEMPOTENCY_HEADER = { name: 'Idempotency-Key', required: false, description: 'A retry with the same key returns the first answer and records nothing new' };
const IF_MATCH_HEADER = { name: 'If-Match', required: false, description: 'The ETag (stream revision) the change is based on; a stale one answers 409' };

@ApiTags('enterprises')
@Controller('enterprises')
export class EnterprisesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('admin', 'supervisor', 'enterprise')
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperation({ summary: 'Register an enterprise (USCC validated with its check character)' })
  async register(@Body() body: RegisterEnterpriseRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const result = await this.commands.execute(new RegisterEnterpriseCommand({ type: 'RegisterEnterprise', data: { ...body }, metadata: commandMetadata(req) }));
    const uscc = (result.events[0]?.data as { uscc?: string } | undefined)?.uscc ?? body.uscc;
    res.setHeader('Location', `/enterprises/${uscc}`);
    return commandResponse(res, result, { uscc });
  }

  @Post(':uscc/rename')
  @HttpCode(200)
  @Roles('admin', 'supervisor')
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOperation({ summary: 'Rename an enterprise from an effective date; former names are kept' })
  async rename(@Param('uscc') uscc: string, @Body() body: RenameEnterpriseRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const result = await this.commands.execute(
      new RenameEnterpriseCommand(
        { type: 'RenameEnterprise', data: { uscc, newName: body.newName, effectiveDate: body.effectiveDate }, metadata: commandMetadata(req, body.reason) },
        expectedRevisionFrom(req),
      ),
    );
    return commandResponse(res, result, { uscc });
  }

  @Post(':uscc/deregister')
  @HttpCode(200)
  @Roles('admin', 'supervisor', 'enterprise')
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOperation({ summary: 'Deregister an enterprise from an effective date' })
  async deregister(@Param('uscc') uscc: string, @Body() body: DeregisterEnterpriseRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const result = await this.commands.execute(
      new DeregisterEnterpriseCommand(
        { type: 'DeregisterEnterprise', data: { uscc, effectiveDate: body.effectiveDate, reason: body.reason }, metadata: commandMetadata(req, body.reason) },
        expectedRevisionFrom(req),
      ),
    );
    return commandResponse(res, result, { uscc });
  }

  @Get(':uscc')
  @Public()
  @ApiOperation({ summary: 'An enterprise with its current and former names (public)' })
  async get(@Param('uscc') uscc: string, @Res({ passthrough: true }) res: Response): Promise<EnterpriseView> {
    const view = await this.queries.execute(new GetEnterpriseQuery(uscc));
    res.setHeader('ETag', etag(BigInt(view.revision)));
    return view;
  }

  @Get()
  @Public()
  @ApiOperation({ summary: 'Search enterprises by USCC or by any current or former name (public)' })
  find(@Query() query: FindEnterprisesRequestDto): Promise<EnterprisePage> {
    return this.queries.execute(
      new FindEnterprisesQuery({ q: query.q, jurisdiction: query.jurisdiction, status: query.status, limit: query.limit ?? 20, offset: query.offset ?? 0 }),
    );
  }
}
