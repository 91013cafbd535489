import { Router } from 'express';
import {
  ChangePasswordRequestSchema,
  UpdateProfileRequestSchema,
} from '../../shared/api/contract.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import type { PasswordCheck } from '../auth/passwordCheck.ts';
import type { SessionStore } from '../auth/SessionStore.ts';
import type { UserStore } from '../auth/UserStore.ts';
import { clientAddress } from '../http/audit.ts';
import { permit } from '../http/permit.ts';
import { currentUser, setSessionCookie } from '../http/session.ts';
import { throttleAddress } from './sessionRoutes.ts';
import { requireStrongPassword } from './userRoutes.ts';

/**
 * /api/profile: everyone's own record (GET), name and email (PATCH; they are the author of
 * their commits), and password (POST /api/profile/password: the current one is checked behind
 * the sign-in throttle; every session ends, this one gets a fresh token).
 */
export function profileRoutes(
  users: UserStore,
  sessions: SessionStore,
  passwordCheck: PasswordCheck,
): Router {
  const router = Router();
  const record = (username: string) => {
    const user = users.get(username);
    if (!user) throw new NotFoundError(`No user "${username}".`);
    return user;
  };
  router.get('/profile', permit('profile.edit'), (_req, res) => {
    res.json({ user: record(currentUser(res).username) });
  });
  router.patch('/profile', permit('profile.edit'), async (req, res) => {
    const changes = UpdateProfileRequestSchema.parse(req.body ?? {});
    const user = await users.update(currentUser(res).username, changes);
    res.json({ user });
  });
  router.post('/profile/password', permit('profile.edit'), async (req, res) => {
    const { currentPassword, newPassword } = ChangePasswordRequestSchema.parse(req.body);
    const user = currentUser(res);
    requireStrongPassword(newPassword, user, 'newPassword');
    if (newPassword === currentPassword)
      throw new ValidationError('Choose a password different from the current one.', {
        field: 'newPassword',
      });
    const ok = await passwordCheck.run(
      user.username,
      throttleAddress(clientAddress(req)),
      async () => {
        const value = await users.verify(user.username, currentPassword);
        return { ok: value, value };
      },
    );
    if (!ok)
      throw new ValidationError('The current password is wrong.', {
        field: 'currentPassword',
        reason: 'wrong_password',
      });
    await users.setPassword(user.username, newPassword);
    await sessions.destroyUser(user.username);
    const stamp = users.stampOf(user.username);
    if (stamp !== null)
      setSessionCookie(req, res, await sessions.create(user.username, stamp), sessions.maxAgeMs);
    res.status(204).end();
  });
  return router;
}
