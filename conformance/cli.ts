#!/usr/bin/env node
import fs from 'node:fs';
// The project's command-line conventions (exit 0/1/2, one usage line): a pure helper of node:util, nothing of the provider.
import { runCommand, UsageError } from '../src/cli/command';
import { htmlReport, junitReport, textReport } from './report';
import { runKit, type Profile } from './run';

const USAGE = `usage: ebox-conformance --url <provider root URL> --token <bearer of e-Box A>
         [--other-token <bearer of e-Box B>] [--origin <portal origin>]
         [--profile prod|certification] [--certification-token <bearer>]
         [--junit <file>] [--html <file>] [--timeout-ms <ms, 10000>] [--max-requests <n, 600>]

Checks a Document Provider over HTTP against the Message Registry contract and
the consultation profile. prod changes nothing durably; certification first
resets the provider's test e-Box (POST /certification/resetDataSet) and checks
exact expectations against the kit's data set. The last line is
"N passed, M failed". Exit 0: every rule holds (warnings aside); 1: a rule
failed; 2: the command line was not understood.`;

const positive = (name: string, raw: string): number => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--${name} must be a positive integer`);
  return n;
};

void runCommand(
  {
    name: 'ebox-conformance',
    usage: USAGE,
    options: {
      url: { type: 'string' },
      token: { type: 'string' },
      'other-token': { type: 'string' },
      origin: { type: 'string' },
      profile: { type: 'string' },
      'certification-token': { type: 'string' },
      junit: { type: 'string' },
      html: { type: 'string' },
      'timeout-ms': { type: 'string' },
      'max-requests': { type: 'string' },
    },
  },
  async ({ values }) => {
    if (!values.url || !/^https?:\/\/[^/]/.test(values.url)) throw new UsageError('--url must be the http(s) root URL of the provider');
    if (!values.token) throw new UsageError('--token is required');
    const profile = (values.profile ?? 'prod') as Profile;
    if (profile !== 'prod' && profile !== 'certification') throw new UsageError('--profile must be prod or certification');
    if (profile === 'certification' && !values['certification-token']) throw new UsageError('--profile certification needs --certification-token');
    const run = await runKit({
      url: values.url,
      token: values.token,
      otherToken: values['other-token'],
      certificationToken: values['certification-token'],
      origin: values.origin,
      profile,
      timeoutMs: positive('timeout-ms', values['timeout-ms'] ?? '10000'),
      maxRequests: positive('max-requests', values['max-requests'] ?? '600'),
    });
    if (values.junit) fs.writeFileSync(values.junit, junitReport(run));
    if (values.html) fs.writeFileSync(values.html, htmlReport(run));
    console.log(textReport(run));
    return run.results.summary().failed === 0 ? 0 : 1;
  },
);
