// Every way the server is started passes the same node flags (src/server/node-flags.ts, decision 026): the npm
// scripts, the Docker image's CMD and compose.yaml's command. The test servers take them from the module itself.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { serverNodeFlags } from '../../src/server/node-flags.ts';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const command = `node ${serverNodeFlags.join(' ')} src/server/serve.ts`;

describe('the server starts with its node flags everywhere', () => {
  it('in npm start and npm run serve', () => {
    const { scripts } = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    expect(scripts.start).toContain(command);
    expect(scripts.serve).toBe(command);
  });

  it("in the Docker image's CMD and compose.yaml's command", () => {
    expect(read('Dockerfile')).toContain(`CMD ${JSON.stringify(['node', ...serverNodeFlags, 'src/server/serve.ts'])}`.replaceAll('","', '", "'));
    expect(read('compose.yaml')).toContain(`exec ${command}`);
  });
});
