// Preloaded into Portkey's gateway (node --import): its server listens on every interface and
// takes no host flag, so bind it to loopback here and print the port it got (--port=0 works).
import net from 'node:net';

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === 'object' && args[0] !== null) {
    args[0] = { ...args[0], host: '127.0.0.1' };
  } else if (typeof args[0] === 'number' || typeof args[0] === 'string') {
    const port = Number(args[0]);
    const rest = args.slice(1).filter((a) => typeof a === 'function');
    args = [port, '127.0.0.1', ...rest];
  }
  this.once('listening', () => process.stderr.write(`PORTKEY_PORT=${this.address().port}\n`));
  return listen.apply(this, args);
};
