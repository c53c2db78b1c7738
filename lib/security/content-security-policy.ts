/**
 * The page CSP: scripts run only with this response's nonce, and scripts those load ('strict-dynamic'), so an
 * injected <script> or inline handler never runs. Styles keep 'unsafe-inline': Recharts and dnd-kit set style
 * attributes, which nonces cannot cover, and styles cannot run code.
 */
export function pageContentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** A fresh, unguessable nonce per response (128 bits, base64). */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
}

type HeaderReader = { get(name: string): string | null };

/**
 * Whether a server-action POST comes from another site: its Origin names a different host from the one the
 * browser addressed (the same comparison Next makes, which answers such requests with a 500). A request without
 * an Origin is not a browser's cross-site request, and Next lets it through.
 */
export function isForeignOrigin(headers: HeaderReader, allowedHosts: readonly string[] = []): boolean {
  const origin = headers.get('origin');
  if (!origin) return false;
  let originHost: string;
  try {
    originHost = origin === 'null' ? 'null' : new URL(origin).host;
  } catch {
    return true;
  }
  const host = headers.get('x-forwarded-host')?.split(',')[0]?.trim() || headers.get('host');
  return originHost !== host && !allowedHosts.includes(originHost);
}
