import uPlot from 'uplot';
import { OrganisationDetailDocument } from '../../schema/generated/graphql.js';
import { request } from './api.js';

let chart: uPlot | null = null;

const periodTime = (period: string) => Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5, 7)) - 1, 1) / 1000;

function row(cells: readonly string[]): HTMLTableRowElement {
  const tr = document.createElement('tr');
  for (const content of cells) {
    const td = document.createElement('td');
    td.textContent = content;
    tr.append(td);
  }
  return tr;
}

/** A value's history in words: first as recorded, or what each earlier version said and where it came from. */
function revisionText(
  revision: number,
  earlier: readonly { revision: number; value: number; source: string }[],
): string {
  if (revision === 0) return 'as first recorded';
  return `revised ${revision}×; before: ${earlier.map((version) => `${Math.round(version.value * 100) / 100} (${version.source})`).join(', ')}`;
}

/** An organisation's detail: its whole series with the target and SPC limits, its crossings, and where each value came from. */
export async function showDetail(odsCode: string, name: string, metricCode: string): Promise<void> {
  const dialog = document.getElementById('detail') as HTMLDialogElement;
  document.getElementById('detail-title')!.textContent = `${name} (${odsCode}): ${metricCode}`;
  const { organisation } = await request(OrganisationDetailDocument, { odsCode, metricCode });
  if (!organisation) return;
  const values = organisation.measurements.edges.map((edge) => edge.node);
  const points = organisation.spc.points;
  const spcByPeriod = new Map(points.map((point) => [point.period, point]));
  const data: uPlot.AlignedData = [
    values.map((value) => periodTime(value.period)),
    values.map((value) => value.value),
    values.map((value) => value.standing?.threshold ?? null),
    values.map((value) => spcByPeriod.get(value.period)?.mean ?? null),
    values.map((value) => spcByPeriod.get(value.period)?.lowerProcessLimit ?? null),
    values.map((value) => spcByPeriod.get(value.period)?.upperProcessLimit ?? null),
  ];
  const container = document.getElementById('detail-chart')!;
  chart?.destroy();
  dialog.showModal();
  chart = new uPlot(
    {
      width: Math.max(320, container.clientWidth || 800),
      height: 320,
      series: [
        {},
        { label: metricCode, stroke: '#005eb8', width: 3 },
        { label: 'Target', stroke: '#d4351c', dash: [8, 4] },
        { label: 'Mean', stroke: '#505a5f' },
        { label: 'Lower process limit', stroke: '#505a5f', dash: [2, 4] },
        { label: 'Upper process limit', stroke: '#505a5f', dash: [2, 4] },
      ],
    },
    data,
    container,
  );
  const crossings = document.getElementById('detail-crossings')!;
  crossings.replaceChildren(
    ...organisation.seriesHistory.flatMap((history) =>
      history.crossings.map((crossing) => {
        const item = document.createElement('li');
        item.textContent = `${crossing.period}: ${crossing.crossing === 'BREACHED' ? 'fell short of' : 'met'} ${crossing.threshold} (${Math.round(crossing.value * 10) / 10}) — ${history.milestone.title}`;
        return item;
      }),
    ),
  );
  if (crossings.children.length === 0)
    crossings.append(Object.assign(document.createElement('li'), { textContent: 'No crossings.' }));
  document.querySelector('#detail-values tbody')!.replaceChildren(
    ...values
      .slice()
      .reverse()
      .map((value) =>
        row([
          value.period,
          value.displayValue,
          value.source,
          revisionText(
            value.revision,
            value.revisions.edges.map((edge) => edge.node),
          ),
          new Date(value.recordedAt).toLocaleString('en-GB'),
        ]),
      ),
  );
}
