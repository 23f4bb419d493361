import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, withDotEnv } from '../src/config.js';

describe('config', () => {
  it('applies the documented defaults to an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3978,
      host: '127.0.0.1',
      dataDir: './data',
      orgTimeZone: 'Europe/London',
      anonymityMin: 5,
      sendRate: 30,
      retentionMonths: 24,
      publicBaseUrl: 'http://127.0.0.1:3978',
      store: { kind: 'lowdb' },
      quietHours: { days: [1, 2, 3, 4, 5], from: '08:00', to: '18:00' },
      allowedTenantIds: [],
      evidenceLinkDomains: [],
    });
    expect(Object.isFrozen(config.bot)).toBe(true);
  });

  it('lists every bad variable at once, without echoing secrets', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        ANONYMITY_MIN: '2',
        ORG_TIME_ZONE: 'Mars/Olympus',
        QUIET_HOURS: 'weekdays',
        BOT_ID: 'abc',
        BOT_PASSWORD: 'hunter2-secret',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'ANONYMITY_MIN', 'ORG_TIME_ZONE', 'QUIET_HOURS', 'BOT_TENANT_ID']) {
      expect(problems).toContain(name);
    }
    expect((error as Error).message).not.toContain('hunter2-secret');
  });

  it('refuses anonymous mode in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /BOT_ID is required when NODE_ENV=production/,
    );
  });

  it('accepts a single-tenant identity and allows its tenant by default', () => {
    const config = loadConfig({
      BOT_ID: 'id',
      BOT_PASSWORD: 'pw',
      BOT_TENANT_ID: 'tenant-1',
      NODE_ENV: 'production',
    });
    expect(config.allowedTenantIds).toEqual(['tenant-1']);
  });

  it('reads the channel token overrides, blank meaning the public cloud', () => {
    expect(loadConfig({ BOT_OPENID_METADATA_URL: ' ', BOT_TOKEN_ISSUER: '' }).bot).toMatchObject({
      openIdMetadataUrl: undefined,
      tokenIssuer: undefined,
    });
    const config = loadConfig({
      BOT_OPENID_METADATA_URL: 'http://127.0.0.1:9/.well-known/openidconfiguration',
      BOT_TOKEN_ISSUER: 'https://issuer.example',
    });
    expect(config.bot).toMatchObject({
      openIdMetadataUrl: 'http://127.0.0.1:9/.well-known/openidconfiguration',
      tokenIssuer: 'https://issuer.example',
    });
    expect(() => loadConfig({ BOT_OPENID_METADATA_URL: 'not a url' })).toThrow(/BOT_OPENID_METADATA_URL/);
  });

  it('parses lists, quiet hours "off" and round-the-clock weekends', () => {
    const config = loadConfig({
      ADMIN_AAD_IDS: ' a, b ,,c',
      ALLOWED_TENANT_IDS: 't1,t2',
      QUIET_HOURS: 'off',
      EVIDENCE_LINK_DOMAINS: 'NHS.example, sharepoint.example',
    });
    expect(config.adminAadIds).toEqual(['a', 'b', 'c']);
    expect(config.evidenceLinkDomains).toEqual(['nhs.example', 'sharepoint.example']);
    expect(config.allowedTenantIds).toEqual(['t1', 't2']);
    expect(config.quietHours).toBe('off');
    expect(loadConfig({ QUIET_HOURS: 'Sat-Mon 09:00-17:00' }).quietHours).toEqual({
      days: [6, 0, 1],
      from: '09:00',
      to: '17:00',
    });
  });

  it('reads a local .env file under the real environment', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cfg-')), '.env');
    writeFileSync(file, 'PORT=4000\nLOG_LEVEL=debug\n');
    const env = withDotEnv(file, { LOG_LEVEL: 'warn' });
    expect(loadConfig(env)).toMatchObject({ port: 4000, logLevel: 'warn' });
    expect(withDotEnv(join(tmpdir(), 'missing.env'), { PORT: '1' })).toEqual({ PORT: '1' });
  });
});
