import { expect } from 'chai';
import { EVENT_TYPES } from '../../src/db/repositories/outbox';
import { eesValidators, EVENTS_PATH, loadEesSpec } from './stand-in-ees';

/** A valid event, as the provider sends them. */
const event = () => ({
  eventType: 'documentExpirationAlert',
  eventCorrelationId: 'c1493fcf-601b-453d-80b8-9db1b226199f',
  enterpriseId: '0206731645',
  messageId: '3b06011b-071d-4e9c-b879-b260523247cb',
  receiptDate: '2020-04-29T10:25:53Z',
  expirationDate: '2020-05-29T10:25:53Z',
  registeredMail: false,
  messageTypeId: 'attest',
  senderOrganizationId: '0206731645',
  senderApplicationId: 'dmfa',
  subject: { nl: 'Attest', fr: 'Attestation', de: 'Bescheinigung' },
});

describe('spec/event-service.yaml, our rendition of the EES contract 1.1.1', () => {
  const spec = loadEesSpec();

  it('has the published event schema: its fields, types, enum and required list', () => {
    const schema = spec.components.schemas.EboxEnterpriseDocumentEvent;
    const types = Object.fromEntries(Object.entries(schema.properties as Record<string, { type?: string; format?: string; $ref?: string }>).map(([k, v]) => [k, v.$ref ?? [v.type, v.format].filter(Boolean).join(':')]));
    expect(types).to.deep.equal({
      eventType: 'string',
      eventCorrelationId: 'string',
      enterpriseId: 'string',
      messageId: 'string',
      receiptDate: 'string:date-time',
      expirationDate: 'string:date-time',
      registeredMail: 'boolean',
      messageTypeId: 'string',
      senderOrganizationId: 'string',
      senderApplicationId: 'string',
      subject: '#/components/schemas/TranslatedString',
    });
    expect(schema.properties.eventType.enum).to.deep.equal(['newDocument', 'newDocumentReminder', 'readDocument', 'documentExpirationAlert']);
    expect(schema.properties.eventType.enum).to.deep.equal([...EVENT_TYPES]);
    expect(schema.properties.enterpriseId.pattern).to.equal('[0-9]{10}');
    expect(schema.required).to.deep.equal(['eventType', 'enterpriseId', 'messageId', 'receiptDate', 'expirationDate', 'registeredMail']);
    expect(Object.keys(spec.components.schemas.TranslatedString.properties)).to.deep.equal(['nl', 'fr', 'de', 'en']);
  });

  it('declares the submission: POST of an array of events, clientId in the query, 201, 400, 403 and 409', () => {
    const post = spec.paths[EVENTS_PATH].post;
    expect(post.operationId).to.equal('submitEboxEnterpriseDocumentEvents');
    expect(post.parameters.map((p: { name: string; in: string; required: boolean }) => [p.name, p.in, p.required])).to.deep.equal([['clientId', 'query', false]]);
    expect(post.requestBody.content['application/json'].schema).to.deep.equal({ type: 'array', items: { $ref: '#/components/schemas/EboxEnterpriseDocumentEvent' } });
    expect(Object.keys(post.responses)).to.deep.equal(['201', '400', '403', '409']);
    expect(spec.paths[EVENTS_PATH].get.operationId).to.equal('getEboxEnterpriseDocumentEvents');
  });

  describe('the stand-in EES validators built from it', () => {
    const { published, exact } = eesValidators();

    it('take a valid array of events, the optional fields left out or not', () => {
      const minimal = event() as Record<string, unknown>;
      for (const key of ['eventCorrelationId', 'messageTypeId', 'senderOrganizationId', 'senderApplicationId', 'subject']) delete minimal[key];
      for (const body of [[event()], [minimal], []]) {
        expect(published(body), JSON.stringify(published.errors)).to.equal(true);
        expect(exact(body), JSON.stringify(exact.errors)).to.equal(true);
      }
    });

    it('refuse what the contract refuses: a missing required field, an unknown event type, a malformed date, a body that is not an array', () => {
      const without = (key: string) => {
        const e = event() as Record<string, unknown>;
        delete e[key];
        return [e];
      };
      for (const body of [without('enterpriseId'), without('registeredMail'), [{ ...event(), eventType: 'documentRead' }], [{ ...event(), receiptDate: '29/04/2020' }], [{ ...event(), registeredMail: 'no' }], event()]) {
        expect(published(body), JSON.stringify(body)).to.equal(false);
        expect(exact(body), JSON.stringify(body)).to.equal(false);
      }
    });

    it('refuse, in the exact reading, the guide example’s eboxId, any undeclared field and a CBE of more than ten digits', () => {
      const guide = event() as Record<string, unknown>;
      guide.eboxId = guide.enterpriseId;
      for (const body of [[guide], [{ ...event(), readStatus: false }], [{ ...event(), enterpriseId: '02067316451' }], [{ ...event(), subject: { fr: 'x', es: 'y' } }]]) {
        expect(exact(body), JSON.stringify(body)).to.equal(false);
      }
      // The published pattern is not anchored: the contract alone lets these through.
      expect(published([{ ...event(), enterpriseId: '02067316451' }])).to.equal(true);
      expect(published([guide])).to.equal(true);
    });
  });
});
