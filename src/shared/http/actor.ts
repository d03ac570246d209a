import {
  CanActivate,
  Inject,
  createParamDecorator,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InvalidTokenError, TOKEN_VERIFIER, type TokenVerifier } from './token-verifier';

export const actorRoles = [
  'professional',
  'organizer',
  'employer',
  'committee',
  'auditor',
  'admin',
] as const;
export type ActorRole = (typeof actorRoles)[number];

/** Who issues a command; goes into every event's metadata. */
export interface Actor {
  actorId: string;
  /** The role this request acts in: the first of the token's roles that the route allows. */
  role: ActorRole;
  /** The first of the actor's jurisdictions (recorded in metadata). */
  jurisdiction: string;
  /** ISO 3166-2 codes; `CN` is national and covers every province. */
  jurisdictions?: string[];
  /** The organization (organizer or employer) acted for. */
  orgId?: string;
  /** The health professional the actor is (role professional). */
  personId?: string;
}

/** Roles allowed on a route. */
export const Roles = Reflector.createDecorator<ActorRole[]>();

/**
 * Authentication and the route's roles, in one place: a bearer JWT verified by the configured key
 * (or the embedded secret), its holder acting in the first of its roles the route allows. A missing
 * or invalid token is 401; a valid one without an allowed role is 403. Nothing runs before this.
 */
@Injectable()
export class ActorGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly tokens: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const roles = this.reflector.get(Roles, context.getHandler());
    if (!roles) return true;
    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; actor?: Actor }>();
    const header = request.headers.authorization;
    if (!header?.startsWith('Bearer '))
      throw new UnauthorizedException('an Authorization: Bearer token is required');
    let claims;
    try {
      claims = await this.tokens.verify(header.slice('Bearer '.length).trim());
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new UnauthorizedException(error.message);
      throw error;
    }
    const role = claims.roles.find((r) => roles.includes(r));
    if (!role)
      throw new ForbiddenException(
        `roles ${claims.roles.join(', ')} may not do this; allowed: ${roles.join(', ')}`,
      );
    request.actor = {
      actorId: claims.sub,
      role,
      jurisdiction: claims.jurisdictions[0],
      jurisdictions: claims.jurisdictions,
      orgId: claims.org,
      personId: claims.person,
    };
    return true;
  }
}

export const CurrentActor = createParamDecorator(
  (_: unknown, context: ExecutionContext): Actor =>
    context.switchToHttp().getRequest<{ actor: Actor }>().actor,
);

/** National actors cover every jurisdiction; others only their own. */
export function coversJurisdiction(actor: Actor, jurisdiction: string): boolean {
  return (actor.jurisdictions ?? [actor.jurisdiction]).some(
    (j) => j === 'CN' || j === jurisdiction,
  );
}

export function assertCovers(actor: Actor, jurisdiction: string): void {
  if (!coversJurisdiction(actor, jurisdiction)) {
    throw new ForbiddenException(`actor of ${actor.jurisdiction} may not act in ${jurisdiction}`);
  }
}
