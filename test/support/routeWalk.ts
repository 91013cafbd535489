import type { Express } from 'express';
import { ROUTE_POLICY, type RoutePolicy } from '../../server/http/permit.ts';
import { ENTRY_POLICY_TABLE, ENTRY_ROUTE_POLICIES } from '../../server/routes/entryRoutes.ts';

/** One route of the app as Express holds it, with the policy its handlers declare (null: none). */
export interface WalkedRoute {
  method: string;
  path: string;
  policy: RoutePolicy | null;
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean>; stack: Layer[] };
  handle: ((...args: unknown[]) => unknown) & {
    stack?: Layer[];
    [ROUTE_POLICY]?: RoutePolicy;
    [ENTRY_POLICY_TABLE]?: typeof ENTRY_ROUTE_POLICIES;
  };
}

// Sub-resources of an entry as paths, for the routes the entry dispatcher serves by hand.
const ENTRY_PATHS: Record<keyof typeof ENTRY_ROUTE_POLICIES, string> = {
  entry: '/entries/{id}',
  history: '/entries/{id}/history',
  version: '/entries/{id}/versions/{commit}',
  move: '/entries/{id}/move',
  restore: '/entries/{id}/restore',
  bundle: '/entries/{id}/bundle',
  outsideEdit: '/entries/{id}/outside-edit',
};

/**
 * Every route registered in the app (walking Express's router stacks, mounted routers included),
 * plus the routes of the entry dispatcher from its policy table; the API's routes are under /api.
 */
export function walkRoutes(app: Express): WalkedRoute[] {
  const routes: WalkedRoute[] = [];
  const visit = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        const policy =
          layer.route.stack.map((l) => l.handle[ROUTE_POLICY]).find((p) => p !== undefined) ?? null;
        for (const method of Object.keys(layer.route.methods))
          routes.push({ method: method.toUpperCase(), path: layer.route.path, policy });
      } else if (layer.handle[ENTRY_POLICY_TABLE]) {
        const table = layer.handle[ENTRY_POLICY_TABLE]!;
        for (const [kind, methods] of Object.entries(table))
          for (const [method, policy] of Object.entries(methods))
            routes.push({
              method,
              path: ENTRY_PATHS[kind as keyof typeof ENTRY_PATHS],
              policy: policy ?? null,
            });
      } else if (layer.handle.stack) visit(layer.handle.stack);
    }
  };
  const router = (app as unknown as { router: { stack: Layer[] } }).router;
  visit(router.stack);
  return routes;
}

/** A concrete URL for a walked route: parameters filled with `values` (`:name` and `{name}`). */
export function routeUrl(route: WalkedRoute, values: Record<string, string>): string {
  const path = route.path.replace(/[:{](\w+)\}?/g, (_m, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`No value for ${name} in ${route.path}`);
    return value;
  });
  return `/api${path}`;
}
