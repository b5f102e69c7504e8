import type { RunningPlatform } from './platform';

/**
 * What a person was shown for `/oa <text>`: the acknowledgement's body, or the ephemeral message
 * that came through the command's response_url (JSON, for `toContain`).
 */
export async function oaAnswer(
  running: RunningPlatform,
  userId: string,
  text: string,
  timeoutMs = 5000,
): Promise<string> {
  const { emulator } = running;
  const before = emulator.ephemerals(userId).length;
  const result = await emulator.as(userId).command('/oa', text);
  if (result.status !== 200) throw new Error(`/oa ${text} answered HTTP ${result.status}`);
  if (result.ephemeral) return JSON.stringify(result.ephemeral);
  return JSON.stringify(
    await emulator.waitFor(() => emulator.ephemerals(userId).slice(before).at(-1), { timeoutMs }),
  );
}
