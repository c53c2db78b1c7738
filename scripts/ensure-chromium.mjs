// Finds a Chromium for Playwright, installing one when none is found:
// Debian's package when running as root with apt, Playwright's own download elsewhere.
// Prints the executable path as its last line.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

const say = (msg) => process.stderr.write(`[ensure-chromium] ${msg}\n`);

function playwrightOwn() {
  try {
    const out = execFileSync(
      process.execPath,
      ['-e', "process.stdout.write(require('playwright-core').chromium.executablePath())"],
      {
        encoding: 'utf8',
      },
    );
    return out && fs.existsSync(out) ? out : null;
  } catch {
    return null;
  }
}

export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && fs.existsSync(fromEnv)) return fromEnv;
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (fs.existsSync(p)) return p;
  return playwrightOwn();
}

function run(cmd, args) {
  say(`$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (r.status !== 0) throw new Error(`${cmd} exited with ${r.status}`);
}

function hasApt() {
  return spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
}

export function ensureChromium() {
  const found = findChromium();
  if (found) return found;
  if (process.getuid?.() === 0 && hasApt()) {
    say("no Chromium found: installing Debian's chromium package with apt-get");
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'chromium']);
  } else {
    say("no Chromium found: installing Playwright's Chromium (npx playwright install chromium)");
    run('npx', ['playwright', 'install', 'chromium']);
  }
  const installed = findChromium();
  if (!installed) throw new Error('Chromium could not be installed; set CHROMIUM_PATH to a Chromium executable.');
  return installed;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const path = ensureChromium();
  say(`using ${path}`);
  process.stdout.write(`${path}\n`);
}
