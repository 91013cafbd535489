import { CliError, UsageError } from './cliSupport.ts';

/** Reads the first line of a stream (a password piped in with --password-stdin). */
export function readFirstLine(stream: NodeJS.ReadStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const finish = () => {
      stream.off('data', onData);
      stream.off('end', finish);
      stream.pause();
      resolve(text.split('\n')[0]!.replace(/\r$/, ''));
    };
    const onData = (chunk: string) => {
      text += chunk;
      if (text.includes('\n')) finish();
    };
    stream.setEncoding('utf8');
    stream.on('data', onData);
    stream.on('end', finish);
    stream.once('error', reject);
  });
}

/** Asks for a password on the terminal without echoing it (prompt on standard error). */
export function promptHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  let value = '';
  return new Promise((resolve, reject) => {
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          finish();
          return resolve(value);
        }
        if (ch === '\u0003' || ch === '\u0004') {
          finish();
          return reject(new CliError('Cancelled.', 130));
        }
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch === '\u0015') value = '';
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** The password for a command: one line of standard input, or asked twice on the terminal. */
export async function readPassword(options: {
  fromStdin: boolean;
  confirm: boolean;
}): Promise<string> {
  if (options.fromStdin) return readFirstLine(process.stdin);
  if (!process.stdin.isTTY)
    throw new UsageError(
      'No terminal to ask for the password on: pass --password-stdin and send the password as one line on standard input.',
    );
  const password = await promptHidden('Password: ');
  if (options.confirm && (await promptHidden('Repeat the password: ')) !== password)
    throw new CliError('The two passwords differ: nothing was changed.');
  return password;
}
