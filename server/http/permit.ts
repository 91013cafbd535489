import type { RequestHandler } from 'express';
import { decide, type PolicyTarget } from '../../shared/policy/can.ts';
import type { Permission } from '../../shared/policy/permissions.ts';
import { ForbiddenError } from '../errors.ts';
import type { User } from '../../shared/api/contract.ts';
import { currentUser } from './session.ts';

/** What a route requires: a permission, any session, or nothing. */
export type RoutePolicy = Permission | 'signed-in' | 'public';

/** Marks a handler with the policy it enforces (the route-policy test reads it). */
export const ROUTE_POLICY = Symbol('folio.routePolicy');

/** A handler that carries its route's policy. */
export type PolicyHandler = RequestHandler & { [ROUTE_POLICY]: RoutePolicy };

/**
 * The first handler of every route: refuses (403 `forbidden`) a user whose role lacks
 * `policy` altogether; checks on one entry (ownership, drafts, collections) happen in the
 * route with `requirePermission`. `signed-in` only needs the session; `public` needs nothing.
 */
export function permit(policy: RoutePolicy): PolicyHandler {
  const handler: RequestHandler = (_req, res, next) => {
    if (policy === 'public') return next();
    const user = currentUser(res);
    if (policy !== 'signed-in') requirePermission(user, policy);
    next();
  };
  return Object.assign(handler, { [ROUTE_POLICY]: policy });
}

/** The error for a denied action: 403 `forbidden` naming the missing permission in the message and in details. */
export class PermissionDeniedError extends ForbiddenError {
  constructor(
    message: string,
    readonly permission: Permission,
    readonly reason: string,
  ) {
    super(message, { permission, reason });
  }
}

/** Throws 403 `forbidden` unless `user` may do `permission` on `target`. */
export function requirePermission(user: User, permission: Permission, target?: PolicyTarget) {
  const decision = decide(user, permission, target);
  if (!decision.allowed)
    throw new PermissionDeniedError(decision.message, decision.permission, decision.reason);
}
