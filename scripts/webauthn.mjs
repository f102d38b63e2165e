// Chrome DevTools' virtual authenticator: a platform passkey provider that verifies
// the person (as a fingerprint would), for the scripts that drive WebAuthn.

/** Adds a CTAP2 internal authenticator to `page`; resolves to { cdp, authenticatorId }. */
export async function addAuthenticator(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}
