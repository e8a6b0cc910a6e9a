// A throwaway PKI made with the openssl command line at test time: keys,
// certificates with exact validity dates and extensions (`openssl ca`, so no
// certificate depends on the test machine's clock), and `openssl verify` as
// a second judge of each chain.
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { run } from '../support/tools.js';

export type KeyKind = 'p256' | 'p384' | 'rsa1024' | 'rsa2048' | 'ed25519';

export interface Key {
  kind: KeyKind;
  file: string;
}

export interface Cert {
  name: string;
  pem: string;
  der: Uint8Array;
  file: string;
  key: Key;
}

export interface IssueOptions {
  subject: string;
  key: Key;
  /** The issuer; omitted, the certificate is self-signed. */
  issuer?: Cert;
  /** Extension lines in openssl x509v3_config syntax; none makes a v1 certificate. */
  ext?: string[];
  /** openssl's YYYYMMDDHHMMSSZ; defaults 2024-01-01 to 2034-01-01. */
  from?: string;
  to?: string;
  /** Signature digest (sha256 default for EC/RSA, none for Ed25519). */
  md?: 'sha1' | 'sha256' | 'sha384' | 'sha512';
  /** Sign with RSASSA-PSS (salt length = digest length). */
  pss?: boolean;
}

export const CA_EXT = ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign,cRLSign'];
export const SERVER_EXT = [
  'basicConstraints=critical,CA:FALSE', 'keyUsage=critical,digitalSignature', 'extendedKeyUsage=serverAuth',
];

export class Pki {
  readonly dir = mkdtempSync(join(tmpdir(), 'ember-x509-'));
  private n = 0;

  constructor() {
    run('mkdir', ['-p', join(this.dir, 'db', 'new')]);
    writeFileSync(join(this.dir, 'db', 'index.txt'), '');
    writeFileSync(join(this.dir, 'db', 'serial'), '1000\n');
    writeFileSync(join(this.dir, 'ca.cnf'), [
      '[ ca ]', 'default_ca = CA_default', '[ CA_default ]', `dir = ${join(this.dir, 'db')}`,
      'database = $dir/index.txt', 'new_certs_dir = $dir/new', 'serial = $dir/serial',
      'default_md = default', 'policy = policy_any', 'unique_subject = no', 'email_in_dn = no',
      'copy_extensions = none', '[ policy_any ]', 'commonName = optional', '',
    ].join('\n'));
  }

  path(name: string): string {
    return join(this.dir, name);
  }

  key(kind: KeyKind): Key {
    const file = this.path(`k${this.n++}.key`);
    if (kind === 'p256' || kind === 'p384') {
      run('openssl', ['ecparam', '-name', kind === 'p256' ? 'prime256v1' : 'secp384r1', '-genkey', '-noout', '-out', file]);
    } else if (kind === 'ed25519') {
      run('openssl', ['genpkey', '-algorithm', 'ED25519', '-out', file]);
    } else {
      const bits = kind === 'rsa1024' ? '1024' : '2048';
      run('openssl', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', `rsa_keygen_bits:${bits}`, '-out', file]);
    }
    return { kind, file };
  }

  issue(name: string, o: IssueOptions): Cert {
    const csr = this.path(`${name}.csr`);
    const file = this.path(`${name}.pem`);
    run('openssl', ['req', '-new', '-key', o.key.file, '-subj', o.subject, '-out', csr]);
    const args = ['ca', '-batch', '-config', this.path('ca.cnf'), '-in', csr, '-out', file, '-notext', '-preserveDN',
      '-startdate', o.from ?? '20240101000000Z', '-enddate', o.to ?? '20340101000000Z'];
    if (o.ext && o.ext.length > 0) {
      const extFile = this.path(`${name}.ext`);
      writeFileSync(extFile, `[ext]\n${o.ext.join('\n')}\n`);
      args.push('-extfile', extFile, '-extensions', 'ext');
    }
    if (o.issuer) args.push('-cert', o.issuer.file, '-keyfile', o.issuer.key.file);
    else args.push('-selfsign', '-keyfile', o.key.file);
    if (o.md) args.push('-md', o.md);
    if (o.pss) args.push('-sigopt', 'rsa_padding_mode:pss', '-sigopt', 'rsa_pss_saltlen:digest');
    run('openssl', args);
    const pem = readFileSync(file, 'utf8').replace(/^[\s\S]*?(-----BEGIN)/, '$1');
    const der = new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s+/g, ''), 'base64'));
    return { name, pem, der, file, key: o.key };
  }

  /** A certificate object for altered DER bytes (e.g. a flipped signature bit). */
  fromDer(name: string, der: Uint8Array, key: Key): Cert {
    const b64 = Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n');
    const pem = `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`.replace('\n\n-----END', '\n-----END');
    const file = this.path(`${name}.pem`);
    writeFileSync(file, pem);
    return { name, pem, der, file, key };
  }

  /** A self-signed CA. */
  root(name: string, key: Key, ext: string[] = CA_EXT, extra: Partial<IssueOptions> = {}): Cert {
    return this.issue(name, { subject: `/CN=${name}`, key, ext, to: '20510101000000Z', ...extra });
  }

  /**
   * What `openssl verify` says about the chain: 0 for OK, else the first
   * error number it reports (X509_V_ERR_*).
   */
  opensslVerify(o: {
    leaf: Cert; intermediates?: Cert[]; anchors: Cert[]; time: number; purpose: 'serverAuth' | 'clientAuth';
    hostname?: string; ip?: string; authLevel?: number;
  }): number {
    const id = this.n++;
    const bundle = (certs: Cert[], f: string) => {
      writeFileSync(this.path(f), certs.map((c) => c.pem).join(''));
      return this.path(f);
    };
    const args = ['verify', '-attime', String(o.time), '-CAfile', bundle(o.anchors, `anchors${id}.pem`),
      '-purpose', o.purpose === 'serverAuth' ? 'sslserver' : 'sslclient'];
    if (o.intermediates && o.intermediates.length > 0) args.push('-untrusted', bundle(o.intermediates, `untrusted${id}.pem`));
    if (o.hostname) args.push('-verify_hostname', o.hostname);
    if (o.ip) args.push('-verify_ip', o.ip);
    if (o.authLevel !== undefined) args.push('-auth_level', String(o.authLevel));
    args.push(o.leaf.file);
    const r = spawnSync('openssl', args, { encoding: 'utf8' });
    if (r.status === 0) return 0;
    const m = /error (\d+) at \d+ depth/.exec(r.stdout + r.stderr);
    if (!m) throw new Error(`openssl verify: no error number in:\n${r.stdout}${r.stderr}`);
    return Number(m[1]);
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
