// Builds the Teams app package for one environment without the Agents Toolkit:
//   TEAMSFX_ENV=<env> npm run package   (env defaults to "local")
// Fills the manifest's ${{NAME}} placeholders from the process environment, then env/.env.<env>; checks
// the result against the official schema for its manifestVersion (bundled, so it works offline); writes
// appPackage/build/appPackage.<env>.zip. Paths are relative to the working directory, which npm sets to
// the project root.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { parseEnv } from 'node:util';
import AdmZip from 'adm-zip';
import appManifest from '@microsoft/app-manifest';

const { ManifestUtil } = appManifest;
const PLACEHOLDER = /\$\{\{ *([A-Za-z_][A-Za-z0-9_]*) *\}\}/g;

class PackageError extends Error {}

function readEnvFile(root, envName) {
  if (!/^[A-Za-z0-9_-]+$/.test(envName)) {
    throw new PackageError(`TEAMSFX_ENV "${envName}" is not an environment name (letters, digits, - and _).`);
  }
  const file = join(root, 'env', `.env.${envName}`);
  if (!existsSync(file)) {
    throw new PackageError(`${relative(root, file)} not found: create it or set TEAMSFX_ENV to another env.`);
  }
  return parseEnv(readFileSync(file, 'utf8'));
}

// An empty value counts as missing: no placeholder in the manifest may be blank.
function lookup(name, fileEnv) {
  return [process.env[name], fileEnv[name]].find((value) => value !== undefined && value !== '');
}

// Substitutes inside parsed string values, so a value can never break the JSON around it.
function fillPlaceholders(value, resolve) {
  if (typeof value === 'string') return value.replace(PLACEHOLDER, (_, name) => resolve(name));
  if (Array.isArray(value)) return value.map((item) => fillPlaceholders(item, resolve));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, fillPlaceholders(item, resolve)]),
    );
  }
  return value;
}

function renderManifest(template, fileEnv, envName) {
  const missing = new Set();
  const manifest = fillPlaceholders(template, (name) => {
    const value = lookup(name, fileEnv);
    if (value === undefined) missing.add(name);
    return value ?? '';
  });
  if (missing.size > 0) {
    const names = [...missing].map((name) => `\${{${name}}}`).join(', ');
    throw new PackageError(
      `no value for ${names} in appPackage/manifest.json: set them in env/.env.${envName} or the environment.`,
    );
  }
  return manifest;
}

async function validate(manifest) {
  const version = manifest.manifestVersion;
  const packageDir = dirname(createRequire(import.meta.url).resolve('@microsoft/app-manifest'));
  const schemaFile = join(packageDir, 'json-schemas', 'teams', `v${version}`, 'MicrosoftTeams.schema.json');
  if (!existsSync(schemaFile)) {
    throw new PackageError(
      `no bundled schema for manifestVersion "${version}": update @microsoft/app-manifest.`,
    );
  }
  const errors = await ManifestUtil.validateManifestAgainstSchema(
    manifest,
    JSON.parse(readFileSync(schemaFile)),
  );
  if (errors.length > 0) {
    throw new PackageError(`the manifest does not match the v${version} schema:\n  ${errors.join('\n  ')}`);
  }
}

function writeZip(root, envName, manifest) {
  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
  for (const icon of [manifest.icons.color, manifest.icons.outline]) {
    const file = join(root, 'appPackage', icon);
    if (!existsSync(file)) throw new PackageError(`icon ${relative(root, file)} not found.`);
    zip.addFile(icon, readFileSync(file));
  }
  const output = join(root, 'appPackage', 'build', `appPackage.${envName}.zip`);
  mkdirSync(dirname(output), { recursive: true });
  zip.writeZip(output);
  return relative(root, output);
}

async function main() {
  const root = process.cwd();
  const envName = process.env.TEAMSFX_ENV || 'local';
  const manifestFile = join(root, 'appPackage', 'manifest.json');
  if (!existsSync(manifestFile)) {
    throw new PackageError(`appPackage/manifest.json not found under ${root}: run from the project root.`);
  }
  const manifest = renderManifest(
    JSON.parse(readFileSync(manifestFile, 'utf8')),
    readEnvFile(root, envName),
    envName,
  );
  await validate(manifest);
  console.log(`Wrote ${writeZip(root, envName, manifest)}`);
}

main().catch((error) => {
  if (!(error instanceof PackageError)) throw error;
  console.error(`package-app: ${error.message}`);
  process.exitCode = 1;
});
