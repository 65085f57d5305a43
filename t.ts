import { createTestApi } from './test/support/api.js';
const api = await createTestApi();
for (const body of [{ query: '{ mandates { ' }, {}, '{"query": ', { query: 'mutation { recordMeasurements { inserted } }' }, { query: '{ organisations(first: -1) { totalCount } }' }, { query: '{ organisations(first: 2, after: "%%%") { totalCount } }' }]) {
  for (const accept of ['application/graphql-response+json, application/json', 'application/json', 'application/graphql-response+json']) {
    const r = await api.app.yoga.fetch('http://t/graphql', { method: 'POST', headers: { 'content-type': 'application/json', accept }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    console.log(accept.slice(0, 30), r.status, (await r.text()).slice(0, 200));
  }
}
await api.close();
