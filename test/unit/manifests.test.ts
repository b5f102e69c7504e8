import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { COMMAND_LISTENERS } from '../../src/slack/listeners';

const root = join(__dirname, '..', '..');
const schemaPath = join(root, 'test', 'fixtures', 'slack-manifest', 'manifest.schema.1.0.0.json');
const manifests = ['socket-mode.json', 'http-mode.json'].map((name) => ({
  name,
  manifest: JSON.parse(readFileSync(join(root, 'manifests', name), 'utf8')) as {
    features: { slash_commands: { command: string; url?: string }[] };
    settings: { socket_mode_enabled: boolean; interactivity: { request_url?: string } };
  },
}));

describe('Slack app manifests', () => {
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:\S+$/i);
  const validate = ajv.compile(schema);

  it.each(manifests)('$name is valid against Slack’s manifest schema', ({ manifest }) => {
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it.each(manifests)('$name declares exactly the slash commands the code registers', ({ manifest }) => {
    expect(manifest.features.slash_commands.map((c) => c.command).sort()).toEqual(
      Object.keys(COMMAND_LISTENERS).sort(),
    );
  });

  it('HTTP mode sends everything to /slack/events; Socket Mode needs no URL', () => {
    const [socket, http] = manifests.map((m) => m.manifest);
    expect(socket!.settings.socket_mode_enabled).toBe(true);
    expect(socket!.features.slash_commands.every((c) => c.url === undefined)).toBe(true);
    expect(http!.settings.socket_mode_enabled).toBe(false);
    expect(http!.settings.interactivity.request_url).toMatch(/\/slack\/events$/);
    expect(http!.features.slash_commands.every((c) => c.url?.endsWith('/slack/events'))).toBe(true);
  });
});
