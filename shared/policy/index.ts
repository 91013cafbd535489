/** The access policy, pure so that the server enforces it and the client asks it what to show. */
export * from './can.ts';
export * from './passwordRules.ts';
export * from './permissions.ts';
export * from './roles.ts';
