/**
 * Builds the Teams app package (`dist/pilot-pipeline-teams.zip`): manifest/teams/manifest.json with
 * its placeholders filled from the settings, plus the two icons. Upload the zip in Teams (Apps →
 * Manage your apps → Upload an app) or in the Teams admin centre. Usage: `npm run package:teams`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadSettings, SettingsError } from '../src/config/settings.js';
import { writeZip } from './zip.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MANIFEST_DIR = new URL('../manifest/teams/', import.meta.url);

/** The manifest with every placeholder filled, and the package's files (name → bytes). */
export function buildTeamsPackage(env: NodeJS.ProcessEnv): {
  manifest: Record<string, unknown>;
  files: Map<string, Uint8Array>;
} {
  const settings = loadSettings(env);
  const botId = settings.teams.clientId;
  if (!botId || !GUID.test(botId))
    throw new SettingsError(
      'clientId must be the bot’s Microsoft Entra app (client) id, a GUID: set it to build the Teams package.',
    );
  const appId = env.TEAMS_APP_ID || botId;
  if (!GUID.test(appId)) throw new SettingsError('TEAMS_APP_ID must be a GUID (or leave it unset to use clientId).');
  const website = env.TEAMS_WEBSITE_URL || settings.publicUrl;
  if (!website?.startsWith('https://'))
    throw new SettingsError(
      'Set PILOT_PUBLIC_URL (the bot’s https address) or TEAMS_WEBSITE_URL: Teams needs https links in the app package.',
    );
  const base = website.replace(/\/$/, '');
  const values: Record<string, string> = {
    TEAMS_APP_ID: appId,
    BOT_ID: botId,
    DEVELOPER_NAME: env.TEAMS_DEVELOPER_NAME || 'Innovation pilot team',
    WEBSITE_URL: base,
    PRIVACY_URL: env.TEAMS_PRIVACY_URL || `${base}/privacy`,
    TERMS_URL: env.TEAMS_TERMS_URL || `${base}/terms`,
    BOT_DOMAIN: new URL(settings.publicUrl ?? base).host,
  };
  const template = readFileSync(new URL('manifest.json', MANIFEST_DIR), 'utf8');
  const filled = template.replace(/\{\{([A-Z_]+)\}\}/g, (whole, key: string) =>
    JSON.stringify(values[key] ?? whole).slice(1, -1),
  );
  const left = /\{\{[A-Z_]+\}\}/.exec(filled);
  if (left) throw new Error(`manifest/teams/manifest.json has a placeholder with no value: ${left[0]}`);
  const files = new Map<string, Uint8Array>([
    ['manifest.json', Buffer.from(filled)],
    ['color.png', readFileSync(new URL('color.png', MANIFEST_DIR))],
    ['outline.png', readFileSync(new URL('outline.png', MANIFEST_DIR))],
  ]);
  return { manifest: JSON.parse(filled) as Record<string, unknown>, files };
}

function main(): void {
  try {
    const { files } = buildTeamsPackage(process.env);
    const out = new URL('../dist/pilot-pipeline-teams.zip', import.meta.url);
    mkdirSync(new URL('.', out), { recursive: true });
    writeFileSync(out, writeZip(files));
    console.log(`Wrote ${fileURLToPath(out)}. Upload it in Teams: Apps → Manage your apps → Upload an app.`);
  } catch (error) {
    console.error(
      error instanceof SettingsError ? error.message : `Could not build the Teams package: ${(error as Error).message}`,
    );
    process.exitCode = 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
