// Free TCP port on 127.0.0.1, chosen by the OS.
import * as net from 'net';

export function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

/** `preferred` when it is free, otherwise any free port. */
export async function preferPort(preferred: number, host = '127.0.0.1'): Promise<number> {
  const free = await new Promise<boolean>((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(preferred, host, () => server.close(() => resolve(true)));
  });
  return free ? preferred : findFreePort(host);
}
