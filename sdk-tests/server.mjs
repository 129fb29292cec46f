// `./catalyst start --simulate` on a free loopback port with a throwaway CATALYST_HOME and a token,
// plus any extra arguments (e.g. --simulate-fault); stopped with close(). The canvas's browser tests
// start their server the same way: one implementation, in ui/e2e/server.mjs (plain Node, no packages).
import { startServer as startCatalyst } from '../ui/e2e/server.mjs';

export function startServer({ token, args = [] }) {
  return startCatalyst({ args: ['start', '--simulate', ...args], env: { CATALYST_TOKEN: token } });
}
