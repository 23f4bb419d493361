// DESIGN.md's layout rules, read from the imports themselves.
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? files(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
const sources = files(join(root, 'src')).map((file) => ({
  file: relative(root, file),
  imports: [
    ...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/gm),
  ].map((m) => m[1]!),
}));
const layerOf = (file: string) => file.split('/')[1]!.replace(/\.(ts|js)$/, '');
const resolveLayer = (from: string, specifier: string) =>
  specifier.startsWith('.') ? layerOf(relative(root, join(root, from, '..', specifier))) : undefined;

// For each layer: the project layers it may import, and the packages it may import (node: built-ins always).
const rules: Record<string, { layers: string[]; packages: RegExp }> = {
  // papaparse: only src/domain/csv.ts, checked below.
  domain: { layers: ['domain'], packages: /^(zod|papaparse)$/ },
  text: { layers: ['text'], packages: /^$/ },
  store: { layers: ['store', 'domain'], packages: /^(zod|lowdb|proper-lockfile|pg)$/ },
  services: { layers: ['services', 'domain', 'store'], packages: /^$/ },
  cards: { layers: ['cards', 'domain', 'text'], packages: /^adaptivecards-templating$/ },
  bot: {
    layers: ['bot', 'domain', 'services', 'cards', 'text', 'log', 'scheduler', 'delivery'],
    packages: /^(botbuilder|@microsoft\/teams-ai|zod)$/,
  },
  http: { layers: ['http', 'log'], packages: /^(restify|zod)$/ },
  scheduler: { layers: ['scheduler', 'domain', 'log'], packages: /^croner$/ },
  delivery: { layers: ['delivery', 'domain', 'store', 'log'], packages: /^p-queue$/ },
  config: { layers: [], packages: /^zod$/ },
  log: { layers: [], packages: /^pino$/ },
  'reference-data': { layers: ['domain'], packages: /^$/ },
  index: {
    layers: [
      'bot',
      'config',
      'delivery',
      'http',
      'log',
      'scheduler',
      'services',
      'store',
      'text',
      'reference-data',
    ],
    packages: /^$/,
  },
};

describe('architecture', () => {
  it.each(sources.map((source) => [source.file, source] as const))(
    '%s imports only what its layer may',
    (_file, source) => {
      const rule = rules[layerOf(source.file)];
      expect(rule).toBeDefined();
      const wrong = source.imports.filter((specifier) => {
        if (specifier.startsWith('node:')) return false;
        const layer = resolveLayer(source.file, specifier);
        return layer === undefined ? !rule!.packages.test(specifier) : !rule!.layers.includes(layer);
      });
      expect(wrong).toEqual([]);
    },
  );

  it('services import only the Store port, never an implementation', () => {
    const offenders = sources
      .filter((source) => layerOf(source.file) === 'services')
      .flatMap((source) =>
        source.imports.filter(
          (specifier) => specifier.includes('/store/') && !specifier.endsWith('/store/store.js'),
        ),
      );
    expect(offenders).toEqual([]);
  });

  it('lowdb is imported only by the lowdb store and its file adapter', () => {
    const importers = sources
      .filter((source) => source.imports.includes('lowdb'))
      .map((source) => source.file);
    expect(importers.sort()).toEqual(['src/store/json-file.ts', 'src/store/lowdb-store.ts']);
  });

  it('pg is imported only by the PostgreSQL connection module', () => {
    const importers = sources.filter((source) => source.imports.includes('pg')).map((source) => source.file);
    expect(importers).toEqual(['src/store/postgres/connection.ts']);
  });

  it('papaparse is imported only by the CSV module', () => {
    const importers = sources
      .filter((source) => source.imports.includes('papaparse'))
      .map((source) => source.file);
    expect(importers).toEqual(['src/domain/csv.ts']);
  });

  it('only src/config.ts reads process.env', () => {
    const readers = files(join(root, 'src')).filter((file) =>
      readFileSync(file, 'utf8').includes('process.env'),
    );
    expect(readers.map((file) => relative(root, file))).toEqual(['src/config.ts']);
  });

  it('the rules see the imports (the check can fail)', () => {
    expect(sources.find((source) => source.file === 'src/bot/app.ts')?.imports).toContain(
      '@microsoft/teams-ai',
    );
  });
});
