import { Router, type Response } from 'express';
import { z } from 'zod';
import { CreateUserRequestSchema, UpdateUserRequestSchema } from '../../shared/api/contract.ts';
import { passwordProblem } from '../../shared/policy/passwordRules.ts';
import { ValidationError } from '../errors.ts';
import { generatePassword } from '../auth/passwords.ts';
import type { SessionStore } from '../auth/SessionStore.ts';
import type { UserStore } from '../auth/UserStore.ts';
import { noteAudit } from '../http/audit.ts';
import { permit } from '../http/permit.ts';

const UsernameParamSchema = z.object({ username: z.string().min(1).max(100) });

/** Refuses a weak new password with 400 naming the problem. */
export function requireStrongPassword(
  password: string,
  owner: { username?: string; email?: string },
  field: string,
): void {
  const problem = passwordProblem(password, owner);
  if (problem) throw new ValidationError(problem, { field });
}

/**
 * /api/users (admins only): list, add, change (name, email, role, collections, disabled),
 * remove, and reset a password to a one-time one. Every change that takes something away ends
 * the user's sessions.
 */
export function userRoutes(users: UserStore, sessions: SessionStore): Router {
  const router = Router();
  const target = (res: Response, username: string) => noteAudit(res, { target: username });
  // Sessions whose stamp changed are already dead; this drops them from the file too.
  const endSessionsIfStampChanged = async (username: string, before: string | null) => {
    if (users.stampOf(username) !== before) await sessions.destroyUser(username);
  };

  router.get('/users', permit('users.manage'), (_req, res) => {
    res.json({ items: users.list() });
  });
  router.post('/users', permit('users.manage'), async (req, res) => {
    const body = CreateUserRequestSchema.parse(req.body);
    target(res, body.username);
    const generated = body.password === undefined;
    const password = body.password ?? generatePassword();
    if (!generated) requireStrongPassword(password, body, 'password');
    const user = await users.add(
      {
        username: body.username,
        name: body.name,
        email: body.email,
        role: body.role,
        collections: body.collections ?? null,
      },
      password,
      { mustChangePassword: generated },
    );
    res.status(201).json(generated ? { user, password } : { user });
  });
  router.patch('/users/:username', permit('users.manage'), async (req, res) => {
    const { username } = UsernameParamSchema.parse(req.params);
    target(res, username);
    const changes = UpdateUserRequestSchema.parse(req.body ?? {});
    const before = users.stampOf(username);
    const user = await users.update(username, changes);
    await endSessionsIfStampChanged(username, before);
    res.json({ user });
  });
  router.delete('/users/:username', permit('users.manage'), async (req, res) => {
    const { username } = UsernameParamSchema.parse(req.params);
    target(res, username);
    await users.remove(username);
    await sessions.destroyUser(username);
    res.status(204).end();
  });
  router.post('/users/:username/password-reset', permit('users.manage'), async (req, res) => {
    const { username } = UsernameParamSchema.parse(req.params);
    target(res, username);
    const password = generatePassword();
    await users.setPassword(username, password, { mustChangePassword: true });
    await sessions.destroyUser(username);
    res.json({ password });
  });
  return router;
}
