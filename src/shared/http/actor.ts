import {
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';

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
  role: ActorRole;
  /** ISO 3166-2 code; `CN` is national and covers every province. */
  jurisdiction: string;
}

/** Roles allowed on a route. */
export const Roles = Reflector.createDecorator<ActorRole[]>();

const actorIdPattern = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;
const jurisdictionPattern = /^CN(-[A-Z]{2})?$/;

/**
 * STAND-IN until the security issue lands: the actor comes from the X-Actor-Id, X-Actor-Role and
 * X-Actor-Jurisdiction headers, trusted as sent. The security issue replaces this guard with JWT
 * verification; routes only ever see `@CurrentActor()`.
 */
@Injectable()
export class ActorGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.get(Roles, context.getHandler());
    if (!roles) return true;
    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; actor?: Actor }>();
    const actorId = request.headers['x-actor-id'];
    const role = request.headers['x-actor-role'] as ActorRole | undefined;
    const jurisdiction = request.headers['x-actor-jurisdiction'];
    if (!actorId || !actorIdPattern.test(actorId))
      throw new UnauthorizedException('X-Actor-Id is missing or malformed');
    if (!role || !actorRoles.includes(role))
      throw new UnauthorizedException(`X-Actor-Role must be one of ${actorRoles.join(', ')}`);
    if (!jurisdiction || !jurisdictionPattern.test(jurisdiction)) {
      throw new UnauthorizedException(
        'X-Actor-Jurisdiction must be CN or an ISO 3166-2 code such as CN-ZJ',
      );
    }
    if (!roles.includes(role))
      throw new ForbiddenException(`role ${role} may not do this; allowed: ${roles.join(', ')}`);
    request.actor = { actorId, role, jurisdiction };
    return true;
  }
}

export const CurrentActor = createParamDecorator(
  (_: unknown, context: ExecutionContext): Actor =>
    context.switchToHttp().getRequest<{ actor: Actor }>().actor,
);

/** National actors cover every jurisdiction; others only their own. */
export function coversJurisdiction(actor: Actor, jurisdiction: string): boolean {
  return actor.jurisdiction === 'CN' || actor.jurisdiction === jurisdiction;
}

export function assertCovers(actor: Actor, jurisdiction: string): void {
  if (!coversJurisdiction(actor, jurisdiction)) {
    throw new ForbiddenException(`actor of ${actor.jurisdiction} may not act in ${jurisdiction}`);
  }
}
