// Throw-away certificate authorities for the network tests, made with Debian's `openssl` in a scratch folder: a CA
// and one server certificate it signs, valid for the given DNS names plus localhost and 127.0.0.1.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export interface TestCa {
  /** PEM file of the CA certificate (what NODE_EXTRA_CA_CERTS points at). */
  caFile: string;
  caPem: string;
  /** The server's key and certificate (PEM), signed by the CA. */
  key: string;
  cert: string;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Whether `openssl` can be run here (the network tests skip with a reason when it cannot). */
export function opensslAvailable(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A new CA named `name` in `dir/name/` and a server certificate for `dnsNames`, localhost and 127.0.0.1. */
export function createTestCa(dir: string, name: string, dnsNames: string[]): TestCa {
  const folder = path.join(dir, name);
  fs.mkdirSync(folder, { recursive: true });
  const days = '2';
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', days, '-subj', `/CN=${name} test CA`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], folder);
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', `/CN=${dnsNames[0] ?? 'localhost'}`], folder);
  const san = [...dnsNames, 'localhost'].map((n) => `DNS:${n}`).concat('IP:127.0.0.1').join(',');
  fs.writeFileSync(path.join(folder, 'server.ext'), `subjectAltName=${san}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`);
  openssl(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', days, '-extfile', 'server.ext'], folder);
  const read = (file: string): string => fs.readFileSync(path.join(folder, file), 'utf8');
  return { caFile: path.join(folder, 'ca.pem'), caPem: read('ca.pem'), key: read('server.key'), cert: read('server.pem') };
}
