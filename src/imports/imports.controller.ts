import {
  applyDecorators,
  Controller,
  Get,
  HttpStatus,
  Param,
  Post,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { authorize } from '../shared/http/access-policy';
import { badRequest } from '../shared/http/request-body';
import { ApiErrorResponses } from '../shared/http/api-error-responses';
import { Access, type Actor, CurrentActor } from '../shared/http/actor';
import type { ImportKind } from './domain/import-kinds';
import { importFileBytesMax, readImportFile } from './import-file';
import { contentTypes, reportFile, reportText, templateFile } from './import-report';
import { languageOf } from '../shared/http/language';
import { Importer } from './importer';
import { ImportQuery, ImportUpload, TemplateParams, TemplateQuery } from './imports.request.dto';
import { ImportRefusedView, ImportReportView } from './imports.response.dto';
import { msg } from '../shared/domain/messages';

interface UploadedBytes {
  originalname: string;
  buffer: Buffer;
}

const upload = () =>
  UseInterceptors(FileInterceptor('file', { limits: { fileSize: importFileBytesMax, files: 1 } }));

/** The answers of an upload: the report as JSON (or CSV / XLSX with `report=`), or why not. */
function ApiImportResponses() {
  const report = (description: string, type: typeof ImportReportView) => ({
    description,
    content: {
      'application/json': { schema: { $ref: getSchemaPath(type) } },
      [contentTypes.csv]: { schema: { type: 'string' } },
      [contentTypes.xlsx]: { schema: { type: 'string', format: 'binary' } },
    },
  });
  return applyDecorators(
    ApiExtraModels(ImportReportView, ImportRefusedView),
    ApiOkResponse(report('A dry run (dryRun=true): what each row would do', ImportReportView)),
    ApiCreatedResponse(report('Recorded, or found recorded already', ImportReportView)),
    ApiUnprocessableEntityResponse(
      report('Rows were refused and nothing was recorded: the report says why', ImportRefusedView),
    ),
    ApiErrorResponses(400, 401, 403, 413, 429, 503),
  );
}

/**
 * Uploads of rosters and historical records (multipart/form-data, field `file`): the same as
 * `npm run ledger -- import <kind> FILE`. 200 with the report for a dry run, 201 when recorded
 * (or found recorded), 422 with the report when rows were refused and nothing was recorded.
 */
@ApiTags('imports')
@Controller('imports')
export class ImportsController {
  constructor(private readonly importer: Importer) {}

  @Post('persons')
  @Access('imports.persons')
  @upload()
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: ImportUpload })
  @ApiImportResponses()
  @ApiOperation({ summary: 'Import people (the rows run as POST /persons)' })
  persons(
    @UploadedFile() file: UploadedBytes | undefined,
    @Query() query: ImportQuery,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run('persons', file, query, actor, response);
  }

  @Post('activities')
  @Access('imports.activities')
  @upload()
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: ImportUpload })
  @ApiImportResponses()
  @ApiOperation({
    summary: 'Import activities, each with a session if given (POST /activities, …/sessions)',
  })
  activities(
    @UploadedFile() file: UploadedBytes | undefined,
    @Query() query: ImportQuery,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run('activities', file, query, actor, response);
  }

  @Post('attendance')
  @Access('imports.attendance')
  @upload()
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: ImportUpload })
  @ApiImportResponses()
  @ApiOperation({
    summary: 'Import an attendance roster (each row runs as POST /sessions/{id}/attendance)',
  })
  attendance(
    @UploadedFile() file: UploadedBytes | undefined,
    @Query() query: ImportQuery,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run('attendance', file, query, actor, response);
  }

  @Post('credits')
  @Access('imports.credits')
  @upload()
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: ImportUpload })
  @ApiImportResponses()
  @ApiOperation({
    summary:
      'Import historical credits from a previous system (CreditImported; a sealed year refuses them)',
  })
  credits(
    @UploadedFile() file: UploadedBytes | undefined,
    @Query() query: ImportQuery,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run('credits', file, query, actor, response);
  }

  @Get('templates/:kind')
  @Access('imports.templates')
  @ApiOkResponse({
    description: 'The template file (attachment)',
    content: {
      [contentTypes.xlsx]: { schema: { type: 'string', format: 'binary' } },
      [contentTypes.csv]: { schema: { type: 'string' } },
    },
  })
  @ApiErrorResponses(400, 401, 403, 429, 503)
  @ApiOperation({
    summary: 'The template of a kind: its columns (Chinese and English), an example',
  })
  async template(
    @Param() params: TemplateParams,
    @Query() query: TemplateQuery,
    @Res({ passthrough: true }) response: Response,
  ) {
    const format = query.format ?? 'xlsx';
    response.setHeader('content-type', contentTypes[format]);
    response.setHeader(
      'content-disposition',
      `attachment; filename="${params.kind}-template.${format}"`,
    );
    return new StreamableFile(await templateFile(params.kind, format));
  }

  private async run(
    kind: ImportKind,
    file: UploadedBytes | undefined,
    query: ImportQuery,
    actor: Actor,
    response: Response,
  ) {
    const jurisdiction = query.jurisdiction ?? actor.jurisdiction;
    // The import's jurisdiction first: an actor never learns anything about another's file.
    authorize({ ...actor, scope: 'jurisdiction' }, { jurisdiction });
    if (!file) throw badRequest('file', msg('import.file-required'));
    const fileName = Buffer.from(file.originalname, 'latin1').toString('utf8');
    const imported = await this.importer.import({
      kind,
      file: await readImportFile(fileName, file.buffer),
      actor,
      jurisdiction,
      dryRun: query.dryRun ?? false,
      acceptValid: query.acceptValid ?? false,
    });
    const format = query.report ?? 'json';
    // JSON in the caller's language; a report file in both (it is passed around).
    const report = reportText(imported, format === 'json' ? languageOf(response.req) : 'both');
    const refusedAll = !report.dryRun && !report.recorded;
    response.status(
      report.dryRun
        ? HttpStatus.OK
        : refusedAll
          ? HttpStatus.UNPROCESSABLE_ENTITY
          : HttpStatus.CREATED,
    );
    if (format === 'json')
      return refusedAll ? { message: [report.outcome], field: 'file', ...report } : report;
    response.setHeader('content-type', contentTypes[format]);
    response.setHeader(
      'content-disposition',
      `attachment; filename="${kind}-report-${report.sha256.slice(0, 12)}.${format}"`,
    );
    return new StreamableFile(await reportFile(report, format));
  }
}
