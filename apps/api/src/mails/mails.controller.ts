import { Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Actors, MailLogService, type MailMessage } from '@cascade/dialogue';
import { optionalWholeNumber } from '../http/query-params';

const mailView = (m: MailMessage) => ({
  id: m.id,
  entity: m.entityCode,
  template: m.template,
  language: m.language,
  to: { name: m.recipientName, address: m.recipientAddress, role: m.recipientRole },
  subject: m.subject,
  status: m.status,
  attempts: m.attempts,
  lastError: m.lastError,
  messageId: m.messageId,
  createdAt: m.createdAt,
  sentAt: m.sentAt,
  timerKey: m.timerKey,
  resentFrom: m.resentFrom,
});

@ApiTags('mail')
@ApiSecurity('admin-key')
@Controller('api')
export class MailsController {
  constructor(private readonly mails: MailLogService) {}

  @Get('dialogues/:year/mails')
  @ApiOperation({
    summary: 'The mail log of a year, newest first: recipient, template, language, status, attempts',
  })
  @ApiQuery({ name: 'entity', required: false })
  @ApiQuery({ name: 'status', required: false, enum: ['queued', 'sent', 'failed'] })
  @ApiQuery({ name: 'beforeId', required: false, description: 'page: the last id of the previous page' })
  @ApiQuery({ name: 'limit', required: false, description: 'at most 1000, default 100' })
  async list(
    @Param('year', ParseIntPipe) year: number,
    @Query('entity') entity?: string,
    @Query('status') status?: string,
    @Query('beforeId') beforeId?: string,
    @Query('limit') limit?: string,
  ) {
    const rows = await this.mails.list(year, {
      entity,
      status,
      beforeId: optionalWholeNumber('beforeId', beforeId),
      limit: optionalWholeNumber('limit', limit, { max: 1000 }),
    });
    return rows.map(mailView);
  }

  @Get('mails/:id')
  @ApiOperation({ summary: 'One mail exactly as sent: headers, text and HTML' })
  async get(@Param('id', ParseIntPipe) id: number) {
    const mail = await this.mails.get(id);
    return { ...mailView(mail), year: mail.dialogue.year, text: mail.text, html: mail.html };
  }

  @Post('mails/:id/resend')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send the same mail again (a new mail in the log, audited)' })
  async resend(@Param('id', ParseIntPipe) id: number) {
    return mailView(await this.mails.resend(id, Actors.adminApiKey));
  }
}
