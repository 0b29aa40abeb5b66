// Release versions: semantic versioning applied to data. A major release breaks the schema
// (a table or column removed or retyped, a key changed), a minor one adds records or columns,
// a patch corrects values. Build metadata (+…) is refused: it does not order releases.

export interface Version {
  major: number;
  minor: number;
  patch: number;
  prerelease: (string | number)[];
  text: string;
}

export type Bump = 'major' | 'minor' | 'patch';

const NUMBER = '0|[1-9]\\d*';
const IDENTIFIER = `(?:${NUMBER}|\\d*[a-zA-Z-][0-9a-zA-Z-]*)`;
const SEMVER = new RegExp(
  `^(${NUMBER})\\.(${NUMBER})\\.(${NUMBER})(?:-(${IDENTIFIER}(?:\\.${IDENTIFIER})*))?$`,
);

export class VersionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VersionError';
  }
}

export function parseVersion(text: string): Version {
  if (text.includes('+')) {
    throw new VersionError(
      `${JSON.stringify(text)}: build metadata (+…) is not allowed in a release version; use MAJOR.MINOR.PATCH`,
    );
  }
  const match = SEMVER.exec(text);
  if (!match) {
    throw new VersionError(
      `${JSON.stringify(text)} is not a semantic version: expected MAJOR.MINOR.PATCH such as 1.0.0 ` +
        '(major = schema break, minor = new records or columns, patch = corrections)',
    );
  }
  const [, major, minor, patch, pre] = match;
  return {
    major: Number(major),
    minor: Number(minor),
    patch: Number(patch),
    prerelease:
      pre === undefined ? [] : pre.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
    text,
  };
}

export function isVersion(text: string): boolean {
  try {
    parseVersion(text);
    return true;
  } catch {
    return false;
  }
}

function compareIdentifiers(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Semantic-versioning precedence: negative when a comes first. */
export function compareVersions(a: Version, b: Version): number {
  const core = a.major - b.major || a.minor - b.minor || a.patch - b.patch;
  if (core !== 0) return core;
  if (a.prerelease.length === 0 || b.prerelease.length === 0) {
    return b.prerelease.length - a.prerelease.length;
  }
  for (let i = 0; i < Math.min(a.prerelease.length, b.prerelease.length); i++) {
    const order = compareIdentifiers(a.prerelease[i]!, b.prerelease[i]!);
    if (order !== 0) return order;
  }
  return a.prerelease.length - b.prerelease.length;
}

export function sortVersions(texts: readonly string[]): string[] {
  return texts
    .map(parseVersion)
    .sort(compareVersions)
    .map((version) => version.text);
}

/** The kind of step from the previous release to this one. */
export function bumpBetween(previous: Version, next: Version): Bump {
  if (next.major !== previous.major) return 'major';
  if (next.minor !== previous.minor) return 'minor';
  return 'patch';
}

const RANK: Record<Bump, number> = { patch: 0, minor: 1, major: 2 };

export function bumpCovers(given: Bump, required: Bump): boolean {
  return RANK[given] >= RANK[required];
}
