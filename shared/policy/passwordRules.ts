/** The shortest password Folio accepts. */
export const MIN_PASSWORD_LENGTH = 10;
/** The longest password Folio accepts (scrypt hashes any length, but a body has a limit). */
export const MAX_PASSWORD_LENGTH = 1000;

// Passwords of ten characters or more that lists of leaked passwords start with.
const COMMON = new Set([
  '1234567890',
  '0123456789',
  '12345678910',
  '123456789a',
  'qwertyuiop',
  'qwerty1234',
  '1q2w3e4r5t',
  'password12',
  'password123',
  'password1234',
  'passw0rd123',
  'iloveyou12',
  'letmein123',
  'welcome123',
  'admin12345',
  'administrator',
  'changeme123',
  'football123',
  'baseball123',
  'sunshine123',
  'princess123',
  'superman123',
  'qazwsxedc123',
  'abcdefghij',
  'abc1234567',
  'aaaaaaaaaa',
  '1111111111',
  '0000000000',
  'folio12345',
  'foliofolio',
]);

/** Who the password is for: a password equal to their username or email is refused. */
export interface PasswordOwner {
  username?: string;
  email?: string;
}

/** Why a new password is refused, as a sentence; null when it is acceptable. */
export function passwordProblem(password: string, owner: PasswordOwner = {}): string | null {
  if (password.length === 0) return 'The password is empty.';
  if ([...password].length < MIN_PASSWORD_LENGTH)
    return `The password is too short: use at least ${MIN_PASSWORD_LENGTH} characters (a few words make a good one).`;
  if (password.length > MAX_PASSWORD_LENGTH)
    return `The password is too long: use at most ${MAX_PASSWORD_LENGTH} characters.`;
  const folded = password.toLowerCase();
  if (COMMON.has(folded) || new Set(folded).size <= 2)
    return 'The password is too common: choose one that is not on lists of leaked passwords.';
  const own = [owner.username, owner.email].filter((v): v is string => !!v);
  if (own.some((v) => v.toLowerCase() === folded))
    return 'The password must not be your username or email.';
  return null;
}
