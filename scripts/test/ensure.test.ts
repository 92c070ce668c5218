import { describe, expect, test } from 'vitest';
import { aptCommand, lockMismatch, missingSystemPackages } from '../lib/ensure.mjs';

describe('lockMismatch', () => {
  const lock = {
    packages: {
      '': { name: 'conveyor' },
      'node_modules/ioredis': { version: '6.1.0' },
      'node_modules/@next/swc-darwin-arm64': { version: '16.5.0', optional: true },
    },
  };

  test('in sync when every required package is installed at the locked version', () => {
    const installed = { packages: { 'node_modules/ioredis': { version: '6.1.0' } } };
    expect(lockMismatch(lock, installed)).toBeNull();
  });

  test('a missing or different package needs npm ci', () => {
    expect(lockMismatch(lock, { packages: {} })).toMatch(/ioredis is not installed/);
    expect(lockMismatch(lock, { packages: { 'node_modules/ioredis': { version: '5.0.0' } } })).toMatch(/5\.0\.0.*6\.1\.0/);
  });

  test('an optional package of another platform may be absent, but not at another version', () => {
    const installed = {
      packages: { 'node_modules/ioredis': { version: '6.1.0' }, 'node_modules/@next/swc-darwin-arm64': { version: '1.0.0' } },
    };
    expect(lockMismatch(lock, installed)).toMatch(/swc-darwin-arm64/);
  });

  test('no node_modules record or no lock file needs npm ci', () => {
    expect(lockMismatch(lock, undefined)).toMatch(/node_modules/);
    expect(lockMismatch(undefined, { packages: {} })).toMatch(/package-lock/);
  });
});

test('missingSystemPackages keeps only the packages whose check fails', () => {
  const checks = { present: () => true, absent: () => false };
  expect(missingSystemPackages(['present', 'absent'], checks)).toEqual(['absent']);
  expect(() => missingSystemPackages(['unknown'], checks)).toThrow(/no check/);
});

test('aptCommand is the exact command to give a user', () => {
  expect(aptCommand(['redis-server', 'chromium'])).toBe('apt-get update && apt-get install -y redis-server chromium');
  expect(aptCommand(['python3-rq'], true)).toBe('sudo apt-get update && sudo apt-get install -y python3-rq');
});
