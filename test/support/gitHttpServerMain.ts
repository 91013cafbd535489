// Child process entry for spawnGitHttpServer: serves `root` and prints its URL on the first line.
import { startGitHttpServer } from './gitHttpServer.ts';

const [root, username, password] = process.argv.slice(2);
const server = await startGitHttpServer(root!, { username: username!, password: password! });
process.stdout.write(`${server.url}\n`);
