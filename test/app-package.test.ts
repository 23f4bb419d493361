import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { execFile } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { TeamsAppManifest, TeamsAppManifestJSONSchema } from '@microsoft/app-manifest';
import { channelCommands, groupChatCommands, personalCommands } from '../src/bot/verbs.js';

// @microsoft/app-manifest require()s the ESM-only strip-bom, which Node 20.19 allows and Jest's module
// registry (before Node 24.9) does not. Only reading manifests from disk uses it, never schema validation, so
// a stand-in that throws if called is enough.
jest.mock('strip-bom', () => ({
  __esModule: true,
  default: () => {
    throw new Error('strip-bom stand-in called: load the manifest with readFileSync instead');
  },
}));
const require = createRequire(import.meta.url);
const { ManifestUtil } = require('@microsoft/app-manifest') as typeof import('@microsoft/app-manifest');

// pngjs and adm-zip ship no type declarations: these are the few members the test uses.
interface Png {
  width: number;
  height: number;
  data: Buffer;
}
interface ZipEntry {
  entryName: string;
  getData(): Buffer;
}
const { PNG } = require('pngjs') as { PNG: { sync: { read(buffer: Buffer): Png } } };
const AdmZip = require('adm-zip') as new (file: string) => { getEntries(): ZipEntry[] };

const root = process.cwd();
const appPackage = join(root, 'appPackage');
const PLACEHOLDER = /\$\{\{ *([A-Za-z_][A-Za-z0-9_]*) *\}\}/g;
const SAMPLE_VALUES = {
  TEAMS_APP_ID: '3f2a7c1e-5b8d-4e6f-9a0b-1c2d3e4f5a6b',
  BOT_ID: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
  WEBSITE_URL: 'https://trust.example.nhs.uk/patient-partnership',
  PRIVACY_URL: 'https://trust.example.nhs.uk/privacy',
  TERMS_URL: 'https://trust.example.nhs.uk/terms',
};
const SAMPLE_BY_NAME: Record<string, string> = SAMPLE_VALUES;

const templateText = readFileSync(join(appPackage, 'manifest.json'), 'utf8');

function sampleManifest(): TeamsAppManifest {
  return JSON.parse(
    templateText.replace(PLACEHOLDER, (_, name: string) => SAMPLE_BY_NAME[name] ?? `<${name}>`),
  );
}

function officialSchema(manifestVersion: string): TeamsAppManifestJSONSchema {
  const packageDir = dirname(require.resolve('@microsoft/app-manifest'));
  const file = join(packageDir, 'json-schemas', 'teams', `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
  return JSON.parse(readFileSync(file, 'utf8'));
}

const readPng = (name: string): Png => PNG.sync.read(readFileSync(join(appPackage, name)));

function pixels(png: Png): [number, number, number, number][] {
  return Array.from({ length: png.width * png.height }, (_, i) => {
    const [r = 0, g = 0, b = 0, a = 0] = png.data.subarray(i * 4, i * 4 + 4);
    return [r, g, b, a];
  });
}

describe('Teams app manifest', () => {
  const manifest = sampleManifest();
  const schema = officialSchema(manifest.manifestVersion);

  it('uses only placeholders the sample values cover', () => {
    const names = [...templateText.matchAll(PLACEHOLDER)].map((match) => match[1]);
    expect(new Set(names)).toEqual(new Set(Object.keys(SAMPLE_VALUES)));
  });

  it("matches Microsoft's schema for its manifestVersion", async () => {
    expect(manifest.$schema).toContain(`/v${manifest.manifestVersion}/`);
    expect(await ManifestUtil.validateManifestAgainstSchema(manifest, schema)).toEqual([]);
  });

  it('fails the schema check when a field is wrong, so the check above means something', async () => {
    const broken = { ...sampleManifest(), accentColor: 'NHS blue' };
    const errors = await ManifestUtil.validateManifestAgainstSchema(broken, schema);
    expect(errors).toEqual([expect.stringContaining('/accentColor')]);
  });

  it('asks for read receipts in personal chats (the resource-specific permission), so broadcasts count reads', () => {
    expect(manifest.authorization?.permissions?.resourceSpecific).toEqual([
      { name: 'ChatMessageReadReceipt.Read.Chat', type: 'Application' },
    ]);
  });

  it('lists at most ten commands per scope, all of them commands the bot understands', () => {
    const perScope = new Map<string, string[]>();
    for (const list of manifest.bots?.[0]?.commandLists ?? []) {
      for (const scope of list.scopes) {
        perScope.set(scope, [
          ...(perScope.get(scope) ?? []),
          ...list.commands.map((command) => command.title),
        ]);
      }
    }
    expect([...perScope.keys()].sort()).toEqual(['groupChat', 'personal', 'team']);
    for (const titles of perScope.values()) expect(titles.length).toBeLessThanOrEqual(10);
    const understood = (commands: readonly string[]) => (title: string) => !commands.includes(title);
    expect(perScope.get('personal')?.filter(understood(personalCommands))).toEqual([]);
    expect(perScope.get('team')?.filter(understood(channelCommands))).toEqual([]);
    expect(perScope.get('groupChat')?.filter(understood(groupChatCommands))).toEqual([]);
    expect(perScope.get('groupChat')).toEqual(['help']);
  });
});

describe('Teams app icons', () => {
  it('has a 192×192 colour icon on a solid NHS blue background', () => {
    const color = readPng('color.png');
    expect([color.width, color.height]).toEqual([192, 192]);
    const all = pixels(color);
    expect(all.every(([, , , a]) => a === 255)).toBe(true);
    expect(all[0]).toEqual([0x00, 0x5e, 0xb8, 255]);
    expect(all.some(([r, g, b]) => r === 255 && g === 255 && b === 255)).toBe(true);
  });

  it('has a 32×32 outline icon of white on transparent only', () => {
    const outline = readPng('outline.png');
    expect([outline.width, outline.height]).toEqual([32, 32]);
    const all = pixels(outline);
    const white = ([r, g, b]: number[]) => r === 255 && g === 255 && b === 255;
    expect(all.filter((pixel) => pixel[3] !== 0 && !white(pixel))).toEqual([]);
    expect(all.some(([, , , a]) => a === 255)).toBe(true);
    expect(all.some(([, , , a]) => a === 0)).toBe(true);
  });
});

describe('npm run package (scripts/package-app.mjs)', () => {
  const script = join(root, 'scripts', 'package-app.mjs');

  // A throwaway project root holding copies of appPackage/ and the env files, so runs never touch the
  // working tree's appPackage/build.
  const tempDirs: string[] = [];
  afterAll(() => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  function tempProject(): string {
    const dir = mkdtempSync(join(tmpdir(), 'app-package-'));
    tempDirs.push(dir);
    mkdirSync(join(dir, 'appPackage'));
    mkdirSync(join(dir, 'env'));
    for (const file of ['manifest.json', 'color.png', 'outline.png']) {
      copyFileSync(join(appPackage, file), join(dir, 'appPackage', file));
    }
    copyFileSync(join(root, 'env', '.env.local'), join(dir, 'env', '.env.local'));
    return dir;
  }

  async function runPackage(cwd: string, env: Record<string, string>) {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
    for (const name of ['NODE_OPTIONS', ...Object.keys(SAMPLE_VALUES)]) {
      if (!(name in env)) delete childEnv[name];
    }
    try {
      const { stdout } = await promisify(execFile)(process.execPath, [script], { cwd, env: childEnv });
      return { code: 0, stdout, stderr: '' };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  it('zips the manifest, filled from the environment then env/.env.local, and both icons', async () => {
    const dir = tempProject();
    const result = await runPackage(dir, { TEAMSFX_ENV: 'local', TEAMS_APP_ID: SAMPLE_VALUES.TEAMS_APP_ID });
    expect(result).toMatchObject({ code: 0, stdout: 'Wrote appPackage/build/appPackage.local.zip\n' });

    const entries = new AdmZip(join(dir, 'appPackage', 'build', 'appPackage.local.zip')).getEntries();
    const files = new Map(entries.map((entry) => [entry.entryName, entry.getData()]));
    expect([...files.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(files.get('color.png')).toEqual(readFileSync(join(appPackage, 'color.png')));
    expect(files.get('outline.png')).toEqual(readFileSync(join(appPackage, 'outline.png')));
    const manifestText = String(files.get('manifest.json'));
    expect(manifestText).not.toContain('${{');
    const packaged = JSON.parse(manifestText) as TeamsAppManifest;
    expect(packaged.id).toBe(SAMPLE_VALUES.TEAMS_APP_ID);
    expect(packaged.bots?.[0]?.botId).toMatch(/^[0-9a-f]{8}-/);
    expect(packaged.developer.privacyUrl).toMatch(/^https:\/\//);
  });

  it('refuses to package, naming every placeholder left without a value', async () => {
    const dir = tempProject();
    writeFileSync(join(dir, 'env', '.env.incomplete'), 'TEAMS_APP_ID=\nWEBSITE_URL=https://example.org\n');
    const result = await runPackage(dir, { TEAMSFX_ENV: 'incomplete' });
    expect(result.code).toBe(1);
    const named = [...result.stderr.matchAll(PLACEHOLDER)].map((match) => match[1]);
    expect(named.sort()).toEqual(['BOT_ID', 'PRIVACY_URL', 'TEAMS_APP_ID', 'TERMS_URL']);
    expect(result.stderr).toContain('env/.env.incomplete');
    expect(existsSync(join(dir, 'appPackage', 'build'))).toBe(false);
  });
});
