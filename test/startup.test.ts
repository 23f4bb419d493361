// The real start-up, as a process: it refuses clearly, and touches nothing, when it cannot run safely.
import { afterEach, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function start(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent', ...env },
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('exit', (code) => (clearTimeout(timer), resolve({ code, stderr })));
  });
}

describe('start-up', () => {
  it('refuses an invalid environment, listing every bad variable', async () => {
    const { code, stderr } = await start({ PORT: 'none', ORG_TIME_ZONE: 'Nowhere/Town', SEND_RATE: '500' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/3 problem\(s\)/);
    for (const name of ['PORT', 'ORG_TIME_ZONE', 'SEND_RATE']) expect(stderr).toContain(name);
  }, 30_000);

  it('refuses NODE_ENV=production without BOT_ID (anonymous mode), touching no data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bot-start-'));
    dirs.push(dir);
    const { code, stderr } = await start({ NODE_ENV: 'production', DATA_DIR: join(dir, 'data') });
    expect(code).toBe(1);
    expect(stderr).toContain('BOT_ID is required when NODE_ENV=production');
    expect(existsSync(join(dir, 'data'))).toBe(false);
  }, 30_000);

  it('refuses a corrupt data file, naming it, and leaves it untouched', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bot-start-'));
    dirs.push(dataDir);
    const corrupt = '{"schemaVersion":1,"people":{';
    writeFileSync(join(dataDir, 'core.json'), corrupt);
    const { code, stderr } = await start({ DATA_DIR: dataDir });
    expect(code).toBe(1);
    expect(stderr).toContain(join(dataDir, 'core.json'));
    expect(stderr).toContain('is not valid JSON');
    expect(readFileSync(join(dataDir, 'core.json'), 'utf8')).toBe(corrupt);
  }, 30_000);

  it('refuses an invalid CATALOGUE_FILE, naming the measure and the field, before touching any data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bot-start-'));
    dirs.push(dir);
    const catalogue = JSON.parse(readFileSync(join(root, 'reference-data', 'catalogue.json'), 'utf8'));
    catalogue.measures[0].scale = 'stars';
    const file = join(dir, 'catalogue.json');
    writeFileSync(file, JSON.stringify(catalogue));
    const { code, stderr } = await start({ CATALOGUE_FILE: file, DATA_DIR: join(dir, 'data') });
    expect(code).toBe(1);
    expect(stderr).toContain(file);
    expect(stderr).toContain(`${catalogue.measures[0].id}`);
    expect(stderr).toContain('scale');
    expect(existsSync(join(dir, 'data'))).toBe(false);
  }, 30_000);
});
