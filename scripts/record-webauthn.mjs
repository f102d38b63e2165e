// Records real WebAuthn answers from Chromium's virtual authenticator into
// tests/fixtures/webauthn/recorded.json, for the native tests of the verifier:
// one registration ("none" attestation) and two sign-ins with the same passkey.
// Run by hand when the fixtures need renewing: node scripts/record-webauthn.mjs
import { mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launch } from './browser.mjs';
import { addAuthenticator } from './webauthn.mjs';

const out = process.argv[2] ?? 'tests/fixtures/webauthn/recorded.json';
const root = await mkdtemp(join(tmpdir(), 'rg-webauthn-'));
await writeFile(join(root, 'index.html'), '<!doctype html><title>record</title>');
const site = await serve(root);
// WebAuthn refuses IP addresses as RP ids: use the name.
const url = site.url.replace('127.0.0.1', 'localhost');
const browser = await launch();
try {
  const page = await browser.newPage();
  await page.goto(url);
  await addAuthenticator(page);
  const recorded = await page.evaluate(async () => {
    const b64 = (buf) => btoa(String.fromCharCode(...new Uint8Array(buf)))
      .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    const challenge = (n) => Uint8Array.from({ length: 32 }, (_, i) => (i * 7 + n) & 255);
    const created = await navigator.credentials.create({ publicKey: {
      challenge: challenge(1),
      rp: { id: location.hostname, name: 'Riskgate' },
      user: { id: new Uint8Array([1, 2, 3, 4]), name: 'ada@contoso.example', displayName: 'Ada Lindqvist' },
      pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
      attestation: 'none',
    } });
    const registration = {
      challenge: b64(challenge(1)),
      id: created.id,
      client_data_json: b64(created.response.clientDataJSON),
      attestation_object: b64(created.response.attestationObject),
    };
    const assertions = [];
    for (const n of [2, 3]) {
      const got = await navigator.credentials.get({ publicKey: {
        challenge: challenge(n),
        rpId: location.hostname,
        allowCredentials: [{ type: 'public-key', id: created.rawId }],
        userVerification: 'required',
      } });
      assertions.push({
        challenge: b64(challenge(n)),
        id: got.id,
        client_data_json: b64(got.response.clientDataJSON),
        authenticator_data: b64(got.response.authenticatorData),
        signature: b64(got.response.signature),
      });
    }
    return { rp_id: location.hostname, origin: location.origin, registration, assertions };
  });
  await mkdir(join(out, '..'), { recursive: true });
  await writeFile(out, JSON.stringify(recorded, null, 2) + '\n');
  console.log(`recorded ${out} (origin ${recorded.origin})`);
} finally {
  await browser.close();
  site.close();
}
