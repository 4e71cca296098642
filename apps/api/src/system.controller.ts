import { WORKING_DAY_CALENDAR_RANGE } from '@regledger/shared';
import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { sql } from 'kysely';
import { ENGINE, EngineLifecycle, PROJECTION_ENGINE, describeBackends, type Engine } from '@regledger/engine';
import type { ProjectionEngine, WorkerStatus } from '@regledger/read-models';
import { Public, Roles } from '@regledger/http';

@ApiTags('system')
@Controller()
export class SystemController {
  constructor(
    @Inject(ENGINE) private readonly engine: Engine,
    @Inject(PROJECTION_ENGINE) private readonly projections: ProjectionEngine,
    private readonly lifecycle: EngineLifecycle,
  ) {}

  @Get('health')
  @Public()
  @ApiOperation({ summary: 'Liveness: 200 once the engine is up and ready' })
  health(@Res({ passthrough: true }) res: Response): Record<string, unknown> {
    if (!this.lifecycle.ready) res.status(503).setHeader('Retry-After', '1');
    return {
      status: this.lifecycle.ready ? 'ok' : 'starting',
      backends: describeBackends(this.engine.config),
      workingDayCalendar: { ...WORKING_DAY_CALENDAR_RANGE },
    };
  }

  @Get('ready')
  @Public()
  @ApiOperation({ summary: 'Readiness: the database answers and the engine has started' })
  async ready(@Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    let database = 'ok';
    try {
      await sql`select 1`.execute(this.engine.database.db);
    } catch {
      database = 'unavailable';
    }
    const ok = this.lifecycle.ready && database === 'ok';
    if (!ok) res.status(503).setHeader('Retry-After', '5');
    return { status: ok ? 'ready' : 'not_ready', database, engine: this.lifecycle.ready ? 'started' : 'starting' };
  }

  @Get('projections')
  @HttpCode(200)
  @Roles('admin', 'analyst', 'supervisor')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Each projection and policy: position, events and seconds behind the head, state' })
  async status(): Promise<{ head: string | null; workers: WorkerStatus[] }> {
    const head = await this.engine.store.headPosition();
    return { head: head ? head.globalPosition.toString() : null, workers: await this.projections.status() };
  }
}
