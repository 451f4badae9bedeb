/**
 * Creates the local CA and signs the server certificate. @peculiar/x509 rather than
 * node-forge: it builds certificates on WebCrypto, so keys are generated and signatures
 * made by Node's own OpenSSL (ECDSA P-256, which forge lacks: forge signs RSA only, in
 * JavaScript), it ships its own types, and it is actively maintained by Peculiar
 * Ventures. Its dependency injection (tsyringe) needs the reflect-metadata polyfill,
 * loaded here before it. No openssl binary on the host is needed.
 */
import 'reflect-metadata';
import { randomBytes, webcrypto } from 'node:crypto';
import { isIP } from 'node:net';
import { AsnConvert } from '@peculiar/asn1-schema';
import { GeneralName, GeneralSubtree, GeneralSubtrees, id_ce_nameConstraints, NameConstraints } from '@peculiar/asn1-x509';
import * as x509 from '@peculiar/x509';
import { CA_LIFETIME_DAYS, CA_PERMITTED_DNS, CA_PERMITTED_IP_RANGES, DAY_MS, SERVER_LIFETIME_DAYS, SERVER_NAMES } from './certificate-policy.ts';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

/** A certificate and its private key, both PEM. */
export interface IssuedPair {
  certificate: string;
  key: string;
}

export interface CertificateIssuer {
  createCa(now: number, label: string): Promise<IssuedPair>;
  /** For SERVER_NAMES unless told (the Kubernetes ingress's host: k8s/secrets.ts). */
  issueServer(ca: IssuedPair, now: number, names?: readonly string[]): Promise<IssuedPair>;
}

/** ECDSA P-256 with SHA-256: accepted by every current browser and TLS stack, and fast to generate. */
const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

export const realIssuer: CertificateIssuer = { createCa, issueServer };

async function createCa(now: number, label: string): Promise<IssuedPair> {
  const keys = await generateKeys();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: `CN=booking-devstack local CA (${escapeName(label)}), O=booking-devstack`,
    notBefore: new Date(now),
    notAfter: new Date(now + CA_LIFETIME_DAYS * DAY_MS),
    keys,
    signingAlgorithm: ALGORITHM,
    extensions: [
      // A CA that may sign server certificates only (path length 0: no intermediate CAs).
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      permittedNamesOnly(),
    ],
  });
  return { certificate: `${certificate.toString('pem')}\n`, key: await privateKeyPem(keys.privateKey) };
}

async function issueServer(ca: IssuedPair, now: number, names: readonly string[] = SERVER_NAMES): Promise<IssuedPair> {
  const caCertificate = new x509.X509Certificate(ca.certificate);
  const caKey = await webcrypto.subtle.importKey('pkcs8', x509.PemConverter.decodeFirst(ca.key), ALGORITHM, false, ['sign']);
  const keys = await generateKeys();
  const hostName = names.find((name) => !isIP(name));
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: serialNumber(),
    // The common name is a host name or nothing: OpenSSL checks a CN that looks like one (an IP
    // address does) against the CA's DNS constraints. Clients read the names from the SAN.
    subject: hostName ? `CN=${escapeName(hostName)}, O=booking-devstack` : 'O=booking-devstack',
    issuer: caCertificate.subject,
    notBefore: new Date(now),
    // Never past the CA's own end (certificate-plan.ts renews the CA before that could bind).
    notAfter: new Date(Math.min(now + SERVER_LIFETIME_DAYS * DAY_MS, caCertificate.notAfter.getTime())),
    publicKey: keys.publicKey,
    signingKey: caKey,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      // Apple's platforms require serverAuth in the extended key usage of a TLS server certificate.
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth], false),
      new x509.SubjectAlternativeNameExtension(names.map((name): x509.JsonGeneralName => ({ type: isIP(name) ? 'ip' : 'dns', value: name }))),
      await x509.AuthorityKeyIdentifierExtension.create(caCertificate, false),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certificate: `${certificate.toString('pem')}\n`, key: await privateKeyPem(keys.privateKey) };
}

/**
 * Name constraints (RFC 5280 4.2.1.10; critical, as it asks): the CA's signature counts only for
 * the names of certificate-policy.ts. @peculiar/x509 has no class for this extension, so it is
 * encoded with the ASN.1 schema it is built on.
 */
function permittedNamesOnly(): x509.Extension {
  const subtree = (base: GeneralName) => new GeneralSubtree({ base });
  const permitted = new GeneralSubtrees([
    ...CA_PERMITTED_DNS.map((dNSName) => subtree(new GeneralName({ dNSName }))),
    ...CA_PERMITTED_IP_RANGES.map((iPAddress) => subtree(new GeneralName({ iPAddress }))),
  ]);
  return new x509.Extension(id_ce_nameConstraints, true, AsnConvert.serialize(new NameConstraints({ permittedSubtrees: permitted })));
}

async function generateKeys(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
}

async function privateKeyPem(key: CryptoKey): Promise<string> {
  return `${x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY')}\n`;
}

/** 16 random bytes, positive (the top bit clear), as RFC 5280 asks of a serial number. */
function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = bytes[0]! & 0x7f;
  return bytes.toString('hex');
}

/** A host name in a distinguished name: the characters RFC 4514 would need escaped are dropped. */
function escapeName(text: string): string {
  return text.replace(/[,+"\\<>;=#]/g, '').slice(0, 40);
}
