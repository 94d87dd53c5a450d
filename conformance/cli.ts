#!/usr/bin/env node
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { htmlReport, junitReport, textReport } from './report';
import { runKit, type KitOptions } from './run';

const USAGE = `usage: ebox-conformance --url <provider root URL> --token <bearer of e-Box A>
         [--other-token <bearer of e-Box B>] [--origin <portal origin>]
         [--profile prod|certification] [--certification-token <bearer>]
         [--junit <file>] [--html <file>] [--timeout-ms 10000] [--max-requests 600]
Checks a Document Provider over HTTP against the Message Registry contract and the
consultation profile. Exit 0: every rule holds (warnings aside); 1: a rule failed; 2: usage.`;

function options(argv: string[]): KitOptions & { junit?: string; html?: string } {
  const { values } = parseArgs({
    args: argv,
    options: {
      url: { type: 'string' },
      token: { type: 'string' },
      'other-token': { type: 'string' },
      origin: { type: 'string' },
      profile: { type: 'string', default: 'prod' },
      'certification-token': { type: 'string' },
      junit: { type: 'string' },
      html: { type: 'string' },
      'timeout-ms': { type: 'string', default: '10000' },
      'max-requests': { type: 'string', default: '600' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const need = (ok: unknown, message: string) => {
    if (!ok) throw new Error(message);
  };
  need(values.url && /^https?:\/\/.+/.test(values.url), '--url must be the http(s) root URL of the provider');
  need(values.token, '--token is required');
  need(values.profile === 'prod' || values.profile === 'certification', '--profile must be prod or certification');
  need(values.profile !== 'certification' || values['certification-token'], '--profile certification needs --certification-token');
  const timeoutMs = Number(values['timeout-ms']);
  const maxRequests = Number(values['max-requests']);
  need(Number.isInteger(timeoutMs) && timeoutMs > 0, '--timeout-ms must be a positive integer');
  need(Number.isInteger(maxRequests) && maxRequests > 0, '--max-requests must be a positive integer');
  return {
    url: String(values.url),
    token: String(values.token),
    otherToken: values['other-token'],
    certificationToken: values['certification-token'],
    origin: values.origin,
    profile: values.profile as KitOptions['profile'],
    timeoutMs,
    maxRequests,
    junit: values.junit,
    html: values.html,
  };
}

async function main(): Promise<void> {
  let parsed: ReturnType<typeof options>;
  try {
    parsed = options(process.argv.slice(2));
  } catch (err) {
    console.error(`ebox-conformance: ${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  const run = await runKit(parsed);
  if (parsed.junit) fs.writeFileSync(parsed.junit, junitReport(run));
  if (parsed.html) fs.writeFileSync(parsed.html, htmlReport(run));
  console.log(textReport(run));
  process.exitCode = run.results.summary().failed === 0 ? 0 : 1;
}

main().catch((err: unknown) => {
  console.error(`ebox-conformance: ${(err as Error).message}`);
  process.exit(1);
});
