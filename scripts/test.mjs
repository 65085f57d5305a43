// `npm test`: the checks (type check, linter, formatting) and the suite at once. Both are CPU-bound,
// but the suite spends part of its time waiting (on servers, timeouts, Chromium), and the checks
// fill those gaps. The checks' output is held back and printed before the suite's closing lines;
// the command fails if either fails. Arguments go to vitest (a file, -t, --reporter, ...).
import { spawn } from 'node:child_process';

const run = (command, args, options) =>
  new Promise((resolve) => {
    const child = spawn(command, args, {
      stdio: options.capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      env: process.env,
    });
    let output = '';
    if (options.capture) {
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
    }
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });

// CI runs the suite twice, on two databases, over the same tree: it asks for the checks once
// (SKIP_CHECKS=1 on its second pass), since they do not depend on the database.
const skipChecks = process.env.SKIP_CHECKS === '1';
const checks = skipChecks
  ? Promise.resolve({ code: 0, output: '' })
  : run('npm', ['run', '--silent', 'checks'], { capture: true });
const suite = run('npx', ['vitest', 'run', '--config', 'test/vitest.config.ts', ...process.argv.slice(2)], {
  capture: false,
});
const [checked, tested] = await Promise.all([checks, suite]);
process.stdout.write(checked.output);
console.log(
  skipChecks
    ? 'Checks skipped (SKIP_CHECKS=1): types, lint and formatting were not checked by this run.'
    : checked.code === 0
      ? 'Checks passed: types, lint and formatting.'
      : `Checks failed (exit ${checked.code}): see above.`,
);
process.exitCode = checked.code || tested.code;
