import {
  BadRequestException,
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
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { authorize } from '../shared/http/access-policy';
import { Access, type Actor, CurrentActor } from '../shared/http/actor';
import type { ImportKind } from './domain/import-kinds';
import { importFileBytesMax, readImportFile } from './import-file';
import { contentTypes, reportFile, templateFile } from './import-report';
import { Importer } from './importer';
import { ImportQuery, ImportUpload, TemplateParams, TemplateQuery } from './imports.request.dto';
import { ImportReportView } from './imports.response.dto';

interface UploadedBytes {
  originalname: string;
  buffer: Buffer;
}

const upload = () =>
  UseInterceptors(FileInterceptor('file', { limits: { fileSize: importFileBytesMax, files: 1 } }));

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
  @ApiOkResponse({ type: ImportReportView })
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
  @ApiOkResponse({ type: ImportReportView })
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
  @ApiOkResponse({ type: ImportReportView })
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
  @ApiOkResponse({ type: ImportReportView })
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
  @ApiProduces(contentTypes.xlsx, contentTypes.csv)
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
    if (!file)
      throw new BadRequestException({
        message: ['file is required: a CSV or XLSX as multipart/form-data field "file"'],
        field: 'file',
      });
    const fileName = Buffer.from(file.originalname, 'latin1').toString('utf8');
    const report = await this.importer.import({
      kind,
      file: await readImportFile(fileName, file.buffer),
      actor,
      jurisdiction,
      dryRun: query.dryRun ?? false,
      acceptValid: query.acceptValid ?? false,
    });
    const refusedAll = !report.dryRun && !report.recorded;
    response.status(
      report.dryRun
        ? HttpStatus.OK
        : refusedAll
          ? HttpStatus.UNPROCESSABLE_ENTITY
          : HttpStatus.CREATED,
    );
    const format = query.report ?? 'json';
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
