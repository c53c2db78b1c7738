// Pages get their Content-Security-Policy, with a per-request script nonce, from proxy.ts; API responses (JSON,
// CSV, event streams) load and run nothing. The proxy does not run on API routes, so their policy is set here.
const apiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

const securityHeaders = [
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      ...['/api/:path*', '/ajax-api/:path*'].map((source) => ({
        source,
        headers: [{ key: 'Content-Security-Policy', value: apiContentSecurityPolicy }],
      })),
    ];
  },
  // PGlite ships WASM and data files that must be loaded from node_modules at run time, not bundled.
  serverExternalPackages: ['@electric-sql/pglite'],
  poweredByHeader: false,
  // Dataset CSV uploads go through a server action (the default limit is 1 MB).
  // proxy.ts sees each action's body first, so it must not cut it shorter than the action limit.
  experimental: { serverActions: { bodySizeLimit: '21mb' }, proxyClientMaxBodySize: '22mb' },
  typedRoutes: false,
};

export default nextConfig;
