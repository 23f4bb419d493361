// Starts the Microsoft 365 Agents Playground (the local Teams client) for `npm run dev` and the end-to-end
// tests. It is Microsoft pre-release software under its own licence, installed as a dev dependency.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/cli.js');

/** The NHS trust the Playground pretends to be (made-up people, the team "Ward 7"): for dev and the tests. */
export const trustConfigPath = fileURLToPath(new URL('playground-trust.yml', import.meta.url));

/**
 * The mock data as plain objects, read with a tiny reader for the simple YAML it is written in: `key: value`
 * lines, nested blocks by indentation, lists of `- key: value` items, whole-line comments, quoted or bare
 * scalars (all read as strings). Enough for playground-trust.yml; not a YAML parser.
 * @param {string} [configPath]
 * @returns {Record<string, any>}
 */
export function readTrustConfig(configPath = trustConfigPath) {
  const lines = readFileSync(configPath, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.trim().startsWith('#'))
    .map((line) => ({ indent: line.length - line.trimStart().length, text: line.trim() }));
  const scalar = (text) => text.replace(/^'(.*)'$|^"(.*)"$/, '$1$2');
  let at = 0;
  const block = (indent) => {
    if (lines[at]?.text.startsWith('- ')) {
      const items = [];
      while (lines[at]?.indent === indent && lines[at].text.startsWith('- ')) {
        // The item's first line, without its dash, is the first line of a block two columns in.
        lines[at] = { indent: indent + 2, text: lines[at].text.slice(2).trim() };
        items.push(/^[\w-]+:(\s|$)/.test(lines[at].text) ? block(indent + 2) : scalar(lines[at++].text));
      }
      return items;
    }
    const map = {};
    while (lines[at]?.indent === indent && !lines[at].text.startsWith('- ')) {
      const [, key, rest] = /^([\w-]+):\s*(.*)$/.exec(lines[at].text) ?? [];
      if (key === undefined) throw new Error(`${configPath}: cannot read "${lines[at].text}"`);
      at += 1;
      const next = lines[at];
      const nested = next && (next.indent > indent || (next.indent === indent && next.text.startsWith('- ')));
      map[key] = rest !== '' ? scalar(rest) : nested ? block(next.indent) : '';
    }
    return map;
  };
  return block(lines[0]?.indent ?? 0);
}

/**
 * The Entra object id of the mock data's current user. A bot that treats that person as an admin needs it at
 * start.
 * @param {string} [configPath]
 * @returns {string}
 */
export function currentUserAadObjectId(configPath = trustConfigPath) {
  const found = readTrustConfig(configPath).currentUser?.aadObjectId;
  if (typeof found !== 'string' || found === '')
    throw new Error(`no currentUser.aadObjectId in ${configPath}`);
  return found;
}

/**
 * @param {{ botUrl: string, port?: number, configPath?: string, logDir?: string, openBrowser?: boolean }} options
 * @returns {Promise<{ url: string, port: number, stop: () => Promise<void> }>}
 */
export async function startPlayground({
  botUrl,
  port = 56150,
  configPath,
  logDir = 'devTools',
  openBrowser = false,
}) {
  mkdirSync(logDir, { recursive: true });
  const env = {
    ...process.env,
    // Its telemetry probes the network even when disabled: point it at a dead local port instead.
    APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
    APPLICATIONINSIGHTS_CONFIGURATION_CONTENT:
      '{"endpointUrl":"http://127.0.0.1:9","enableAutoCollectHeartbeat":false,"disableStatsbeat":true}',
    M365_AGENTS_PLAYGROUND_LOGFILE: resolve(logDir, 'm365agentsplayground.log'),
    ...(configPath ? { M365_AGENTS_PLAYGROUND_CONFIG_PATH: resolve(configPath) } : {}),
  };
  if (!openBrowser) env.TEAMSAPPTESTER_BROWSER = 'none';
  const child = spawn(
    process.execPath,
    [cli, '--app-endpoint', botUrl, '--channel-id', 'msteams', '--port', String(port), '--disable-telemetry'],
    { env, cwd: dirname(resolve(logDir, 'x')), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolvePromise) => child.once('exit', resolvePromise));

  // If its port is taken it quietly picks another, so read the port it says it listens on.
  const actualPort = await waitFor(
    async () => {
      const match = /Listening on\D*(\d+)/i.exec(output);
      if (!match) return undefined;
      const response = await fetch(`http://127.0.0.1:${match[1]}/_debug/ping`).catch(() => undefined);
      return response?.ok ? Number(match[1]) : undefined;
    },
    30_000,
    () => `the Agents Playground did not start. Its output:\n${output}`,
    exited,
  );

  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    stop: async () => {
      const running = () => child.exitCode === null && child.signalCode === null;
      if (!running()) return;
      child.kill('SIGTERM');
      let timer;
      await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 3000)))]);
      clearTimeout(timer);
      if (running()) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

export function playgroundLogFile(logDir = 'devTools') {
  return join(logDir, 'm365agentsplayground.log');
}

/** Polls `probe` until it returns a value, failing with `explain()` after `timeoutMs` or if `exited` settles. */
export async function waitFor(probe, timeoutMs, explain, exited) {
  let gone = false;
  exited?.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !gone) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(explain());
}
