import fs from 'node:fs';
import path from 'node:path';

/** The npm platform packages of @foundry-rs/anvil (see its const.mjs), by Node platform/arch. */
const PLATFORM_PACKAGES: Record<string, Record<string, string>> = {
  linux: { x64: 'anvil-linux-amd64', arm64: 'anvil-linux-arm64' },
  darwin: { x64: 'anvil-darwin-amd64', arm64: 'anvil-darwin-arm64' },
  win32: { x64: 'anvil-win32-amd64' },
};

export class AnvilNotFoundError extends Error {
  constructor(tried: string[]) {
    super(
      `anvil binary not found (tried: ${tried.join(', ')}). Run \`npm install\` (it installs ` +
        '@foundry-rs/anvil and its platform package) or set ANVIL_BIN to an anvil executable.',
    );
    this.name = 'AnvilNotFoundError';
  }
}

/**
 * Finds the anvil executable. We spawn the binary itself rather than the package's
 * `bin.mjs` wrapper, so that signals reach anvil directly and stopping it is one kill.
 * Order: ANVIL_BIN, the platform package (what the wrapper itself picks), the wrapper's
 * dist/ fallback.
 */
export function resolveAnvilBinary(env: NodeJS.ProcessEnv = process.env): string {
  const tried: string[] = [];
  if (env.ANVIL_BIN) {
    if (fs.existsSync(env.ANVIL_BIN)) return env.ANVIL_BIN;
    tried.push(`ANVIL_BIN=${env.ANVIL_BIN}`);
  }
  const binaryName = process.platform === 'win32' ? 'anvil.exe' : 'anvil';
  const platformPackage = PLATFORM_PACKAGES[process.platform]?.[process.arch];
  if (platformPackage) {
    const specifier = `@foundry-rs/${platformPackage}/bin/${binaryName}`;
    try {
      return require.resolve(specifier);
    } catch {
      tried.push(specifier);
    }
  } else {
    tried.push(`(no anvil package for ${process.platform}/${process.arch})`);
  }
  try {
    const wrapperDir = path.dirname(require.resolve('@foundry-rs/anvil/package.json'));
    const dist = path.join(wrapperDir, '..', 'dist', binaryName);
    if (fs.existsSync(dist)) return dist;
    tried.push(dist);
  } catch {
    tried.push('@foundry-rs/anvil');
  }
  throw new AnvilNotFoundError(tried);
}
