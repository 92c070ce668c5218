import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // ioredis opens sockets and keeps per-process state; load it with Node's require, unbundled.
  serverExternalPackages: ['ioredis'],
  poweredByHeader: false,
  reactStrictMode: true,
  // `next dev` would otherwise write an AGENTS.md into the repository on every run.
  agentRules: false,
  experimental: { agentUpgrade: false },
};

export default nextConfig;
