import { BadRequestException, Body, Controller, Get, Headers, Post } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { EntityManager } from '@mikro-orm/core';
import { Actors, EntityImportService, OrgEntity } from '@cascade/dialogue';
import { entityView } from '../instances/views';
import { ImportEntitiesDto } from './entity.dto';

@ApiTags('entities')
@ApiSecurity('admin-key')
@Controller('api/entities')
export class EntitiesController {
  constructor(
    private readonly imports: EntityImportService,
    private readonly em: EntityManager,
  ) {}

  @Post('import')
  @ApiOperation({
    summary: 'Import or update the entity list: text/csv (columns of entities.csv) or JSON {entities: [...]}',
    description: 'All or nothing: one bad row imports nothing, and the answer names every row and field.',
  })
  @ApiConsumes('text/csv', 'application/json')
  @ApiBody({ type: ImportEntitiesDto })
  async import(@Headers('content-type') contentType: string | undefined, @Body() body: unknown) {
    if (contentType?.startsWith('text/csv')) {
      if (typeof body !== 'string') throw new BadRequestException('the CSV body is empty');
      return this.imports.importCsv(body, Actors.adminApiKey);
    }
    // Each row's fields are checked by the import itself, which names the row and field of every problem.
    const entities = (body as { entities?: unknown } | null)?.entities;
    if (!Array.isArray(entities)) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'BadRequest',
        message: 'entities: send text/csv, or JSON {"entities": [...]}',
        issues: [{ field: 'entities', code: 'list', message: 'must be a list' }],
      });
    }
    // The body bypasses the DTO pipe (the rows are the import's to check), so its unknown fields are refused here.
    const unknown = Object.keys(body as object).filter((key) => key !== 'entities');
    if (unknown.length > 0) {
      const issues = unknown.map((field) => ({
        field,
        code: 'unknown-field',
        message: 'is not a field of an import',
      }));
      throw new BadRequestException({
        statusCode: 400,
        error: 'BadRequest',
        message: issues.map((i) => `${i.field}: ${i.message}`).join('; '),
        issues,
      });
    }
    return this.imports.importJson(entities, Actors.adminApiKey);
  }

  @Get()
  async list() {
    const entities = await this.em
      .fork()
      .find(OrgEntity, {}, { populate: ['focalPoints'], orderBy: { code: 'asc' } });
    return entities.map(entityView);
  }
}
