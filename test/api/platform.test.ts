import { expect } from 'chai';
import yaml from 'js-yaml';
import fs from 'node:fs';
import { specPath } from '../../src/contract/spec-path';
import { handlers } from '../../src/handlers';
import { useServer } from '../helpers/server';

describe('platform', () => {
  it('has a handler for every operation of the contract, and none besides', () => {
    const spec = yaml.load(fs.readFileSync(specPath, 'utf8')) as { paths: Record<string, Record<string, { operationId?: string }>> };
    const operationIds = Object.values(spec.paths).flatMap((item) => Object.values(item).map((op) => op.operationId)).filter(Boolean);
    // The 20 operations of v2.1 and the two of the draft certification (spec/README.md, delta 14).
    expect(operationIds).to.have.length(22);
    expect(Object.keys(handlers).sort()).to.deep.equal([...operationIds].sort());
  });

  describe('without a prefix', () => {
    const server = useServer();

    it('answers an unknown path with a 404 StatusMessage', async () => {
      const res = await server.get('/nowhere', 'dev.0123456749');
      expect(res.status).to.equal(404);
      expect(res.json().code).to.equal('NOT_FOUND');
    });

    it('answers a method the contract does not offer with 405', async () => {
      const res = await server.request('DELETE', '/ebox', { token: 'dev.0123456749' });
      expect(res.status).to.equal(405);
      expect(res.json().code).to.equal('METHOD_NOT_ALLOWED');
    });

    it('gives every error a fresh uuid id', async () => {
      const a = (await server.get('/nowhere')).json();
      const b = (await server.get('/nowhere')).json();
      expect(a.id).not.to.equal(b.id);
    });
  });

  describe('with BASE_PATH', () => {
    const server = useServer({ env: { BASE_PATH: '/dp/v2/' } });

    it('serves the contract under the prefix only', async () => {
      expect(server.url).to.match(/\/dp\/v2$/);
      expect((await server.get('/dp/v2/ebox', 'dev.0123456749')).status).to.equal(200);
      expect((await server.get('/dp/v2/referenceData/messageTypes', 'dev.0123456749')).status).to.equal(200);
      expect((await server.get('/ebox', 'dev.0123456749')).status).to.equal(404);
    });
  });
});
