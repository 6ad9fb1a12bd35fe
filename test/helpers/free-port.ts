import net from 'node:net';

/**
 * A loopback port nothing listens on now, for a server a test starts later (to
 * test what happens while it is down). A port picked by arithmetic can already be
 * taken: ports 32768-60999 are where Linux puts every outgoing connection.
 */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
