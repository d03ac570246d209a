import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { ApiErrorResponses } from '../../shared/http/api-error-responses';

export class OidcSettings {
  @ApiProperty({ example: 'https://id.example.org/realms/cme' }) issuer!: string;
  @ApiProperty({ example: 'cme-console' }) clientId!: string;
  @ApiProperty({ example: 'openid profile' }) scopes!: string;
}

export class ConsoleConfig {
  @ApiProperty({
    enum: ['oidc', 'sign-in-link'],
    description:
      'oidc: sign in at the identity provider (authorization code + PKCE); sign-in-link: one-time links from `npm run ledger -- sign-in` (the embedded default)',
  })
  signIn!: 'oidc' | 'sign-in-link';

  @ApiProperty({ type: OidcSettings, nullable: true })
  oidc!: OidcSettings | null;
}

/** What the console must know before anyone signs in: how to sign in. Public, nothing secret. */
@ApiTags('console')
@Controller('console-config')
export class ConsoleConfigController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get()
  @Header('Cache-Control', 'no-cache')
  @ApiOperation({
    summary: "How the web console signs in (the identity provider's public settings)",
  })
  @ApiOkResponse({ type: ConsoleConfig })
  @ApiErrorResponses(429, 503)
  get(): ConsoleConfig {
    const oidc = this.config.oidc;
    return { signIn: oidc ? 'oidc' : 'sign-in-link', oidc: oidc ? { ...oidc } : null };
  }
}
