import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { connect } from '../../src/db/connect';
import { copyFixture, fixtureDir, workspace, Workspace } from './helpers';

const root = path.join(__dirname, '..', '..');

function run(ws: Workspace, file: string) {
  return spawnSync('npx', ['tsx', 'src/cli/import.ts', file], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: path.join(ws.dir, 'cli.sqlite'), STORAGE_DIR: path.join(ws.dir, 'cli-blobs') },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

async function messageCount(ws: Workspace): Promise<number> {
  const db = connect(path.join(ws.dir, 'cli.sqlite'));
  try {
    const row = await db('messages').count({ n: '*' }).first();
    return Number(row?.n ?? 0);
  } finally {
    await db.destroy();
  }
}

describe('npm run import (src/cli/import.ts)', () => {
  let ws: Workspace;
  before(async () => (ws = await workspace()));
  after(async () => ws.close());

  it('exits 1 with every error path on stderr and imports nothing', async () => {
    const copy = copyFixture(ws.dir);
    copy.data.messages[1].attachments[0].mediaType = 'image/bmp';
    copy.data.messages[0].eboxId = '2123456789';
    fs.writeFileSync(copy.file, JSON.stringify(copy.data));
    const result = run(ws, copy.file);
    expect(result.status, result.stderr).to.equal(1);
    expect(result.stderr).to.contain('/messages/1/attachments/0/mediaType [enum]');
    expect(result.stderr).to.contain('/messages/0/eboxId [cbe]');
    expect(result.stderr).to.contain('nothing was imported');
    expect(await messageCount(ws)).to.equal(0);
  });

  it('runs the migrations, imports a valid file, prints a summary and exits 0', async () => {
    const result = run(ws, path.join(fixtureDir, 'import.json'));
    expect(result.status, result.stderr).to.equal(0);
    expect(result.stdout).to.match(/messages\s+3/);
    expect(result.stdout).to.match(/attachments\s+3/);
    expect(await messageCount(ws)).to.equal(3);
  });

  it('exits 1 on a file that does not exist', () => {
    const result = run(ws, path.join(ws.dir, 'missing.json'));
    expect(result.status).to.equal(1);
    expect(result.stderr).to.contain('[file]');
  });
});
