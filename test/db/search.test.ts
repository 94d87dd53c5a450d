import { expect } from 'chai';
import type { Knex } from 'knex';
import { dialectOf } from '../../src/db/dialects';
import { createSearchIndex } from '../../src/db/migrations/20261129000100_postgres_search';
import { reindexMessages } from '../../src/db/search-index';
import { upsertReference } from '../../src/db/repositories/reference-data';
import { searchFilter } from '../../src/db/repositories/message-list';
import { normalizeForSearch } from '../../src/domain/search-normalize';
import { LANGUAGES, type Language } from '../../src/domain/translated-string';
import { describeEachEngine } from '../helpers/databases';
import { useImportStore } from '../helpers/import-store';

const SENTENCE = 'This is some random with Special cases like épinards and François, ok?';
const FOUND = ['some', 'me rando', 'ok?', 'François', 'Francois', 'epinards', 'ép', 'SOME RAND'];
const NOT_FOUND = ['ok?This is', 'This some random'];

const EBOX = '0123456749';
const OTHER_EBOX = '1000000002';

// Filler text, in every language, that none of the needles above can match.
const FILLER = { fr: 'Rien à voir', nl: 'Niets te zien', de: 'Nichts zu sehen' };
const NEUTRAL_ORG = '0200000001';
const NEUTRAL_APP = 'neutral-app';
const NEUTRAL_TYPE = 'neutral-type';

/** The sentence in `lang` only; the other languages are given, so completion does not copy it. */
const inLang = (lang: Language) => ({ ...FILLER, [lang]: SENTENCE });

type Field =
  | 'subject'
  | 'businessDataValue'
  | 'forTheAttentionOfId'
  | 'forTheAttentionOfName'
  | 'applicationName'
  | 'applicationDescription'
  | 'organizationShortName'
  | 'organizationLongName'
  | 'messageTypeName'
  | 'messageTypeDescription';

const TRANSLATED: Field[] = [
  'subject',
  'businessDataValue',
  'applicationName',
  'applicationDescription',
  'organizationShortName',
  'organizationLongName',
  'messageTypeName',
  'messageTypeDescription',
];
const PLAIN: Field[] = ['forTheAttentionOfId', 'forTheAttentionOfName'];

const messageId = (field: Field, lang?: Language) => (lang ? `${field}-${lang}` : field);

function message(id: string, extra: object = {}, eboxId = EBOX) {
  return {
    eboxId,
    messageId: id,
    subject: FILLER,
    receiptDate: '2026-03-01T09:00:00Z',
    expirationDate: '2099-03-01T09:00:00Z',
    messageTypeId: NEUTRAL_TYPE,
    senderOrganizationId: NEUTRAL_ORG,
    senderApplicationId: NEUTRAL_APP,
    ...extra,
  };
}

const org = (id: string, extra: object = {}) => ({ organizationId: id, organizationShortName: FILLER, ...extra });
const app = (id: string, extra: object = {}) => ({ applicationId: id, applicationName: FILLER, ...extra });
const type = (id: string, extra: object = {}) => ({
  messageTypeId: id,
  messageTypeName: FILLER,
  validityPeriod: { validityPeriodNumber: 1, validityPeriodUnit: 'year' },
  ...extra,
});

/** One message per searchable field and language, holding the sentence there and only there. */
function fixture() {
  const senderOrganizations: object[] = [org(NEUTRAL_ORG)];
  const senderApplications: object[] = [app(NEUTRAL_APP)];
  const messageTypes: object[] = [type(NEUTRAL_TYPE)];
  const messages: object[] = [];
  LANGUAGES.forEach((lang, l) => {
    const orgId = (n: number) => `020000${l}${n}00`;
    messages.push(
      message(messageId('subject', lang), { subject: inLang(lang) }),
      message(messageId('businessDataValue', lang), {
        businessDataList: [{ key: 'k', name: FILLER, values: [FILLER, inLang(lang)] }],
      }),
      message(messageId('applicationName', lang), { senderApplicationId: `name-${lang}` }),
      message(messageId('applicationDescription', lang), { senderApplicationId: `description-${lang}` }),
      message(messageId('organizationShortName', lang), { senderOrganizationId: orgId(1) }),
      message(messageId('organizationLongName', lang), { senderOrganizationId: orgId(2) }),
      message(messageId('messageTypeName', lang), { messageTypeId: `name-${lang}` }),
      message(messageId('messageTypeDescription', lang), { messageTypeId: `description-${lang}` }),
    );
    senderApplications.push(app(`name-${lang}`, { applicationName: inLang(lang) }), app(`description-${lang}`, { applicationDescription: inLang(lang) }));
    senderOrganizations.push(org(orgId(1), { organizationShortName: inLang(lang) }), org(orgId(2), { organizationLongName: inLang(lang) }));
    messageTypes.push(type(`name-${lang}`, { messageTypeName: inLang(lang) }), type(`description-${lang}`, { messageTypeDescription: inLang(lang) }));
  });
  messages.push(
    message(messageId('forTheAttentionOfId'), { forTheAttentionOf: { id: SENTENCE, type: 'INSS', name: 'Jean' } }),
    message(messageId('forTheAttentionOfName'), { forTheAttentionOf: { id: '85010100123', type: 'INSS', name: SENTENCE } }),
    message('neutral'),
    message('body-and-attachment', {
      bodyContent: { fr: SENTENCE, nl: SENTENCE, de: SENTENCE },
      attachments: [
        {
          fileName: 'some random épinards François.txt',
          attachmentTitle: { fr: SENTENCE, nl: SENTENCE, de: SENTENCE },
          mediaType: 'text/plain',
          mainContent: true,
          content: Buffer.from(SENTENCE).toString('base64'),
        },
      ],
    }),
    message('other-ebox', { subject: { fr: SENTENCE, nl: SENTENCE, de: SENTENCE } }, OTHER_EBOX),
    message('special', { subject: { fr: `100% sure_thing back\\slash it's "quoted" *star (paren) a-b key:value ^caret NEAR AND OR abcXdef` } }),
    message('contained-fields', {
      subject: { fr: 'Rappel TVA D.2024.123', nl: 'Herinnering btw D.2024.123' },
      businessDataList: [{ key: 'k', name: FILLER, values: [{ fr: 'D.2024.123', nl: 'D.2024.123' }, { fr: 'Rappel', nl: 'Herinnering' }] }],
    }),
    message('two-fields', { subject: { fr: 'alpha ok?' }, businessDataList: [{ key: 'k', name: FILLER, values: [{ fr: 'This is beta' }, { fr: 'gamma qz' }, { fr: 'jw delta' }] }] }),
  );
  return { senderOrganizations, senderApplications, messageTypes, messages };
}

describeEachEngine('text search (message_search)', (engine) => {
  const store = useImportStore(engine);
  let db: Knex;

  const load = (data: object) => store.load(data);

  /** The ids of the e-Box's messages matching q in qlang, as the message list selects them. */
  async function search(q: string, lang: Language, eboxId = EBOX): Promise<string[]> {
    const filter = await searchFilter(db, eboxId, lang, normalizeForSearch(q));
    return filter(db('messages').where('ebox_id', eboxId)).orderBy('message_id').pluck('message_id');
  }

  before(async () => {
    db = store.db;
    await load(fixture());
  });

  it('stores one row per message and language, and the names of reference data once per object and language', async () => {
    const messages = await db('messages').count({ n: '*' }).first();
    const rows = await db('message_search').count({ n: '*' }).first();
    // Every message of the fixture has a subject, so every language has a text.
    expect(Number(rows?.n)).to.equal(3 * Number(messages?.n));
    let references = 0;
    for (const table of ['sender_organizations', 'sender_applications', 'message_types']) references += Number((await db(table).count({ n: '*' }).first())?.n);
    expect(Number((await db('reference_search').count({ n: '*' }).first())?.n)).to.equal(3 * references);
    // A message's own text holds none of the names of its reference data.
    const subjectFr = await db('message_search').where({ message_id: messageId('organizationShortName', 'fr'), lang: 'fr' }).first();
    expect(subjectFr.text).to.equal(normalizeForSearch(FILLER.fr));
  });

  for (const field of TRANSLATED) {
    for (const lang of LANGUAGES) {
      describe(`${field} in ${lang}`, () => {
        const id = messageId(field, lang);
        for (const q of FOUND) {
          it(`finds "${q}" with qlang=${lang} only`, async () => {
            expect(await search(q, lang)).to.include(id);
            for (const other of LANGUAGES.filter((x) => x !== lang)) expect(await search(q, other)).to.not.include(id);
          });
        }
        for (const q of NOT_FOUND) {
          it(`does not find "${q}"`, async () => {
            expect(await search(q, lang)).to.not.include(id);
          });
        }
      });
    }
  }

  for (const field of PLAIN) {
    describe(`${field} (the same in every language)`, () => {
      for (const q of FOUND) {
        it(`finds "${q}" in fr, nl and de`, async () => {
          for (const lang of LANGUAGES) expect(await search(q, lang)).to.include(messageId(field));
        });
      }
      for (const q of NOT_FOUND) {
        it(`does not find "${q}"`, async () => {
          for (const lang of LANGUAGES) expect(await search(q, lang)).to.not.include(messageId(field));
        });
      }
    });
  }

  it('stores a field once when another field holds it, and still finds the message by it', async () => {
    const rows: { lang: string; text: string }[] = await db('message_search').where({ message_id: 'contained-fields' }).orderBy('lang').select('lang', 'text');
    expect(rows).to.deep.equal([
      { lang: 'de', text: 'rappel tva d.2024.123' },
      { lang: 'fr', text: 'rappel tva d.2024.123' },
      { lang: 'nl', text: 'herinnering btw d.2024.123' },
    ]);
    for (const q of ['D.2024.123', 'rappel', 'TVA D.2024']) expect(await search(q, 'fr'), q).to.include('contained-fields');
    for (const q of ['D.2024.123', 'herinnering']) expect(await search(q, 'nl'), q).to.include('contained-fields');
    expect(await search('rappel', 'nl')).to.not.include('contained-fields');
  });

  it('never finds the filler text, nor anything in bodies or attachments', async () => {
    for (const lang of LANGUAGES) {
      for (const q of [...FOUND, SENTENCE, 'some random épinards François.txt']) {
        const found = await search(q, lang);
        expect(found, q).to.not.include('neutral');
        expect(found, q).to.not.include('body-and-attachment');
      }
    }
  });

  it('finds only messages of the e-Box asked', async () => {
    for (const q of ['some random', 'ép', 'o']) {
      expect(await search(q, 'fr')).to.not.include('other-ebox');
      expect(await search(q, 'fr', OTHER_EBOX)).to.deep.equal(['other-ebox']);
    }
  });

  it('treats special characters as literal text, for short and long needles', async () => {
    const literal = [
      '100%', '% sure', 'sure_thing', 'back\\slash', "it's", '"quoted"', '"', "'", '*star', '(paren)', '(', 'a-b', '-',
      'key:value', ':', '^caret', '^', 'near and or', 'NEAR', 'AND OR', 'OR abc', '%', '_', '\\', '*', ')', 'ABCxDEF',
      '\\sl', 'k\\s', '_t', '% s',
    ];
    for (const q of literal) expect(await search(q, 'fr'), q).to.deep.equal(['special']);
    // As patterns (LIKE, GLOB, FTS5 syntax, or a LIKE escape) these would match; as text they do not.
    for (const q of [
      'abc_def', 'abc%def', 'abc*def', 'abc?def', 'abc[x]def', '10%thing', 's_re', 'sure*', 'NEAR(sure thing)', 'sure OR caret',
      'key: value', '-sure', '"sure" "thing"', '\\\\', 'back\\\\slash', '100\\%', 'sure\\_thing', '%%', '%_', '__', '\\_', '\\%',
    ]) {
      expect(await search(q, 'fr'), q).to.deep.equal([]);
    }
  });

  it('never matches across two fields', async () => {
    expect(await search('alpha ok?', 'fr')).to.deep.equal(['two-fields']);
    expect(await search('ok?This is', 'fr')).to.deep.equal([]);
    expect(await search('ok? This is', 'fr')).to.deep.equal([]);
    expect(await search('ok?', 'fr')).to.include('two-fields');
    expect(await search('beta gamma', 'fr')).to.deep.equal([]);
    // Two characters, one on each side of a boundary.
    expect(await search('qz', 'fr')).to.deep.equal(['two-fields']);
    expect(await search('zj', 'fr')).to.deep.equal([]);
    expect(await search('z j', 'fr')).to.deep.equal([]);
  });

  it('finds one- and two-character needles', async () => {
    expect(await search('ÉP', 'fr')).to.include(messageId('subject', 'fr'));
    expect(await search('ç', 'nl')).to.include(messageId('subject', 'nl'));
    expect(await search('?', 'de')).to.include.members([messageId('subject', 'de'), 'forTheAttentionOfName']);
    expect(await search('qz', 'nl')).to.deep.equal(['two-fields']); // completed from fr
  });

  it('matches every message of the e-Box when the needle is empty after normalization', async () => {
    const all = await db('messages').where('ebox_id', EBOX).orderBy('message_id').pluck('message_id');
    expect(await search('', 'fr')).to.deep.equal(all);
  });

  it('follows a message re-imported with another subject', async () => {
    await load({ messages: [message('renamed-message', { subject: { fr: 'Premier sujet' } })] });
    expect(await search('premier', 'fr')).to.deep.equal(['renamed-message']);
    await load({ messages: [message('renamed-message', { subject: { fr: 'Second sujet' } })] });
    expect(await search('premier', 'fr')).to.deep.equal([]);
    expect(await search('second', 'fr')).to.deep.equal(['renamed-message']);
  });

  it('follows a renamed organization, application and message type at once', async () => {
    await load({
      senderOrganizations: [org('0200000999', { organizationShortName: { fr: 'Ancienne raison' } })],
      senderApplications: [app('renamed-app', { applicationName: { fr: 'Ancienne appli' } })],
      messageTypes: [type('renamed-type', { messageTypeName: { fr: 'Ancien type' } })],
      messages: [
        message('by-renamed-org', { senderOrganizationId: '0200000999' }),
        message('by-renamed-app', { senderApplicationId: 'renamed-app' }),
        message('of-renamed-type', { messageTypeId: 'renamed-type' }),
      ],
    });
    expect(await search('ancienne raison', 'fr')).to.deep.equal(['by-renamed-org']);
    expect(await search('ancienne appli', 'fr')).to.deep.equal(['by-renamed-app']);
    expect(await search('ancien type', 'fr')).to.deep.equal(['of-renamed-type']);
    // Reference data alone, without the messages that name it.
    await load({
      senderOrganizations: [org('0200000999', { organizationShortName: { fr: 'Nouvelle raison' } })],
      senderApplications: [app('renamed-app', { applicationName: { fr: 'Nouvelle appli' } })],
      messageTypes: [type('renamed-type', { messageTypeName: { fr: 'Nouveau type' } })],
    });
    expect(await search('ancienne raison', 'fr')).to.deep.equal([]);
    expect(await search('ancienne appli', 'fr')).to.deep.equal([]);
    expect(await search('ancien type', 'fr')).to.deep.equal([]);
    expect(await search('nouvelle raison', 'fr')).to.deep.equal(['by-renamed-org']);
    expect(await search('nouvelle appli', 'fr')).to.deep.equal(['by-renamed-app']);
    expect(await search('nouveau type', 'fr')).to.deep.equal(['of-renamed-type']);
  });

  it('follows a rename written by upsertReference, rewriting no message row', async () => {
    const before = await db('message_search').orderBy(['message_id', 'lang']).select('message_id', 'lang', 'text');
    await upsertReference(db, 'senderOrganization', { id: '0200000999', document: org('0200000999', { organizationShortName: { fr: 'Troisième raison' } }), updatedAt: 1 });
    expect(await search('troisieme', 'fr')).to.deep.equal(['by-renamed-org']);
    expect(await search('nouvelle raison', 'fr')).to.deep.equal([]);
    expect(await db('message_search').orderBy(['message_id', 'lang']).select('message_id', 'lang', 'text')).to.deep.equal(before);
  });

  it('drops the rows of deleted messages', async () => {
    await load({ messages: [message('to-delete', { subject: { fr: 'Éphémère xylophone' } })] });
    expect(await search('xylophone', 'fr')).to.deep.equal(['to-delete']);
    await db('messages').where('message_id', 'to-delete').delete(); // cascades to message_search
    expect(await db('message_search').where('message_id', 'to-delete')).to.have.length(0);
    expect(await search('xylophone', 'fr')).to.deep.equal([]);
    await reindexMessages(db, ['to-delete']); // an id without a message is fine
    expect(await db('message_search').where('message_id', 'to-delete')).to.have.length(0);
  });

  if (engine.name === 'sqlite') {
    // The FTS5 table exists on SQLite only; PostgreSQL's GIN index is part of
    // message_search itself and cannot drift from it.
    describe('the FTS5 index (SQLite only)', () => {
      it('loses the rows of deleted messages', async () => {
        const fts = await db('message_search_fts').whereRaw('message_search_fts MATCH ?', ['"xylophone"']).pluck('rowid');
        expect(fts).to.deep.equal([]);
      });

      it('stays consistent with message_search', async () => {
        await db.raw(`INSERT INTO message_search_fts(message_search_fts) VALUES ('integrity-check')`);
      });
    });
  }

  // Plans are the engine's own vocabulary, hence one block per engine.
  if (engine.name === 'sqlite') {
    describe('query plans (SQLite)', () => {
      async function plan(query: Knex.QueryBuilder): Promise<string[]> {
        const { sql, bindings } = query.toSQL().toNative();
        const rows: { detail: string }[] = await db.raw(`EXPLAIN QUERY PLAN ${sql}`, [...bindings]);
        return rows.map((r) => r.detail);
      }
      const messagesQuery = (needle: string) =>
        db('messages').where('ebox_id', EBOX).whereIn('messages.message_id', dialectOf(db).searchMatches(db, EBOX, 'fr', needle)).select('message_id');

      it('serves a needle of 3+ characters from the FTS index, then rowid look-ups', async () => {
        const details = await plan(dialectOf(db).searchMatches(db, EBOX, 'fr', 'random'));
        expect(details).to.include.members(['SCAN message_search_fts VIRTUAL TABLE INDEX 0:M1', 'SEARCH message_search USING INTEGER PRIMARY KEY (rowid=?)']);
        expect(details.filter((d) => /^SCAN message_search\b(?!_fts)/.test(d))).to.deep.equal([]);
      });

      it('serves a needle of 1-2 characters from the (ebox_id, lang) index', async () => {
        const details = await plan(dialectOf(db).searchMatches(db, EBOX, 'fr', 'ep'));
        expect(details).to.deep.equal(['SEARCH message_search USING INDEX message_search_ebox_lang (ebox_id=? AND lang=?)']);
      });

      it('decides a whole search (own text or reference names) from the e-Box index alone, reading no messages row', async () => {
        for (const needle of ['random', 'ep']) {
          const filter = await searchFilter(db, EBOX, 'fr', needle);
          // The list's own conditions (repositories/messages.ts criteria).
          const query = filter(db('messages').where('messages.ebox_id', EBOX).andWhere(dialectOf(db).unindexed(db, 'messages.expiration_at'), '>', 0)).count({ n: '*' });
          const details = await plan(query);
          expect(details, JSON.stringify(details)).to.include('SEARCH messages USING COVERING INDEX messages_ebox_receipt (ebox_id=?)');
          expect(details.filter((d) => /^SCAN (messages|reference_search)\b/.test(d)), JSON.stringify(details)).to.deep.equal([]);
        }
      });

      it('keeps the message list on an e-Box index while searching, never scanning messages', async () => {
        for (const needle of ['random', 'ep']) {
          const details = await plan(messagesQuery(needle));
          // Unordered, SQLite takes the smallest of the indexes led by the e-Box.
          expect(details.some((d) => /messages_ebox_(receipt|type|organization) \(ebox_id=\?\)/.test(d)), JSON.stringify(details)).to.equal(true);
          expect(details.filter((d) => /^SCAN messages\b/.test(d))).to.deep.equal([]);
        }
      });
    });
  }

  if (engine.name === 'postgres') {
    describe('query plans (PostgreSQL)', () => {
      interface PlanNode {
        'Node Type': string;
        'Relation Name'?: string;
        'Index Name'?: string;
        'Index Cond'?: string;
        Plans?: PlanNode[];
      }
      const flatten = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(flatten)];

      // The planner reads a fixture of a few dozen rows faster without any index,
      // so the plans are taken on a few thousand more: 1,000 messages in the
      // caller's e-Box and 10,000 in 100 others. They are written in a
      // transaction rolled back at the end, leaving the fixture as it was.
      let trx: Knex.Transaction;
      before(async () => {
        trx = await db.transaction();
        await trx.raw(`
          INSERT INTO messages (message_id, ebox_id, subject, receipt_at, expiration_at, message_type_id, sender_organization_id, business_data, updated_at)
          SELECT 'bulk-' || g, CASE WHEN g <= 1000 THEN ? ELSE lpad((1000000 + g % 100)::text, 10, '0') END, '{}', g, 4102444800000, ?, ?, '[]', 0
          FROM generate_series(1, 11000) g`, [EBOX, NEUTRAL_TYPE, NEUTRAL_ORG]);
        await trx.raw(`
          INSERT INTO message_search (message_id, ebox_id, lang, text)
          SELECT m.message_id, m.ebox_id, l, 'attestation ' || l || ' ' || md5(m.message_id) || chr(31) || 'office national de securite sociale'
          FROM messages m CROSS JOIN unnest(array['nl', 'fr', 'de']) l WHERE m.message_id LIKE 'bulk-%'`);
        // Rows just written wait in the GIN pending list, which every search reads
        // whole, until autovacuum merges them; merged now, as on a settled store.
        await trx.raw(`SELECT gin_clean_pending_list('message_search_trgm')`);
        await trx.raw('ANALYZE messages');
        await trx.raw('ANALYZE message_search');
      });
      after(() => trx.rollback());

      async function plan(query: Knex.QueryBuilder, on: Knex.Transaction = trx): Promise<PlanNode[]> {
        const { sql, bindings } = query.toSQL();
        const { rows } = await on.raw(`EXPLAIN (FORMAT JSON) ${sql}`, [...bindings]);
        return flatten(rows[0]['QUERY PLAN'][0].Plan as PlanNode);
      }
      const scans = (nodes: PlanNode[], table: string) => nodes.filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === table);
      const indexes = (nodes: PlanNode[]) => nodes.map((n) => n['Index Name']).filter((n) => n !== undefined);

      it('serves a needle of 3+ characters from the trigram index, the e-Box and language inside its condition', async () => {
        const { rows: btreeGin } = await trx.raw(`SELECT 1 FROM pg_extension WHERE extname = 'btree_gin'`);
        if (btreeGin.length === 0) throw new Error('btree_gin missing: the migration built the text-only index, whose plan the next test checks');
        const nodes = await plan(dialectOf(trx).searchMatches(trx, EBOX, 'fr', 'random'));
        expect(indexes(nodes), JSON.stringify(nodes)).to.deep.equal(['message_search_trgm']);
        expect(nodes[1]['Index Cond']).to.match(/^\(\(\(lang \|\| ebox_id\) = 'fr0123456749'::text\) AND \(text ~~ '%random%'::text\)\)$/);
      });

      it('serves a needle of 1-2 characters from the (ebox_id, lang) index', async () => {
        const nodes = await plan(dialectOf(trx).searchMatches(trx, EBOX, 'fr', 'ep'));
        expect(indexes(nodes), JSON.stringify(nodes)).to.deep.equal(['message_search_ebox_lang']);
        expect(nodes[1]['Index Cond']).to.match(/ebox_id = '0123456749'.*lang = 'fr'/);
      });

      it('keeps the message list on the messages indexes while searching, never scanning messages', async () => {
        for (const needle of ['random', 'ep']) {
          const query = trx('messages').where('ebox_id', EBOX).whereIn('messages.message_id', dialectOf(trx).searchMatches(trx, EBOX, 'fr', needle)).select('message_id');
          const nodes = await plan(query);
          expect(scans(nodes, 'messages'), JSON.stringify(nodes)).to.deep.equal([]);
          expect(scans(nodes, 'message_search'), JSON.stringify(nodes)).to.deep.equal([]);
        }
      });

      it('keeps a whole search (own text or reference names) on the messages indexes, never scanning messages', async () => {
        for (const needle of ['random', 'ep']) {
          await trx.raw('ANALYZE reference_search');
          const filter = await searchFilter(trx, EBOX, 'fr', needle);
          const query = filter(trx('messages').where('messages.ebox_id', EBOX).andWhere(dialectOf(trx).unindexed(trx, 'messages.expiration_at'), '>', 0)).count({ n: '*' });
          const nodes = await plan(query);
          expect(scans(nodes, 'messages'), JSON.stringify(nodes)).to.deep.equal([]);
          expect(scans(nodes, 'message_search'), JSON.stringify(nodes)).to.deep.equal([]);
        }
      });

      it('finds the same with the text-only trigram index, built where btree_gin is missing', async () => {
        const needles = ['some random', 'épinards', '100%', 'sure_thing', 'back\\slash', 'abc_def', 'ok?This is', 'ÉP', '?', 'attestation fr'];
        const find = (on: Knex.Transaction, q: string) =>
          on('messages').where('ebox_id', EBOX).whereIn('message_id', dialectOf(on).searchMatches(on, EBOX, 'fr', normalizeForSearch(q))).orderBy('message_id').pluck('message_id');
        const expected = await Promise.all(needles.map((q) => find(trx, q)));
        expect(expected.at(-1)).to.have.length(1000);
        await trx
          .transaction(async (savepoint) => {
            await savepoint.raw('DROP INDEX message_search_trgm');
            await createSearchIndex(savepoint, false);
            const nodes = await plan(dialectOf(savepoint).searchMatches(savepoint, EBOX, 'fr', 'random'), savepoint);
            expect(nodes.find((n) => n['Index Name'] === 'message_search_trgm')?.['Index Cond'], JSON.stringify(nodes)).to.equal(`(text ~~ '%random%'::text)`);
            for (const [i, q] of needles.entries()) expect(await find(savepoint, q), q).to.deep.equal(expected[i]);
            throw new RollBack();
          })
          .catch(ignoreRollBack);
      });
    });
  }
});

/** Thrown to leave a transaction that changed the schema for one test only. */
class RollBack extends Error {}

function ignoreRollBack(err: unknown): void {
  if (!(err instanceof RollBack)) throw err;
}
