import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // The sandbox and scripts are separate programs; keep the app's trace lean.
  outputFileTracingExcludes: { '*': ['sandbox/**', 'e2e/**', 'scripts/**'] },
};

export default nextConfig;
