import { Body, Controller, Get, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Actors, CascadeQueryService, CascadeService } from '@cascade/dialogue';
import { ReasonDto } from '../dialogues/dialogue.dto';
import { auditView } from '../instances/views';
import { ManagerDto, ManagerListDto, ManagerListQueryDto, ScheduleDto } from './manager.dto';
import { managerTimerView, managerView } from './manager-views';

/**
 * The managers' cascade of one entity (workflows/manager-session.v*.yaml): the list with each manager's subtree
 * progress, one manager's timeline, and what an admin may do for a manager. The engine refuses what the state
 * does not allow (409 `invalid-transition`: cancelling a session that is not scheduled, reinstating a manager who
 * is not excused); an address not in the entity's tree is 404.
 */
@ApiTags("managers' cascade")
@ApiSecurity('admin-key')
@Controller('api/dialogues/:year/entities/:code/managers')
export class ManagersController {
  constructor(
    private readonly cascade: CascadeService,
    private readonly query: CascadeQueryService,
  ) {}

  @Get()
  @ApiOperation({
    summary: "The entity's managers: state, subtree progress, lagging (searched, filtered, paged)",
    description:
      'One row per manager of the imported tree, by name: state, direct reports, the day their turn came, the ' +
      'progress of their subtree (managers, and how many held their session), and how many days they lag. `byState` ' +
      'and `lagging` count the whole entity, whatever the filters; `total` counts the matching managers.',
  })
  @ApiOkResponse({ type: ManagerListDto })
  list(
    @Param('year', ParseIntPipe) year: number,
    @Param('code') code: string,
    @Query() query: ManagerListQueryDto,
  ) {
    return this.query.list(year, code, {
      state: query.state,
      q: query.q,
      lagging: query.lagging === 'true',
      offset: query.offset === undefined ? undefined : Number(query.offset),
      limit: query.limit === undefined ? undefined : Number(query.limit),
    });
  }

  @Get(':email')
  @ApiOperation({
    summary: 'One manager with their timeline: every event (who, when, from, to, why) and every timer',
    description: '`advice` is the advice on the size of their session, from the tree and the definition.',
  })
  async get(
    @Param('year', ParseIntPipe) year: number,
    @Param('code') code: string,
    @Param('email') email: string,
  ) {
    const [{ manager, events, timers }, standing] = await Promise.all([
      this.cascade.timeline(year, code, email),
      this.query.standing(year, code, email),
    ]);
    return {
      ...managerView(manager),
      advice: standing?.advice ?? null,
      events: events.map(auditView),
      timers: timers.map(managerTimerView),
    };
  }

  @Post(':email/schedule')
  @ApiOperation({
    summary: "Schedule the manager's session, or change it (the team's calendar invitations follow)",
  })
  @ApiCreatedResponse({ type: ManagerDto })
  async schedule(
    @Param('year', ParseIntPipe) year: number,
    @Param('code') code: string,
    @Param('email') email: string,
    @Body() body: ScheduleDto,
  ) {
    return managerView(await this.cascade.schedule(year, code, email, body, Actors.adminApiKey));
  }

  @Post(':email/cancel-session')
  @ApiOperation({ summary: "Cancel the manager's scheduled session (the team's invitations are cancelled)" })
  @ApiCreatedResponse({ type: ManagerDto })
  async cancelSession(
    @Param('year', ParseIntPipe) year: number,
    @Param('code') code: string,
    @Param('email') email: string,
  ) {
    return managerView(await this.cascade.cancelSession(year, code, email, Actors.adminApiKey));
  }

  @Post(':email/excuse')
  @ApiOperation({ summary: 'Excuse the manager from holding a session this year; reason required' })
  @ApiCreatedResponse({ type: ManagerDto })
  async excuse(
    @Param('year', ParseIntPipe) year: number,
    @Param('code') code: string,
    @Param('email') email: string,
    @Body() body: ReasonDto,
  ) {
    return managerView(await this.cascade.excuse(year, code, email, body.reason, Actors.adminApiKey));
  }

  @Post(':email/reinstate')
  @ApiOperation({ summary: 'Expect an excused manager to hold a session after all; reason required' })
  @ApiCreatedResponse({ type: ManagerDto })
  async reinstate(
    @Param('year', ParseIntPipe) year: number,
    @Param('code') code: string,
    @Param('email') email: string,
    @Body() body: ReasonDto,
  ) {
    return managerView(await this.cascade.reinstate(year, code, email, body.reason, Actors.adminApiKey));
  }
}
