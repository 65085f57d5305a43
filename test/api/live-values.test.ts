import { describe, expect, it } from 'vitest';
import { servedTestApi } from '../support/api.js';
import { subscribeSse, subscribeWs, wsClient } from '../support/streams.js';

const served = servedTestApi();

// A crossing's event that selects values of the organisation as they are now, not as they were
// when the subscription started.
const SUBSCRIPTION = `subscription {
  thresholdCrossed(filter: { odsCodes: ["RJ1"], organisationTypes: [TRUST] }) {
    period direction
    organisation { latest(metricCode: "AE_4HR") { period value } standing(metricCode: "AE_4HR") { value state } }
  }
}`;

const write = (period: string, numerator: number) =>
  served.api.post({
    query:
      'mutation($i: RecordMeasurementsInput!) { recordMeasurements(input: $i) { crossingsRecorded errors { code } } }',
    variables: {
      i: {
        source: 'live values',
        measurements: [{ metricCode: 'AE_4HR', odsCode: 'RJ1', period, numerator, denominator: 1_000 }],
      },
    },
  });

describe('live events', () => {
  it('show each event the values as they are when it happens, over SSE and WebSocket', async () => {
    const { api, url } = served;
    const sse = await subscribeSse(url, SUBSCRIPTION, {}, api.adminKey);
    const client = wsClient(url, api.adminKey);
    const ws = subscribeWs(client, SUBSCRIPTION);
    await new Promise((resolve) => setTimeout(resolve, 300));
    try {
      expect((await write('2025-04', 700)).json.data).toMatchObject({ recordMeasurements: { errors: [] } });
      const first = {
        period: '2025-04',
        direction: 'BREACHED',
        organisation: { latest: { period: '2025-04', value: 70 }, standing: { value: 70, state: 'NOT_MEETING' } },
      };
      expect((await sse.waitFor(1))[0]!.thresholdCrossed).toEqual(first);
      expect((await ws.waitFor(1))[0]!.thresholdCrossed).toEqual(first);

      expect((await write('2025-05', 850)).json.data).toMatchObject({ recordMeasurements: { errors: [] } });
      const second = {
        period: '2025-05',
        direction: 'RECOVERED',
        organisation: { latest: { period: '2025-05', value: 85 }, standing: { value: 85, state: 'MEETING' } },
      };
      expect((await sse.waitFor(2))[1]!.thresholdCrossed).toEqual(second);
      expect((await ws.waitFor(2))[1]!.thresholdCrossed).toEqual(second);
    } finally {
      sse.close();
      ws.close();
      await client.dispose();
    }
  });
});
