import { execFileSync } from 'node:child_process';

/** Tests read the bundled spec: bundle it once from `openapi/` before any test runs. */
export default function bundleSpec(): void {
  execFileSync('npx', ['redocly', 'bundle', 'openapi/openapi.yaml', '--output', 'static/openapi.yaml'], { stdio: 'ignore' });
}
