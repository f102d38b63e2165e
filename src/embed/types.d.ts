/** The options of `mount(element, options)`; every one but `backend` may be left out. */
export interface MountOptions {
  /** The base URL of a service speaking the Riskgate API ("https://id.example/api" or
   * "/api"); plain http only for localhost and loopback. "mock" in the demo build only. */
  backend?: string;
  /** A BCP 47 tag; its primary language picks one of ours ("de-AT" gives German). */
  locale?: LocaleTag | (string & {});
  /** Where the locale files are; by default locales/ beside riskgate.js. */
  locales?: string;
  theme?: "light" | "dark" | "system";
  /** The page's look until the tenant's own branding is known. */
  branding?: Branding;
  /** Fills the first field. */
  username?: string;
  /** Only this tenant's members and guests can sign in. */
  tenant?: string;
}

/**
 * A look for the sign-in screens. When it cannot be shown, it is refused whole: the
 * component keeps its own look, and a `riskgate:error` event (`error: "Malformed"`) and
 * the console say why. That happens for an accent white text does not read on at 4.5:1
 * (the message names a darker colour that does), an address other than https:, a path
 * on this site or a data:image/ picture, a logo without `alt`, or a text over its
 * length.
 */
export interface Branding {
  /** The main button's colour, `#rrggbb`; by default the component's own. */
  accent?: string;
  /** The organisation's name, shown when there is no logo. */
  name?: string;
  logo?: { url: string; alt: string };
  /** The page behind the card, `#rrggbb`. */
  background?: string;
  /** A picture behind the card. */
  backgroundImage?: string;
  /** Per language tag; the entry without `locale` is for every other language. */
  texts?: BrandingText[];
}

export interface BrandingText {
  locale?: string;
  /** Under the first screens, at most 1024 characters, shown as text. */
  signInText?: string;
  /** Under the username's label, at most 64 characters. */
  usernameHint?: string;
}

export type LocaleTag = "en" | "de" | "fr" | "es" | "pt" | "ja" | "zh" | "ar" | "he" | "hi";

/** The screen `riskgate:step` names. */
export type StepName =
  | "username" | "password" | "notice" | "mfa" | "interrupt" | "register" | "new-password"
  | "blocked" | "signed-in" | "signed-in-elsewhere" | "ended" | "account" | "admin" | "reset";

/** `riskgate:step`: a new screen is shown. */
export interface StepDetail {
  step: StepName;
  /** The backend's flow, once there is one. */
  flowId: string | null;
}

/** A risk the sign-in closed on the way. */
export interface Remediation {
  risk: "SignIn" | "User";
  detail: RiskDetail;
}

export type RiskDetail =
  | "UserPassedMfaDrivenByRiskPolicy" | "UserPerformedSecuredPasswordChange"
  | "UserPerformedSecuredPasswordReset" | "UserReauthenticatedPasswordless"
  | "AdminGeneratedTemporaryPassword" | "AdminResetPassword" | "AdminDismissedAllRisk"
  | "AdminConfirmedCompromised" | "AdminConfirmedSafe" | "UserReportedSuspicious" | "SignInBlocked";

/** `riskgate:signed-in`: the person is signed in. */
export interface SignedInDetail {
  username: string;
  displayName: string;
  tenant: string;
  remediations: Remediation[];
  correlationId: string;
  /** The one-time code the host's own server exchanges for who signed in; absent with the mock. */
  handoff?: string;
}

export type BlockReasonName =
  | "Disabled" | "LockedOut" | "SignInRisk" | "UserRisk" | "UnregisteredAtRisk"
  | "HomeTenantMustRemediate" | "TooManyFailedCodes" | "NoPhishingResistantMethod";

/** `riskgate:blocked`: policy stopped the sign-in. */
export interface BlockedDetail {
  reason: BlockReasonName;
  /** The help-desk code the screen shows, e.g. "RG2001". */
  code: string;
  correlationId: string;
}

export type ErrorName =
  | "InvalidCredentials" | "InvalidInput" | "UnknownFlow" | "FlowExpired" | "StaleStep"
  | "Unexpected" | "NotAuthorized" | "StepUpRequired" | "UnknownUser" | "Unavailable" | "Timeout"
  | "Malformed" | "Passkey" | "NotFound" | "MethodNotAllowed" | "TooLarge";

/** `riskgate:error`: a call failed; the person was told, in their language. */
export interface ErrorDetail {
  error: ErrorName;
  message: string;
}

/** The events the host element hears, for `addEventListener`. */
export interface RiskgateEventMap {
  "riskgate:step": CustomEvent<StepDetail>;
  "riskgate:signed-in": CustomEvent<SignedInDetail>;
  "riskgate:blocked": CustomEvent<BlockedDetail>;
  "riskgate:error": CustomEvent<ErrorDetail>;
}

declare global {
  interface HTMLElementEventMap extends RiskgateEventMap {}
}
