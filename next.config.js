/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules at run time, not bundled.
  serverExternalPackages: ['@electric-sql/pglite'],
  poweredByHeader: false,
  // Dataset CSV uploads go through a server action (the default limit is 1 MB).
  experimental: { serverActions: { bodySizeLimit: '21mb' } },
  typedRoutes: false,
};

export default nextConfig;
