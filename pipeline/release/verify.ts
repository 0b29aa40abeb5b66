// Checks every frozen release: each file against SHA256SUMS (and no file unlisted), the payload
// against the BagIt manifest and Payload-Oxum, the tag files against the tag manifest. A failure
// names the file. `npm run build` runs this.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { BAGIT_TXT, PAYLOAD_DIR, SUMS_FILE, TAG_MANIFEST, parseManifest, payloadOxum } from './bagit.ts';
import { parseChecksums, sha256 } from './checksums.ts';
import { readTree } from './freeze.ts';
import { isVersion, sortVersions } from './semver.ts';

export class ReleaseCheckError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReleaseCheckError';
  }
}

/** The release versions in a releases folder, in version order; hidden entries are skipped. */
export async function listReleases(releasesDir: string): Promise<string[]> {
  const entries = await readdir(releasesDir, { withFileTypes: true }).catch(() => []);
  return sortVersions(
    entries.filter((entry) => entry.isDirectory() && isVersion(entry.name)).map((entry) => entry.name),
  );
}

export async function verifyRelease(releasesDir: string, version: string): Promise<number> {
  const root = join(releasesDir, version);
  const where = (path: string) => join(root, path);
  const files = await readTree(root);
  const sums = files.get(SUMS_FILE);
  if (!sums) throw new ReleaseCheckError(`${where(SUMS_FILE)} is missing`);
  const listed = parseChecksums(Buffer.from(sums).toString('utf8'), where(SUMS_FILE));
  const listedPaths = new Set(listed.map((line) => line.path));
  for (const line of listed) {
    const bytes = files.get(line.path);
    if (!bytes) throw new ReleaseCheckError(`${where(line.path)} is listed in SHA256SUMS but missing`);
    if (sha256(bytes) !== line.sha256) {
      throw new ReleaseCheckError(
        `${where(line.path)} has changed: its SHA-256 is not the one in SHA256SUMS`,
      );
    }
  }
  for (const path of files.keys()) {
    if (path !== SUMS_FILE && !listedPaths.has(path)) {
      throw new ReleaseCheckError(
        `${where(path)} is not listed in SHA256SUMS: a release folder never gains files`,
      );
    }
  }
  const text = (path: string) => {
    const bytes = files.get(path);
    if (!bytes) throw new ReleaseCheckError(`${where(path)} is missing`);
    return Buffer.from(bytes).toString('utf8');
  };
  if (text('bagit.txt') !== BAGIT_TXT)
    throw new ReleaseCheckError(`${where('bagit.txt')} is not a BagIt 1.0 declaration`);
  const payload = files.under(`${PAYLOAD_DIR}/`);
  const manifest = parseManifest(text('manifest-sha256.txt'), where('manifest-sha256.txt'));
  for (const [path, bytes] of payload) {
    if (manifest.get(path) !== sha256(bytes)) {
      throw new ReleaseCheckError(`${where(path)} does not match manifest-sha256.txt`);
    }
  }
  for (const path of manifest.keys()) {
    if (!payload.has(path))
      throw new ReleaseCheckError(`${where(path)} is in manifest-sha256.txt but missing`);
  }
  const oxum = /^Payload-Oxum: (\S+)$/mu.exec(text('bag-info.txt'))?.[1];
  if (oxum !== payloadOxum(payload)) {
    throw new ReleaseCheckError(
      `${where('bag-info.txt')}: Payload-Oxum ${oxum} does not match the payload (${payloadOxum(payload)})`,
    );
  }
  for (const [path, digest] of parseManifest(text(TAG_MANIFEST), where(TAG_MANIFEST))) {
    const bytes = files.get(path);
    if (!bytes || sha256(bytes) !== digest)
      throw new ReleaseCheckError(`${where(path)} does not match ${TAG_MANIFEST}`);
  }
  return files.size;
}

export async function verifyReleases(releasesDir: string): Promise<{ version: string; files: number }[]> {
  const results: { version: string; files: number }[] = [];
  for (const version of await listReleases(releasesDir)) {
    results.push({ version, files: await verifyRelease(releasesDir, version) });
  }
  return results;
}
