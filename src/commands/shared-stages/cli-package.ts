/**
 * Where the installed amplifier-app-cli keeps its own bundle (the cli-expertise behavior the CLI composes onto every
 * session). A wheel holds it in `<site>/amplifier_app_cli/_bundle`; an editable install (a developer's checkout) in
 * the project directory its `direct_url.json` records, where `behaviors/` sits beside the package. Both are what
 * the CLI's `_find_app_cli_bundle_root` finds from the package it runs.
 */
import { join } from 'node:path';
import type { FileSystem } from '../../ports.js';
import { parseDirectUrl } from '../../stages/audit/dist-info.js';
import { type CliBundleRoot, findCliBundleRoot } from '../../stages/declare/session-parts.js';

const CLI_DIST_INFO = /^amplifier[-_.]app[-_.]cli-[^-]+\.dist-info$/i;

async function editableProjectDirs(fs: FileSystem, sitePackages: readonly string[]): Promise<string[]> {
  const dirs: string[] = [];
  for (const site of sitePackages) {
    for (const name of (await fs.readdir(site)) ?? []) {
      if (!CLI_DIST_INFO.test(name)) continue;
      const file = join(site, name, 'direct_url.json');
      if (!(await fs.stat(file))?.isFile) continue;
      const record = parseDirectUrl((await fs.readFile(file)).toString('utf8'));
      if (record?.editable && record.path) dirs.push(record.path);
    }
  }
  return dirs;
}

export async function installedCliBundleRoot(fs: FileSystem, sitePackages: readonly string[]): Promise<CliBundleRoot> {
  const isFile = async (path: string) => Boolean((await fs.stat(path))?.isFile);
  return findCliBundleRoot(sitePackages, isFile, await editableProjectDirs(fs, sitePackages));
}
