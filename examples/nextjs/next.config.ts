import type { NextConfig } from 'next';

// Nothing for okra-balance to configure: the route runs on the Node.js runtime (route.ts says so), and
// @okra-balance/server loads PGlite itself, so it needs no serverExternalPackages entry.
const nextConfig: NextConfig = {
  poweredByHeader: false,
};

export default nextConfig;
