import { LANGUAGES, type Language } from '@cascade/i18n';
import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Headers,
  Param,
  ParseIntPipe,
  Post,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString } from 'class-validator';
import {
  AccessTokenService,
  Actors,
  MailSettings,
  OrgTreeService,
  type AccessToken,
} from '@cascade/dialogue';

export class IssueLinkDto {
  @ApiProperty({ enum: ['focal-point', 'head-of-entity', 'leader'] })
  @IsIn(['focal-point', 'head-of-entity', 'leader'])
  role!: 'focal-point' | 'head-of-entity' | 'leader';

  @ApiProperty({ example: 'focal.point@dppa.example.org' }) @IsEmail() email!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() name?: string;
  @ApiPropertyOptional({ enum: LANGUAGES }) @IsOptional() @IsIn(LANGUAGES) language?: Language;
}

export class RevokeLinkDto {
  @ApiPropertyOptional({
    default: true,
    description:
      'Also revoke the links made from this one, and theirs (leader links made from a Focal Point’s or Head’s ' +
      'link, participants’ links made by the leader who reported the session).',
  })
  @IsOptional()
  @IsBoolean()
  derived?: boolean;
}

const linkView = (t: AccessToken) => ({
  id: t.id,
  role: t.role,
  email: t.subjectEmail,
  name: t.subjectName,
  language: t.language,
  sessionId: t.session?.id ?? null,
  createdAt: t.createdAt,
  createdBy: t.createdBy,
  issuedFromId: t.issuedFrom?.id ?? null,
  expiresAt: t.expiresAt,
  revokedAt: t.revokedAt,
});

@ApiTags('org tree and links')
@ApiSecurity('admin-key')
@Controller('api')
export class OrgController {
  constructor(
    private readonly tree: OrgTreeService,
    private readonly tokens: AccessTokenService,
    private readonly mail: MailSettings,
  ) {}

  @Post('dialogues/:year/entities/:code/org-tree')
  @ApiOperation({
    summary: "Import (or re-import) an entity's reporting tree",
    description:
      'CSV columns `name,email,manager_email,language,is_manager`. All or nothing; errors name the row.',
  })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string' } })
  importTree(
    @Param('year', ParseIntPipe) year: number,
    @Param('code') code: string,
    @Body() body: unknown,
    @Headers('content-type') contentType?: string,
  ) {
    if (!contentType?.startsWith('text/csv') || typeof body !== 'string') {
      throw new BadRequestException({
        statusCode: 400,
        error: 'BadRequest',
        message: 'body: send the tree as text/csv',
        issues: [{ field: 'body', code: 'csv-body', message: 'send the tree as text/csv' }],
      });
    }
    return this.tree.importCsv(year, code, body, Actors.adminApiKey);
  }

  @Get('dialogues/:year/entities/:code/org-tree')
  @ApiOperation({ summary: 'Cascade progress: managers who led a session, who is next, the tree' })
  progress(@Param('year', ParseIntPipe) year: number, @Param('code') code: string) {
    return this.tree.progress(year, code);
  }

  @Post('dialogues/:year/entities/:code/tokens')
  @ApiOperation({
    summary: 'Issue a token link for a Focal Point, the Head or a leader (the link is shown once)',
    description: 'The token is stored only as a hash; it expires at the end of the report cutoff day.',
  })
  async issue(
    @Param('year', ParseIntPipe) year: number,
    @Param('code') code: string,
    @Body() body: IssueLinkDto,
  ) {
    const { token, expiresAt } = await this.tokens.issueFor(year, code, body, Actors.adminApiKey);
    return { link: `${this.mail.publicUrl}/p/${token}`, token, expiresAt };
  }

  @Get('dialogues/:year/entities/:code/tokens')
  @ApiOperation({ summary: "An entity's links (never the tokens themselves)" })
  async list(@Param('year', ParseIntPipe) year: number, @Param('code') code: string) {
    return (await this.tokens.list(year, code)).map(linkView);
  }

  @Post('tokens/:id/revoke')
  @ApiOperation({
    summary: 'Revoke a link at once, and (unless `derived` is false) the links made from it',
    description:
      'The answer is the link, with `derivedRevoked`: the links made from it (and from those) that this revoked.',
  })
  async revoke(@Param('id', ParseIntPipe) id: number, @Body() body: RevokeLinkDto) {
    const { revoked, derived } = await this.tokens.revoke(id, Actors.adminApiKey, {
      derived: body?.derived !== false,
    });
    return { ...linkView(revoked), derivedRevoked: derived.map(linkView) };
  }
}
